/**
 * Sites an inspecting proxy cannot reach come back as the proxy's own error page behind a certificate it
 * forged for the name. Real squid (ssl_bump, Debian's squid-openssl; real mitmproxy in mitmproxy.test.ts):
 * those sites are "unreachable through the proxy", not inspected, and no export lint sends the user to IT
 * over their leaves; a site whose public certificate names another host is a finding, never clean.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { fingerprint } from '../helpers/certs.js';
import { startLab, type Lab } from '../lab/lab.js';
import { makeProxyCa } from '../lab/proxy.js';
import { closedPort } from '../lab/servers.js';
import { squidMissing, startSquid, type Squid } from '../lab/squid.js';

const SITES = ['pypi.org', 'github.com'];
const storeOf = (lab: Lab, name: string, extra: string[]) =>
  lab.writePem(name, [...extra, ...Object.values(lab.families).map((f) => f.root.pem)]);

describe('real squid with ssl_bump', { skip: squidMissing('security_file_certgen') ?? false }, () => {
  let lab: Lab;
  let squid: Squid;
  let caPem: string;
  before(async () => {
    lab = await startLab({
      sites: [
        { host: 'pypi.org', family: 'isrg', leafAlg: 'ecdsa' },
        { host: 'github.com', family: 'digicert', leafAlg: 'ecdsa' },
      ],
    });
    const ca = await makeProxyCa('rsa', 'CN=Squid Bump Root (lab), O=Example Corp');
    caPem = ca.root.pem;
    squid = await startSquid({
      bump: { caCertPem: ca.root.pem, caKeyPem: ca.root.keyPem, upstreamCaFile: lab.publicRootsFile, hosts: SITES },
    });
  });
  after(async () => {
    await squid?.close();
    await lab?.close();
  });

  it('error pages for a dead port and an unknown name are unreachable-via-proxy; the real sites stay inspected', async () => {
    const store = await storeOf(lab, 'squid-store.pem', [caPem]);
    const dead = await closedPort();
    const reachable = lab.origins.map((o) => `${o.host}:${o.port}`);
    const targets = [...reachable, `pypi.org:${dead}`, 'nowhere.invalid:443'];
    const args = ['--targets', targets.join(','), '--proxy', squid.url, '--public-roots', lab.publicRootsFile, '--trust-store', store];
    const run = await cli(['detect', '--json', '--timeout', '60000', ...args]);
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    const byTarget = new Map<string, any>(report.targets.map((t: any) => [`${t.host}:${t.port}`, t]));
    for (const site of reachable) assert.equal(byTarget.get(site).status, 'inspected', site);
    const deadSite = byTarget.get(`pypi.org:${dead}`);
    assert.equal(deadSite.status, 'unreachable-via-proxy');
    assert.match(deadSite.http.squidError, /^ERR_CONNECT_FAIL/);
    assert.equal(byTarget.get('nowhere.invalid:443').status, 'unreachable-via-proxy');
    assert.match(byTarget.get('nowhere.invalid:443').http.squidError, /^ERR_/);
    assert.equal(report.verdict, 'inspected');
    assert.match(report.summary, /all 2 reachable sites/);
    assert.deepEqual(report.confidence, { level: 'high', reason: 'several-sites' });
    assert.equal(report.inspectionCa.fingerprint256, fingerprint(caPem));
    assert.deepEqual(report.evidence.find((e: any) => e.kind === 'unreachable-via-proxy').hosts.sort(), ['nowhere.invalid', 'pypi.org']);

    // What the user sees in the terminal.
    const text = await cli(['detect', '--timeout', '60000', ...args]);
    assert.match(text.stdout, /Confidence: high/);
    assert.match(text.stdout, /nowhere\.invalid:443 +unreachable-via-proxy .*unreachable through the proxy: .*X-Squid-Error: ERR_/);

    // The export: squid's error-page leaves have no Authority Key Identifier (next test), the mimicked leaves
    // of the real sites do; no warning that sends the user to IT.
    const exported = await cli(['export', '--json', '--out', path.join(lab.dir, 'squid-export'), '--timeout', '60000', ...args]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.deepEqual(
      exported
        .json()
        .lint.map((l: any) => l.code)
        .filter((c: string) => c === 'forged-leaf-no-authority-key-id'),
      [],
    );
  });

  it("squid's error-page leaf really lacks the Authority Key Identifier, and the site's mimicked leaf has one", async () => {
    const dead = await closedPort();
    const origin = lab.origins[0]!;
    const run = await cli([
      'detect',
      '--json',
      '--timeout',
      '60000',
      '--targets',
      `${origin.host}:${origin.port},${origin.host}:${dead}`,
      '--proxy',
      squid.url,
      '--public-roots',
      lab.publicRootsFile,
    ]);
    const [site, error] = run.json().targets;
    assert.equal(error.status, 'unreachable-via-proxy');
    assert.equal(error.chain[0].authorityKeyId, null);
    assert.equal(site.status, 'inspected');
    assert.notEqual(site.chain[0].authorityKeyId, null);
  });
});

describe('a public certificate for another name', () => {
  let lab: Lab;
  before(async () => (lab = await startLab()));
  after(async () => await lab?.close());

  it('is a name-mismatch finding, never clean', async () => {
    const [first, second, third] = lab.origins;
    // www.google.com is sent to the pypi.org origin: a valid public chain, for the wrong name.
    const wrong = `www.google.com:443:127.0.0.1:${lab.origins.find((o) => o.host === 'pypi.org')!.port}`;
    const connectTo = lab.connectTo.filter((c) => !c.startsWith('www.google.com:'));
    const run = await cli([
      'detect',
      '--json',
      '--targets',
      ['www.google.com', first!.host, second!.host, third!.host].filter((h, i, all) => all.indexOf(h) === i).join(','),
      '--proxy',
      'direct',
      '--public-roots',
      lab.publicRootsFile,
      ...connectTo.flatMap((c) => ['--connect-to', c]),
      '--connect-to',
      wrong,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    const google = report.targets.find((t: any) => t.host === 'www.google.com');
    assert.equal(google.status, 'name-mismatch');
    assert.equal(google.hostnameMatches, false);
    assert.deepEqual(report.evidence.find((e: any) => e.kind === 'name-mismatch').hosts, ['www.google.com']);
    assert.ok(report.targets.filter((t: any) => t.status === 'clean').length >= 2);
    const text = await cli([
      'detect',
      '--targets',
      'www.google.com',
      '--proxy',
      'direct',
      '--public-roots',
      lab.publicRootsFile,
      '--connect-to',
      wrong,
    ]);
    assert.match(text.stdout, /www\.google\.com:443 +name-mismatch .*certificate for another name \(pypi\.org\)/);
    assert.doesNotMatch(text.stdout, /Verdict: CLEAN/);
  });
});
