import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import forge from 'node-forge';
import { readExtensions } from '../../electron/core/cert/extensions.js';
import { EXPIRY_WARNING_DAYS, validityOf } from '../../electron/core/cert/rules.js';
import { strengthFindings } from '../../electron/core/diagnose/findings.js';
import { lintCa } from '../../electron/core/export/lint.js';
import { en } from '../../shared/i18n/en.js';
import { ja } from '../../shared/i18n/ja.js';
import { issue } from '../lab/pki.js';

const DAY = 86_400_000;
const x = (pem: string) => new X509Certificate(pem);

/** A CA and a leaf it signs with `digest`, made by the real openssl (WebCrypto cannot sign with MD5). */
function opensslChain(digest: 'md5' | 'sha1'): X509Certificate[] {
  const dir = mkdtempSync(path.join(tmpdir(), `ca-bridge-${digest}-`));
  const at = (name: string) => path.join(dir, name);
  const run = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  try {
    run(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      at('ca.key'),
      '-out',
      at('ca.pem'),
      '-subj',
      '/CN=Legacy Root',
      '-days',
      '30',
    );
    run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('leaf.key'), '-out', at('leaf.csr'), '-subj', `/CN=${digest}.example`);
    run(
      'x509',
      '-req',
      '-in',
      at('leaf.csr'),
      '-CA',
      at('ca.pem'),
      '-CAkey',
      at('ca.key'),
      `-${digest}`,
      '-out',
      at('leaf.pem'),
      '-days',
      '10',
    );
    return [x(readFileSync(at('leaf.pem'), 'utf8')), x(readFileSync(at('ca.pem'), 'utf8'))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The certificate's DER with Basic Constraints' `critical` field written out as `value` (DER omits a
 * FALSE default, but BER encoders in appliances write it). The signature no longer matches; only the
 * extension reader sees this certificate.
 */
function withExplicitCriticality(pem: string, value: boolean): Buffer {
  const { asn1 } = forge;
  const root = asn1.fromDer(forge.util.createBuffer(x(pem).raw.toString('binary')), false);
  const tbs = (root.value as forge.asn1.Asn1[])[0]!;
  const wrapper = (tbs.value as forge.asn1.Asn1[]).find((n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 3)!;
  const extensions = (wrapper.value as forge.asn1.Asn1[])[0]!.value as forge.asn1.Asn1[];
  const basic = extensions.find((e) => asn1.derToOid((e.value as forge.asn1.Asn1[])[0]!.value as string) === '2.5.29.19')!;
  const fields = basic.value as forge.asn1.Asn1[];
  const flag = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BOOLEAN, false, value ? '\xff' : '\x00');
  basic.value = [fields[0]!, flag, fields[fields.length - 1]!];
  return Buffer.from(asn1.toDer(root).getBytes(), 'binary');
}

describe('certificate rules', () => {
  it('an MD5 signature is an error, a SHA-1 signature a warning', () => {
    const [md5] = strengthFindings(opensslChain('md5'));
    assert.deepEqual([md5?.code, md5?.severity, md5?.certIndex], ['weak-signature', 'error', 0]);
    assert.match(md5!.message, /md5/i);
    const [sha1] = strengthFindings(opensslChain('sha1'));
    assert.deepEqual([sha1?.code, sha1?.severity, sha1?.certIndex], ['weak-signature', 'warning', 0]);
  });

  it('expiring soon means within EXPIRY_WARNING_DAYS (30): a day inside is a warning, a day outside is not', async () => {
    const now = new Date();
    const expiringAt = async (days: number) =>
      x((await issue({ subject: `CN=CA ${days}`, ca: true, notAfter: new Date(now.getTime() + days * DAY) })).pem);
    assert.equal(EXPIRY_WARNING_DAYS, 30, 'the catalogues and docs explain 30 days');
    assert.equal(validityOf(await expiringAt(EXPIRY_WARNING_DAYS - 1), now).state, 'expiring-soon');
    assert.equal(validityOf(await expiringAt(EXPIRY_WARNING_DAYS + 1), now).state, 'valid');
    const lint = lintCa(await expiringAt(EXPIRY_WARNING_DAYS - 1), now).find((f) => f.code === 'expiring-soon');
    assert.deepEqual(lint?.params, { days: EXPIRY_WARNING_DAYS });
    // The front doors word the number the engine sends, never a number of their own.
    for (const catalogue of [en, ja]) {
      assert.match(catalogue.lint['expiring-soon'].title, /\{\{days\}\}/);
      assert.doesNotMatch(catalogue.lint['expiring-soon'].title, /\d/);
    }
  });

  it('Basic Constraints criticality is read from the flag, not from its presence', async () => {
    const ca = await issue({ subject: 'CN=BER CA', ca: true });
    assert.equal(readExtensions(withExplicitCriticality(ca.pem, false)).basicConstraints?.critical, false);
    assert.equal(readExtensions(withExplicitCriticality(ca.pem, true)).basicConstraints?.critical, true);
    assert.equal(readExtensions(x(ca.pem).raw).basicConstraints?.critical, true, 'DER with the flag set');
  });
});
