/**
 * The Windows trust store as win-ca reads it through Wine's crypt32, with Windows Node running the
 * built CLI against the lab's inspecting proxy and NO --trust-store. Certificates reach the stores by
 * two routes the code under test has no part in: Wine's import of the host bundle into Root (the lab
 * bundle, bind-mounted) and registry values written by reg.exe, as certutil or Group Policy would.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { makeProxyCa, type LabProxy } from '../lab/proxy.js';
import { startWineLane, wineSkipReason, winPath, type WineLane } from './wine.js';

const skip = wineSkipReason();
const ROOT_STORE = 'Windows store "Trusted Root Certification Authorities"';
const EXPORT_DIR = 'C:\\Users\\Public\\CA 山田 & co';

const der = (pem: string) => Buffer.from(new X509Certificate(pem).raw);

/**
 * Puts a certificate into a registry-backed system store the way Windows keeps it: a value "Blob" under
 * ...\SystemCertificates\<store>\Certificates\<SHA-1>, holding the serialized property CERT_CERT_PROP_ID (32).
 */
async function addToRegistryStore(lane: WineLane, hive: 'HKCU' | 'HKLM', store: 'Root' | 'CA' | 'Disallowed', pem: string) {
  const cert = der(pem);
  const header = Buffer.alloc(12);
  header.writeUInt32LE(32, 0);
  header.writeUInt32LE(1, 4);
  header.writeUInt32LE(cert.length, 8);
  const sha1 = new X509Certificate(pem).fingerprint.replace(/:/g, '');
  const key = `${hive}\\Software\\Microsoft\\SystemCertificates\\${store}\\Certificates\\${sha1}`;
  const run = await lane.run('reg', [
    'add',
    key,
    '/v',
    'Blob',
    '/t',
    'REG_BINARY',
    '/d',
    Buffer.concat([header, cert]).toString('hex'),
    '/f',
  ]);
  assert.equal(run.code, 0, `reg add ${key}: ${run.stdout}${run.stderr}`);
}

describe('Windows trust store under Wine (win-ca, no --trust-store)', { skip: skip ?? false }, () => {
  let lab: Lab;
  let proxy: LabProxy;
  let leafOnly: LabProxy;
  let lane: WineLane;
  const detect = async (via: LabProxy, rootsPem: string) => {
    const run = await lane.cli(
      [
        'detect',
        '--proxy',
        via.url,
        '--targets',
        lab.hosts.slice(0, 3).join(','),
        '--public-roots',
        winPath(lab.publicRootsFile),
        // Generous: Wine on a busy shared machine.
        '--timeout',
        '60000',
        '--json',
      ],
      { rootsPem },
    );
    assert.equal(run.code, 0, run.stderr);
    return run.json();
  };

  before(async () => {
    [lab, lane] = await Promise.all([startLab(), startWineLane()]);
    proxy = await lab.startProxy({ shape: 'leaf+intermediate' });
    // Sends the leaf alone: its issuing CA must come from the store's CA (intermediate) store.
    const ca = await makeProxyCa('ecdsa', 'CN=Lab Registry Root CA, O=Example Corp', 'CN=Lab Registry Issuing CA, O=Example Corp');
    leafOnly = await lab.startProxy({ shape: 'leaf', ca });
  });
  after(async () => Promise.all([lab?.close(), lane?.close()]));

  it('finds the inspection CA in Root (imported from the host bundle) and exports it to a Japanese path with & in it', async () => {
    const result = await detect(proxy, proxy.root.pem);
    assert.equal(result.verdict, 'inspected');
    assert.equal(result.inspectionCa.source, 'trust-store');
    assert.equal(result.inspectionCa.location, ROOT_STORE);
    assert.equal(result.inspectionCa.fingerprint256, new X509Certificate(proxy.root.pem).fingerprint256);
    assert.ok(result.targets.every((t: any) => t.trustedByTrustStore));

    const run = await lane.cli(
      [
        'export',
        '--out',
        EXPORT_DIR,
        '--proxy',
        proxy.url,
        '--targets',
        lab.hosts.slice(0, 3).join(','),
        '--public-roots',
        winPath(lab.publicRootsFile),
        // Generous: Wine on a busy shared machine.
        '--timeout',
        '60000',
        '--json',
      ],
      { rootsPem: proxy.root.pem },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().ca.source, 'trust-store');
    const dir = lane.hostPath(EXPORT_DIR);
    const [pem, crt, bundle] = await Promise.all(
      ['corporate-ca.pem', 'corporate-ca.crt', 'ca-bundle.pem'].map((f) => readFile(path.join(dir, f))),
    );
    // The root and the intermediate the chain needs (the proxy's issuing CA), then the public roots.
    const fingerprints = (text: string) =>
      [...text.matchAll(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)].map((m) => new X509Certificate(m[0]).fingerprint256);
    const fp = (p: string) => new X509Certificate(p).fingerprint256;
    assert.deepEqual(fingerprints(pem!.toString('utf8')), [fp(proxy.root.pem), fp(proxy.intermediate!.pem)], 'corporate-ca.pem');
    assert.match(pem!.toString('utf8'), /^# Subject: .*Lab Inspection Root CA/m);
    assert.deepEqual(crt, der(proxy.root.pem), 'corporate-ca.crt is the root in DER');
    const inBundle = fingerprints(bundle!.toString('utf8'));
    const expected = [proxy.root.pem, proxy.intermediate!.pem, ...Object.values(lab.families).map((f) => f.root.pem)].map(fp);
    assert.deepEqual(new Set(inBundle), new Set(expected), 'ca-bundle.pem: the public roots plus the corporate CA');
    assert.equal(inBundle.length, expected.length, 'no duplicates');
  });

  it('a CA only in Disallowed (CurrentUser) is not trusted', async () => {
    await addToRegistryStore(lane, 'HKCU', 'Disallowed', proxy.root.pem);
    const result = await detect(proxy, '');
    assert.notEqual(result.inspectionCa.source, 'trust-store');
    assert.ok(result.targets.every((t: any) => !t.trustedByTrustStore));
  });

  it('a CA in Root and also in Disallowed (LocalMachine) is not trusted, not exported as trusted', async () => {
    await addToRegistryStore(lane, 'HKLM', 'Disallowed', proxy.root.pem);
    const result = await detect(proxy, proxy.root.pem);
    assert.notEqual(result.inspectionCa.source, 'trust-store');
    assert.ok(result.targets.every((t: any) => !t.trustedByTrustStore));
  });

  it('a root in the CurrentUser Root store (where certutil -user -addstore Root puts it) is an anchor', async () => {
    const userCa = await makeProxyCa('ecdsa', 'CN=Lab User Root CA, O=Example Corp', 'CN=Lab User Issuing CA, O=Example Corp');
    const userProxy = await lab.startProxy({ shape: 'leaf+intermediate', ca: userCa });
    await addToRegistryStore(lane, 'HKCU', 'Root', userCa.root.pem);
    const result = await detect(userProxy, '');
    assert.equal(result.inspectionCa.source, 'trust-store');
    assert.equal(result.inspectionCa.location, ROOT_STORE);
    assert.equal(result.inspectionCa.fingerprint256, new X509Certificate(userCa.root.pem).fingerprint256);
  });

  it('Root in LocalMachine and the intermediate only in the CurrentUser CA store: the chain is built to the root', async () => {
    await addToRegistryStore(lane, 'HKLM', 'Root', leafOnly.root.pem);
    await addToRegistryStore(lane, 'HKCU', 'CA', leafOnly.intermediate!.pem);
    const result = await detect(leafOnly, '');
    assert.equal(result.inspectionCa.source, 'trust-store');
    assert.equal(result.inspectionCa.location, ROOT_STORE);
    assert.equal(result.inspectionCa.fingerprint256, new X509Certificate(leafOnly.root.pem).fingerprint256);
    assert.ok(result.targets.every((t: any) => t.trustedByTrustStore));
  });
});
