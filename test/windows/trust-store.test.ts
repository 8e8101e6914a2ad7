/**
 * The Windows trust store as win-ca reads it through Wine's crypt32, with Windows Node running the
 * built CLI against the lab's inspecting proxy and NO --trust-store. Certificates reach the stores by
 * two routes the code under test has no part in: Wine's import of the host bundle into Root (the lab
 * bundle, bind-mounted) and registry values written by reg.exe, as certutil or Group Policy would.
 * Each scenario has its own inspection CA, so the registry is seeded once, in one Wine session.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { makeProxyCa, type LabProxy } from '../lab/proxy.js';
import { startPacServer, type PacServer } from '../lab/pac.js';
import { startWineLane, wineSkipReason, winPath, type WineLane, type WineRun } from './wine.js';

const skip = wineSkipReason();
const ROOT_STORE = 'Windows store "Trusted Root Certification Authorities"';
const EXPORT_DIR = 'C:\\Users\\Public\\CA 山田 & co';

const INTERNET_SETTINGS = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
/** The site the system PAC sends DIRECT; inside Wine it resolves to the transparent inspector. */
const DIRECT_SITE = 'letsencrypt.org';

const der = (pem: string) => Buffer.from(new X509Certificate(pem).raw);
const fp = (pem: string) => new X509Certificate(pem).fingerprint256;

/**
 * The reg.exe command that puts a certificate into a registry-backed system store the way Windows keeps
 * it: a value "Blob" under ...\SystemCertificates\<store>\Certificates\<SHA-1>, holding the serialized
 * property CERT_CERT_PROP_ID (32).
 */
function regAddCertificate(hive: 'HKCU' | 'HKLM', store: 'Root' | 'CA' | 'Disallowed', pem: string): string[] {
  const cert = der(pem);
  const header = Buffer.alloc(12);
  header.writeUInt32LE(32, 0);
  header.writeUInt32LE(1, 4);
  header.writeUInt32LE(cert.length, 8);
  const sha1 = new X509Certificate(pem).fingerprint.replace(/:/g, '');
  const key = `${hive}\\Software\\Microsoft\\SystemCertificates\\${store}\\Certificates\\${sha1}`;
  return ['reg', 'add', key, '/v', 'Blob', '/t', 'REG_BINARY', '/d', Buffer.concat([header, cert]).toString('hex'), '/f'];
}

describe('Windows trust store under Wine (win-ca, no --trust-store)', { skip: skip ?? false }, () => {
  let lab: Lab;
  let lane: WineLane;
  /** The two-inspector scenario: the company proxy (by PAC) and a transparent inspector on the DIRECT route. */
  let company: LabProxy;
  let transparent: LabProxy;
  let pac: PacServer;
  /** One inspecting proxy, with its own CA, per scenario. */
  const proxies: Record<'bundleRoot' | 'onlyDisallowed' | 'rootAndDisallowed' | 'userRoot' | 'leafOnly', LabProxy> = {} as never;

  const detectArgs = (via: LabProxy) => [
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
  ];
  const detect = async (via: LabProxy, rootsPem: string) => {
    const run = await lane.cli(['detect', ...detectArgs(via)], { rootsPem });
    assert.equal(run.code, 0, run.stderr);
    return run.json();
  };

  before(async () => {
    [lab, lane] = await Promise.all([startLab(), startWineLane()]);
    const ca = (name: string) =>
      makeProxyCa('ecdsa', `CN=Lab ${name} Root CA, O=Example Corp`, `CN=Lab ${name} Issuing CA, O=Example Corp`);
    proxies.bundleRoot = await lab.startProxy({ shape: 'leaf+intermediate', ca: await ca('Inspection') });
    proxies.onlyDisallowed = await lab.startProxy({ shape: 'leaf+intermediate', ca: await ca('Distrusted') });
    proxies.rootAndDisallowed = await lab.startProxy({ shape: 'leaf+intermediate', ca: await ca('Revoked') });
    proxies.userRoot = await lab.startProxy({ shape: 'leaf+intermediate', ca: await ca('User') });
    // Sends the leaf alone: its issuing CA must come from the store's CA (intermediate) store.
    proxies.leafOnly = await lab.startProxy({ shape: 'leaf', ca: await ca('Registry') });
    company = await lab.startProxy({ caSubject: 'CN=Company Proxy Root (lab), O=Example Corp' });
    transparent = await lab.startProxy({ caSubject: 'CN=Transparent Inspector Root (lab), O=Example Corp' });
    pac = await startPacServer({
      '/wine.pac': `function FindProxyForURL(url, host) { if (host == "${DIRECT_SITE}") return "DIRECT"; return "PROXY ${new URL(company.url).host}"; }`,
    });
    const seeds = [
      regAddCertificate('HKCU', 'Disallowed', proxies.onlyDisallowed.root.pem),
      regAddCertificate('HKLM', 'Disallowed', proxies.rootAndDisallowed.root.pem),
      regAddCertificate('HKCU', 'Root', proxies.userRoot.root.pem),
      regAddCertificate('HKLM', 'Root', proxies.leafOnly.root.pem),
      regAddCertificate('HKCU', 'CA', proxies.leafOnly.intermediate!.pem),
    ];
    for (const [i, run] of (await lane.runAll(seeds)).entries())
      assert.equal(run.code, 0, `${seeds[i]!.slice(0, 3).join(' ')}: ${run.stdout}${run.stderr}`);
  });
  after(async () => Promise.all([lab?.close(), lane?.close(), pac?.close()]));

  it('finds the inspection CA in Root (imported from the host bundle) and exports it to a Japanese path with & in it', async () => {
    const proxy = proxies.bundleRoot;
    const [detected, exported] = await lane.runAll(
      [
        [lane.node, winPath(lane.cliPath), 'detect', ...detectArgs(proxy)],
        [lane.node, winPath(lane.cliPath), 'export', '--out', EXPORT_DIR, ...detectArgs(proxy)],
      ],
      { rootsPem: proxy.root.pem },
    );
    assert.equal(detected!.code, 0, detected!.stderr);
    const result = detected!.json();
    assert.equal(result.verdict, 'inspected');
    assert.equal(result.inspectionCa.source, 'trust-store');
    assert.equal(result.inspectionCa.location, ROOT_STORE);
    assert.equal(result.inspectionCa.fingerprint256, fp(proxy.root.pem));
    assert.ok(result.targets.every((t: any) => t.trustedByTrustStore));

    assert.equal(exported!.code, 0, exported!.stderr);
    assert.equal(exported!.json().ca.source, 'trust-store');
    const dir = lane.hostPath(EXPORT_DIR);
    const [pem, crt, bundle] = await Promise.all(
      ['corporate-ca.pem', 'corporate-ca.crt', 'ca-bundle.pem'].map((f) => readFile(path.join(dir, f))),
    );
    // The root and the intermediate the chain needs (the proxy's issuing CA), then the public roots.
    const fingerprints = (text: string) =>
      [...text.matchAll(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)].map((m) => new X509Certificate(m[0]).fingerprint256);
    assert.deepEqual(fingerprints(pem!.toString('utf8')), [fp(proxy.root.pem), fp(proxy.intermediate!.pem)], 'corporate-ca.pem');
    assert.match(pem!.toString('utf8'), /^# Subject: .*Lab Inspection Root CA/m);
    assert.deepEqual(crt, der(proxy.root.pem), 'corporate-ca.crt is the root in DER');
    const inBundle = fingerprints(bundle!.toString('utf8'));
    const expected = [proxy.root.pem, proxy.intermediate!.pem, ...Object.values(lab.families).map((f) => f.root.pem)].map(fp);
    assert.deepEqual(new Set(inBundle), new Set(expected), 'ca-bundle.pem: the public roots plus the corporate CA');
    assert.equal(inBundle.length, expected.length, 'no duplicates');
  });

  it('a CA only in Disallowed (CurrentUser) is not trusted', async () => {
    const result = await detect(proxies.onlyDisallowed, '');
    assert.equal(result.verdict, 'inspected');
    assert.notEqual(result.inspectionCa.source, 'trust-store');
    assert.ok(result.targets.every((t: any) => !t.trustedByTrustStore));
  });

  it('a CA in Root and also in Disallowed (LocalMachine) is not trusted, not exported as trusted', async () => {
    const result = await detect(proxies.rootAndDisallowed, proxies.rootAndDisallowed.root.pem);
    assert.equal(result.verdict, 'inspected');
    assert.notEqual(result.inspectionCa.source, 'trust-store');
    assert.ok(result.targets.every((t: any) => !t.trustedByTrustStore));
  });

  it('a root in the CurrentUser Root store (where certutil -user -addstore Root puts it) is an anchor', async () => {
    const result = await detect(proxies.userRoot, '');
    assert.equal(result.inspectionCa.source, 'trust-store');
    assert.equal(result.inspectionCa.location, ROOT_STORE);
    assert.equal(result.inspectionCa.fingerprint256, fp(proxies.userRoot.root.pem));
  });

  it('Root in LocalMachine and the intermediate only in the CurrentUser CA store: the chain is built to the root', async () => {
    const result = await detect(proxies.leafOnly, '');
    assert.equal(result.inspectionCa.source, 'trust-store');
    assert.equal(result.inspectionCa.location, ROOT_STORE);
    assert.equal(result.inspectionCa.fingerprint256, fp(proxies.leafOnly.root.pem));
    assert.ok(result.targets.every((t: any) => t.trustedByTrustStore));
  });

  it('system PAC (AutoConfigURL): one site through the company proxy, one DIRECT into a transparent inspector; both CAs found in Root with their routes, both exported, Windows node verified on both routes', async () => {
    const site = `${DIRECT_SITE}:${transparent.transparentPort}`;
    const args = ['--targets', `pypi.org,github.com,${site}`, '--public-roots', winPath(lab.publicRootsFile), '--timeout', '60000'];
    const dir = 'C:\\Users\\Public\\two-routes';
    const cliRun = (...rest: string[]) => ({
      argv: [lane.node, winPath(lane.cliPath), ...rest],
      // Windows node on the Windows PATH, as an installed Node would be: verify's node probe runs it.
      env: { WINEPATH: winPath(path.dirname(lane.node)) },
    });
    // The negative case: an export folder holding only the company proxy's CA (as a user with an older export
    // would have), written before the session; verify must fail on the DIRECT route, not pass.
    const oneCa = 'C:\\Users\\Public\\two-routes-one-ca';
    await mkdir(lane.hostPath(oneCa), { recursive: true });
    await writeFile(path.join(lane.hostPath(oneCa), 'corporate-ca.pem'), company.root.pem);
    await writeFile(path.join(lane.hostPath(oneCa), 'ca-bundle.pem'), (await readFile(lab.publicRootsFile, 'utf8')) + company.root.pem);
    // One Wine session (each costs a wineserver start): export's and verify's own detections stand for `detect`,
    // whose per-CA routes verify reports as `routes`.
    const runs = await lane.runAll(
      [
        ['reg', 'add', INTERNET_SETTINGS, '/v', 'AutoConfigURL', '/t', 'REG_SZ', '/d', pac.url('/wine.pac'), '/f'],
        cliRun('export', '--json', '--out', dir, ...args),
        cliRun('verify', '--json', '--dir', dir, ...args),
        cliRun('verify', '--json', '--dir', oneCa, ...args),
        ['reg', 'delete', INTERNET_SETTINGS, '/v', 'AutoConfigURL', '/f'],
      ],
      // Both inspectors' roots in Root; the DIRECT site's name resolves to the transparent inspector.
      { rootsPem: company.root.pem + transparent.root.pem, hosts: `127.0.0.1 ${DIRECT_SITE}` },
    );
    const [added, exported, verified, onlyOne, removed] = runs as [WineRun, WineRun, WineRun, WineRun, WineRun];
    assert.equal(added.code, 0, added.stdout + added.stderr);
    assert.equal(removed.code, 0, removed.stdout + removed.stderr);

    // Export: both CAs, each found in the Windows Root store, both written.
    assert.equal(exported.code, 0, exported.stderr);
    const outcome = exported.json();
    const found = [outcome.ca, ...outcome.otherCas].map((c: any) => [c.fingerprint256, c.source, c.location]);
    assert.deepEqual(
      found.sort(),
      [
        [fp(company.root.pem), 'trust-store', ROOT_STORE],
        [fp(transparent.root.pem), 'trust-store', ROOT_STORE],
      ].sort(),
    );
    assert.deepEqual(outcome.notExported, []);
    const written = await readFile(path.join(lane.hostPath(dir), 'corporate-ca.pem'), 'utf8');
    const inFile = [...written.matchAll(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g)].map((m) => fp(m[0]));
    assert.deepEqual(new Set(inFile), new Set([fp(company.root.pem), fp(transparent.root.pem)]), 'corporate-ca.pem holds both CAs');

    // Verify: each CA with its route as detection found it (the system PAC's PROXY and DIRECT), and node passing on both.
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    const proof = verified.json();
    const routes = proof.routes.map((r: any) => [r.route, r.pacRoute, r.ca.fingerprint256]);
    assert.deepEqual(
      routes.sort(),
      [
        [company.url, `PROXY ${new URL(company.url).host}`, fp(company.root.pem)],
        ['DIRECT', 'DIRECT', fp(transparent.root.pem)],
      ].sort(),
    );
    assert.equal(proof.routes.find((r: any) => r.route === 'DIRECT').site, site);
    const node = proof.tools.find((t: any) => t.name === 'node');
    assert.equal(node.result, 'pass', JSON.stringify(node));
    assert.deepEqual(
      node.routes.map((r: any) => [r.route, r.result, r.control]).sort(),
      [
        [company.url, 'pass', 'fail'],
        ['DIRECT', 'pass', 'fail'],
      ].sort(),
    );

    // Only the company CA exported: Windows node passes through the company proxy and fails on DIRECT (its control
    // there is not needed); verify exits 1 and the failing route is the DIRECT one.
    assert.equal(onlyOne.code, 1, onlyOne.stdout + onlyOne.stderr);
    const partial = onlyOne.json().tools.find((t: any) => t.name === 'node');
    assert.equal(partial.result, 'fail', JSON.stringify(partial));
    assert.deepEqual(
      partial.routes.map((r: any) => [r.route, r.result]).sort(),
      [
        [company.url, 'pass'],
        ['DIRECT', 'fail'],
      ].sort(),
    );
  });
});
