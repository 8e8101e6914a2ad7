import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readExtensions } from '../../electron/core/cert/extensions.js';
import { certificatesFromPkcs7, readCertificateFile } from '../../electron/core/cert/import.js';
import { parseCertificates } from '../../electron/core/cert/x509.js';
import { lintCa } from '../../electron/core/export/lint.js';
import { issue, type Issued } from '../lab/pki.js';

let dir: string;
let rsaRoot: Issued;
let ecRoot: Issued;
let ecMid: Issued;
const file = (name: string) => path.join(dir, name);

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-import-'));
  rsaRoot = await issue({ subject: 'CN=Corp RSA Root', alg: 'rsa', ca: true });
  ecRoot = await issue({ subject: 'CN=Corp ECDSA Root', alg: 'ecdsa', ca: true });
  ecMid = await issue({ subject: 'CN=Corp ECDSA Issuing', alg: 'ecdsa', ca: true, issuer: ecRoot });
  await writeFile(file('chain.pem'), ecMid.pem + ecRoot.pem);
  // PKCS#7 bundles made by OpenSSL itself, as IT departments do.
  execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', file('chain.pem'), '-out', file('chain.p7b')]);
  execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', file('chain.pem'), '-outform', 'DER', '-out', file('chain-der.p7b')]);
});
after(() => rm(dir, { recursive: true, force: true }));

const subjects = (data: Buffer) =>
  readCertificateFile(data)
    .certs.map((c) => c.subject)
    .sort();

describe('importing what IT hands out', () => {
  it('PEM with several certificates', async () =>
    assert.deepEqual(subjects(await readFile(file('chain.pem'))), ['CN=Corp ECDSA Issuing', 'CN=Corp ECDSA Root']));
  it('DER .crt/.cer, RSA and ECDSA', () => {
    assert.deepEqual(subjects(new X509Certificate(rsaRoot.pem).raw), ['CN=Corp RSA Root']);
    assert.deepEqual(subjects(new X509Certificate(ecRoot.pem).raw), ['CN=Corp ECDSA Root']);
  });
  it('PKCS#7 .p7b in PEM and DER, with ECDSA certificates', async () => {
    assert.deepEqual(subjects(await readFile(file('chain.p7b'))), ['CN=Corp ECDSA Issuing', 'CN=Corp ECDSA Root']);
    assert.deepEqual(subjects(await readFile(file('chain-der.p7b'))), ['CN=Corp ECDSA Issuing', 'CN=Corp ECDSA Root']);
  });
  it('files with no certificate give no certificate and no crash', () => {
    for (const bad of [
      Buffer.alloc(0),
      Buffer.from('hello'),
      Buffer.from('-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n'),
      Buffer.from([0x30, 0x82, 0xff, 0xff, 0x01]),
    ]) {
      const parsed = readCertificateFile(bad);
      assert.equal(parsed.certs.length, 0);
    }
    assert.match(
      readCertificateFile(Buffer.from('-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n')).problems[0]!.reason,
      /broken PKCS#7/,
    );
  });
  it('fuzz: random and truncated bytes never throw from any importer', async () => {
    const seeds = [
      new X509Certificate(rsaRoot.pem).raw,
      new X509Certificate(ecMid.pem).raw,
      await readFile(file('chain-der.p7b')),
      await readFile(file('chain.p7b')),
      Buffer.from(ecRoot.pem),
    ];
    let rounds = 0;
    for (const seed of seeds) {
      for (let cut = 0; cut < seed.length; cut += Math.max(1, Math.floor(seed.length / 60))) {
        const truncated = seed.subarray(0, cut);
        const flipped = Buffer.from(seed);
        flipped[cut % flipped.length] = flipped[cut % flipped.length]! ^ 0xff;
        for (const input of [truncated, flipped, Buffer.concat([truncated, randomBytes(16)])]) {
          assert.doesNotThrow(() => readCertificateFile(input));
          assert.doesNotThrow(() => parseCertificates(input));
          assert.doesNotThrow(() => readExtensions(input));
          try {
            certificatesFromPkcs7(input);
          } catch (error) {
            assert.ok(error instanceof Error, 'only ordinary errors, which callers turn into messages');
          }
          rounds++;
        }
      }
    }
    for (let i = 0; i < 300; i++) assert.doesNotThrow(() => readCertificateFile(randomBytes(1 + (i % 200))));
    assert.ok(rounds > 500);
  });
});

describe('CA lint', () => {
  it('flags non-critical Basic Constraints, missing SKI, SHA-1, short RSA, expiry and non-CA', async () => {
    const root = await issue({ subject: 'CN=Lint Root', alg: 'rsa', ca: true, hash: 'SHA-1' });
    const codes = async (spec: Parameters<typeof issue>[0]) =>
      lintCa(new X509Certificate((await issue(spec)).pem))
        .map((f) => f.code)
        .sort();
    assert.deepEqual(await codes({ subject: 'CN=Loose', ca: true, basicConstraintsCritical: false, withSubjectKeyId: false }), [
      'basic-constraints-not-critical',
      'no-subject-key-id',
    ]);
    assert.deepEqual(await codes({ subject: 'CN=Sha1 Mid', ca: true, issuer: root, hash: 'SHA-1' }), ['sha1-signature']);
    assert.deepEqual(lintCa(new X509Certificate(root.pem)), [], 'a SHA-1 self-signature on a root is never checked, so not flagged');
    assert.deepEqual(await codes({ subject: 'CN=Short', alg: 'rsa', rsaBits: 1024, ca: true }), ['weak-rsa-key']);
    assert.deepEqual(await codes({ subject: 'CN=Old', ca: true, notBefore: new Date('2015-01-01'), notAfter: new Date('2020-01-01') }), [
      'expired',
    ]);
    assert.deepEqual(await codes({ subject: 'CN=Soon', ca: true, notAfter: new Date(Date.now() + 5 * 86_400_000) }), ['expiring-soon']);
    assert.deepEqual(await codes({ subject: 'CN=leaf.example', ca: false }), ['not-a-ca']);
    assert.deepEqual(await codes({ subject: 'CN=Good', ca: true }), []);
    const loose = lintCa(new X509Certificate((await issue({ subject: 'CN=Loose2', ca: true, basicConstraintsCritical: false })).pem));
    assert.match(loose[0]!.affects, /Python 3.13/);
  });
});
