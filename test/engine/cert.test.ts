import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { readExtensions } from '../../electron/core/cert/extensions.js';
import { parseCertificates, summarize } from '../../electron/core/cert/x509.js';
import { checkChain, findPath } from '../../electron/core/trust/chain.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { issue } from '../lab/pki.js';

const x = (pem: string) => new X509Certificate(pem);

describe('certificate summaries', () => {
  it('RSA and ECDSA chains: key, signature, key identifiers, CA flag', async () => {
    const root = await issue({ subject: 'CN=Test RSA Root', alg: 'rsa', ca: true });
    const leaf = await issue({ subject: 'CN=site.example', hosts: ['site.example', 'www.site.example'], issuer: root, alg: 'ecdsa' });
    const r = summarize(x(root.pem));
    const l = summarize(x(leaf.pem));
    assert.equal(r.keyType, 'rsa');
    assert.equal(r.keyBits, 2048);
    assert.equal(r.signatureAlgorithm, 'sha256WithRSAEncryption');
    assert.ok(r.isCa && r.selfIssued);
    assert.equal(l.keyType, 'ec');
    assert.equal(l.curve, 'prime256v1');
    assert.equal(l.signatureAlgorithm, 'sha256WithRSAEncryption', 'the issuer signs with its RSA key');
    assert.deepEqual(l.subjectAltNames, ['site.example', 'www.site.example']);
    assert.equal(l.authorityKeyId, r.subjectKeyId);
    assert.match(l.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.equal(l.isCa, false);
  });

  it('Ed25519 certificates made by openssl parse too', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ca-bridge-ed-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ed25519',
          '-nodes',
          '-keyout',
          path.join(dir, 'k.pem'),
          '-out',
          path.join(dir, 'c.pem'),
          '-subj',
          '/CN=ed.example',
          '-days',
          '2',
        ],
        { stdio: 'ignore' },
      );
      const s = summarize(x(readFileSync(path.join(dir, 'c.pem'), 'utf8')));
      assert.equal(s.keyType, 'ed25519');
      assert.equal(s.signatureAlgorithm, 'Ed25519');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads Basic Constraints criticality and a missing SKI', async () => {
    const loose = await issue({ subject: 'CN=Loose CA', ca: true, basicConstraintsCritical: false, withSubjectKeyId: false });
    const ext = readExtensions(x(loose.pem).raw);
    assert.deepEqual(ext.basicConstraints, { critical: false, ca: true, pathLen: null });
    assert.equal(ext.subjectKeyId, null);
  });

  it('reports unparseable PEM blocks instead of dropping them silently', async () => {
    const good = await issue({ subject: 'CN=Good', ca: true });
    const parsed = parseCertificates(`${good.pem}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n${good.pem}`);
    assert.equal(parsed.certs.length, 2);
    assert.equal(parsed.problems.length, 1);
    assert.equal(parsed.problems[0]!.index, 1);
  });

  it('garbage extension bytes never throw', () => {
    assert.deepEqual(readExtensions(Buffer.from([0x30, 0x03, 0x01, 0x02])).subjectKeyId, null);
  });
});

describe('path building', () => {
  it('climbs presented intermediates to an anchor, confirming signatures', async () => {
    const root = await issue({ subject: 'CN=Root', ca: true });
    const mid = await issue({ subject: 'CN=Mid', ca: true, issuer: root });
    const leaf = await issue({ subject: 'CN=leaf', hosts: ['leaf.example'], issuer: mid });
    const anchors = new TrustSet('anchors', [{ cert: x(root.pem), source: 'test' }]);
    const found = findPath([x(leaf.pem), x(mid.pem)], anchors);
    assert.equal(found.anchor?.cert.fingerprint256, x(root.pem).fingerprint256);
    assert.equal(checkChain([x(leaf.pem)], anchors).trusted, false, 'the intermediate is missing');
    const viaStore = checkChain([x(leaf.pem)], anchors, new Date(), new TrustSet('intermediates', [{ cert: x(mid.pem), source: 'test' }]));
    assert.equal(viaStore.trusted, true, 'store intermediates complete the chain');
  });

  it('a same-named impostor root does not verify', async () => {
    const real = await issue({ subject: 'CN=Same Name Root', ca: true });
    const impostor = await issue({ subject: 'CN=Same Name Root', ca: true });
    const leaf = await issue({ subject: 'CN=leaf', issuer: impostor });
    const anchors = new TrustSet('anchors', [{ cert: x(real.pem), source: 'test' }]);
    const check = checkChain([x(leaf.pem)], anchors);
    assert.equal(check.trusted, false);
    assert.equal(check.anchorFingerprint256, null);
  });

  it('an expired chain keeps its anchor but is not trusted', async () => {
    const root = await issue({ subject: 'CN=Old Root', ca: true });
    const leaf = await issue({ subject: 'CN=old', issuer: root, notBefore: new Date('2020-01-01'), notAfter: new Date('2021-01-01') });
    const check = checkChain([x(leaf.pem)], new TrustSet('anchors', [{ cert: x(root.pem), source: 't' }]));
    assert.equal(check.trusted, false);
    assert.ok(check.anchorFingerprint256);
    assert.match(check.reason!, /expired/);
  });
});
