/**
 * Several inspectors, each with its own CA: a PAC file splits the sites between two inspecting proxies, or
 * sends some through a proxy and the rest DIRECT into a transparent inspector. Every CA is reported with
 * its sites and route, export writes each one the OS trusts, and real curl with the exported bundle gets
 * through on every route (and fails on the other route with one CA alone).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { fingerprint } from '../helpers/certs.js';
import { startLab, type Lab } from '../lab/lab.js';
import { startPacServer, type PacServer } from '../lab/pac.js';
import type { LabProxy } from '../lab/proxy.js';

const ROUTE_A = ['pypi.org', 'github.com'];
const ROUTE_B = ['www.google.com', 'letsencrypt.org'];

/** Real curl, isolated from this machine's settings: no .curlrc (-q, own HOME), no CA variables. */
function curl(args: string[], home: string): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-q', '-sS', '--max-time', '60', ...args],
      { env: { PATH: process.env.PATH, HOME: home }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The tools verify runs in this file (the rest are left off PATH to keep it fast). */
const RUNS_HERE = ['curl', 'node', 'python3'];

const pemCount = (text: string) => (text.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
const hasCert = (text: string, pem: string) => text.includes(new X509Certificate(pem).toString().trim().split('\n')[1]!);

describe('several inspection CAs', () => {
  let lab: Lab;
  let proxyA: LabProxy;
  let proxyB: LabProxy;
  let pac: PacServer;
  let store: string;
  let home: string;
  let toolEnv: NodeJS.ProcessEnv;
  let gitOffEnv: NodeJS.ProcessEnv;
  before(async () => {
    lab = await startLab();
    proxyA = await lab.startProxy({ caSubject: 'CN=Branch Proxy Root A (lab), O=Example Corp' });
    proxyB = await lab.startProxy({ caSubject: 'CN=Head Office Inspector Root B (lab), O=Example Corp' });
    const list = (hosts: string[]) => hosts.map((h) => `host == "${h}"`).join(' || ');
    pac = await startPacServer({
      '/two-proxies.pac': `function FindProxyForURL(url, host) { if (${list(ROUTE_A)}) return "PROXY ${new URL(proxyA.url).host}"; return "PROXY ${new URL(proxyB.url).host}"; }`,
      '/proxy-and-direct.pac': `function FindProxyForURL(url, host) { if (${list(ROUTE_A)}) return "PROXY ${new URL(proxyA.url).host}"; return "DIRECT"; }`,
    });
    store = await lab.writePem('two-cas-store.pem', [
      proxyA.root.pem,
      proxyB.root.pem,
      ...Object.values(lab.families).map((f) => f.root.pem),
    ]);
    home = await mkdtemp(path.join(lab.dir, 'home-'));
    // verify's tools: only these on PATH (fast), the user's HOME of this test, the machine's own settings kept out.
    const bin = path.join(lab.dir, 'bin');
    await mkdir(bin);
    for (const [name, at] of [
      ['curl', '/usr/bin/curl'],
      ['python3', '/usr/bin/python3'],
      ['node', process.execPath],
      ['git', '/usr/bin/git'],
    ])
      await symlink(at!, path.join(bin, name!));
    const globalNpmrc = path.join(lab.dir, 'global-npmrc');
    await writeFile(globalNpmrc, '');
    toolEnv = { PATH: bin, HOME: home, NPM_CONFIG_GLOBALCONFIG: globalNpmrc, GIT_CONFIG_NOSYSTEM: '1', PIP_CONFIG_FILE: devNull };
    // A user who switched git's verification off for route B's sites only (git config --global http.<url>.sslVerify false).
    const offHome = path.join(lab.dir, 'home-git-off');
    await mkdir(offHome);
    await writeFile(path.join(offHome, '.gitconfig'), ROUTE_B.map((h) => `[http "https://${h}/"]\n\tsslVerify = false\n`).join(''));
    gitOffEnv = { ...toolEnv, HOME: offHome };
  });
  after(async () => {
    await pac?.close();
    await lab?.close();
  });

  const common = () => ['--targets', [...ROUTE_A, ...ROUTE_B].join(','), '--public-roots', lab.publicRootsFile, '--trust-store', store];

  it('a PAC file splitting sites between two inspecting proxies: both CAs reported with sites and route, both exported, curl passes on both routes', async () => {
    const args = [...common(), '--proxy', `pac+${pac.url('/two-proxies.pac')}`];
    const run = await cli(['detect', '--json', ...args]);
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    assert.equal(report.verdict, 'inspected');
    assert.equal(report.inspectionCas.length, 2);
    const byFingerprint = new Map<string, any>(report.inspectionCas.map((c: any) => [c.fingerprint256, c]));
    const a = byFingerprint.get(fingerprint(proxyA.root.pem));
    const b = byFingerprint.get(fingerprint(proxyB.root.pem));
    assert.ok(a && b, 'both roots are reported');
    assert.deepEqual(a.sites.map((s: any) => s.host).sort(), [...ROUTE_A].sort());
    assert.deepEqual(b.sites.map((s: any) => s.host).sort(), [...ROUTE_B].sort());
    assert.deepEqual(a.routes, [proxyA.url]);
    assert.deepEqual(b.routes, [proxyB.url]);
    assert.equal(a.sites[0].pacRoute, `PROXY ${new URL(proxyA.url).host}`);
    assert.equal(a.source, 'trust-store');
    assert.equal(b.source, 'trust-store');
    assert.equal([a, b].filter((c) => c.primary).length, 1);
    assert.equal(report.inspectionCa.fingerprint256, [a, b].find((c) => c.primary).fingerprint256);
    assert.ok(report.evidence.some((e: any) => e.kind === 'several-cas'));
    assert.match(report.summary, /2 different inspection CAs/);

    const text = await cli(['detect', ...args]);
    assert.match(text.stdout, /Inspection CAs: 2 different CAs/);
    assert.match(
      text.stdout,
      new RegExp(`Route ${proxyA.url.replace(/[.]/g, '\\.')}: (pypi\\.org:443, github\\.com:443|github\\.com:443, pypi\\.org:443)`),
    );

    const out = path.join(lab.dir, 'two-proxies-export');
    const exported = await cli(['export', '--json', '--out', out, ...args]);
    assert.equal(exported.code, 0, exported.stderr);
    const outcome = exported.json();
    assert.equal(outcome.otherCas.length, 1);
    assert.deepEqual(outcome.notExported, []);
    const caPem = await readFile(outcome.files.caPem, 'utf8');
    const bundle = await readFile(outcome.files.bundle, 'utf8');
    for (const root of [proxyA.root.pem, proxyB.root.pem]) {
      assert.ok(hasCert(caPem, root), 'corporate-ca.pem holds both roots');
      assert.ok(hasCert(bundle, root), 'the bundle holds both roots');
    }
    const otherDer = new X509Certificate(await readFile(outcome.otherCas[0].der));
    assert.equal(otherDer.fingerprint256, outcome.otherCas[0].fingerprint256);
    assert.notEqual(otherDer.fingerprint256, outcome.ca.fingerprint256);
    assert.match(path.basename(outcome.otherCas[0].der), /^corporate-ca-[0-9a-f]{16}\.crt$/);

    // Real curl with the exported bundle on each route; and with one CA alone, the other route fails (verification is on).
    const onlyA = path.join(lab.dir, 'only-a.pem');
    await writeFile(onlyA, proxyA.root.pem);
    for (const [host, proxy] of [
      ['pypi.org', proxyA],
      ['www.google.com', proxyB],
    ] as const) {
      const pass = await curl(['--cacert', outcome.files.bundle, '-x', proxy.url, `https://${host}/`], home);
      assert.equal(pass.code, 0, `${host} via ${proxy.url}: ${pass.stderr}`);
      assert.match(pass.stdout, new RegExp(`hello from ${host.replace(/\./g, '\\.')}`));
    }
    const wrong = await curl(['--cacert', onlyA, '-x', proxyB.url, 'https://www.google.com/'], home);
    assert.equal(wrong.code, 60, wrong.stderr);
    assert.ok(pemCount(caPem) >= 2);
  });

  it('verify proves each route: every site and curl, node, python pass on both routes with the export; with one CA, the other route fails, named', async () => {
    const args = [...common(), '--proxy', `pac+${pac.url('/two-proxies.pac')}`];
    const full = path.join(lab.dir, 'routes-full');
    assert.equal((await cli(['export', '--out', full, ...args], toolEnv)).code, 0);
    const onlyA = path.join(lab.dir, 'routes-only-a.pem');
    await writeFile(onlyA, proxyA.root.pem);
    const partial = path.join(lab.dir, 'routes-only-a');
    assert.equal(
      (await cli(['export', '--out', partial, '--from', onlyA, '--no-detect', '--public-roots', lab.publicRootsFile], toolEnv)).code,
      0,
    );
    const [passed, failed] = await Promise.all([
      cli(['verify', '--json', '--dir', full, ...args, '--timeout', '30000'], toolEnv),
      cli(['verify', '--json', '--dir', partial, ...args, '--timeout', '30000'], gitOffEnv),
    ]);
    const routeA = proxyA.url;
    const routeB = proxyB.url;
    const routesOf = (run: Awaited<ReturnType<typeof cli>>) => run.json().routes.map((r: any) => [r.route, r.site.replace(/:443$/, '')]);
    // One site per CA and route, each on its own proxy, as detection reported them.
    for (const run of [passed, failed]) {
      const routes = new Map<string, string>(routesOf(run));
      assert.equal(routes.size, 2, run.stdout);
      assert.ok(ROUTE_A.includes(routes.get(routeA)!), `route A's site: ${run.stdout}`);
      assert.ok(ROUTE_B.includes(routes.get(routeB)!), `route B's site: ${run.stdout}`);
    }
    // The engine's own per-site checks, each site on its own route.
    for (const site of passed.json().targets) assert.deepEqual([site.host, site.extraCa, site.bundle], [site.host, 'pass', 'pass']);
    const sites = new Map<string, any>(failed.json().targets.map((t: any) => [t.host, t]));
    for (const host of ROUTE_A) assert.equal(sites.get(host).extraCa, 'pass', host);
    for (const host of ROUTE_B) assert.deepEqual([sites.get(host).extraCa, sites.get(host).bundle], ['fail', 'fail'], host);
    const tool = (run: Awaited<ReturnType<typeof cli>>, name: string) => run.json().tools.find((t: any) => t.name === name);
    const byRoute = (t: any) => Object.fromEntries(t.routes.map((r: any) => [r.route, [r.result, r.control]]));
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    for (const name of RUNS_HERE) {
      const t = tool(passed, name);
      assert.equal(t.result, 'pass', `${name}: ${JSON.stringify(t)}`);
      assert.deepEqual(byRoute(t), { [routeA]: ['pass', 'fail'], [routeB]: ['pass', 'fail'] }, name);
    }
    assert.equal(failed.code, 1, failed.stdout + failed.stderr);
    for (const name of RUNS_HERE) {
      const t = tool(failed, name);
      assert.equal(t.result, 'fail', `${name}: ${JSON.stringify(t)}`);
      assert.deepEqual(byRoute(t), { [routeA]: ['pass', 'fail'], [routeB]: ['fail', 'not-run'] }, name);
    }
    // git with verification off for route B's sites only: a control on route A alone would have let route B pass.
    const git = tool(failed, 'git');
    assert.equal(git.result, 'verification-off', JSON.stringify(git));
    assert.deepEqual(byRoute(git), { [routeA]: ['pass', 'fail'], [routeB]: ['verification-off', 'pass'] });
    assert.equal(tool(passed, 'git').result, 'pass', JSON.stringify(tool(passed, 'git')));
    // The text names the route each tool failed on.
    const text = await cli(['verify', '--dir', partial, ...args, '--timeout', '30000'], gitOffEnv);
    assert.equal(text.code, 1);
    const curlLines = text.stdout.slice(text.stdout.indexOf('\n  curl ')).split('\n').slice(2, 4).join('\n');
    assert.match(curlLines, new RegExp(`${routeA.replace(/[.]/g, '\\.')} \\((pypi\\.org|github\\.com):443\\): PASS`));
    assert.match(curlLines, new RegExp(`${routeB.replace(/[.]/g, '\\.')} \\((www\\.google\\.com|letsencrypt\\.org):443\\): FAIL`));
  });

  it('PAC sends some sites through a proxy and the rest DIRECT into a transparent inspector: both routes, both CAs', async () => {
    const direct = ROUTE_B.flatMap((h) => ['--connect-to', `${h}:443:127.0.0.1:${proxyB.transparentPort}`]);
    const args = [...common(), '--proxy', `pac+${pac.url('/proxy-and-direct.pac')}`, ...direct];
    const run = await cli(['detect', '--json', ...args]);
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    assert.equal(report.inspectionCas.length, 2);
    const b = report.inspectionCas.find((c: any) => c.fingerprint256 === fingerprint(proxyB.root.pem));
    assert.deepEqual(b.routes, ['DIRECT']);
    assert.equal(b.sites[0].pacRoute, 'DIRECT');

    const out = path.join(lab.dir, 'proxy-and-direct-export');
    const exported = await cli(['export', '--json', '--out', out, ...args]);
    assert.equal(exported.code, 0, exported.stderr);
    const bundle = exported.json().files.bundle;
    const viaProxy = await curl(['--cacert', bundle, '-x', proxyA.url, 'https://github.com/'], home);
    assert.equal(viaProxy.code, 0, viaProxy.stderr);
    const viaDirect = await curl(
      [
        '--cacert',
        bundle,
        '--noproxy',
        '*',
        '--connect-to',
        `letsencrypt.org:443:127.0.0.1:${proxyB.transparentPort}`,
        'https://letsencrypt.org/',
      ],
      home,
    );
    assert.equal(viaDirect.code, 0, viaDirect.stderr);
  });

  it('a second CA the OS does not trust is named as not exported, never silently dropped', async () => {
    const onlyA = await lab.writePem('only-a-store.pem', [proxyA.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    // proxy B sends only leaf + intermediate: its root is neither in this store nor presented.
    const args = ['--targets', [...ROUTE_A, ...ROUTE_B].join(','), '--public-roots', lab.publicRootsFile, '--trust-store', onlyA];
    const exported = await cli([
      'export',
      '--json',
      '--out',
      path.join(lab.dir, 'untrusted-export'),
      ...args,
      '--proxy',
      `pac+${pac.url('/two-proxies.pac')}`,
    ]);
    assert.equal(exported.code, 0, exported.stderr);
    const outcome = exported.json();
    assert.equal(outcome.ca.fingerprint256, fingerprint(proxyA.root.pem));
    assert.deepEqual(outcome.otherCas, []);
    assert.equal(outcome.notExported.length, 1);
    assert.equal(outcome.notExported[0].reason, 'not-found');
    assert.match(outcome.notExported[0].subject, /Head Office Inspector|Lab Inspection Issuing CA/);
    const text = await cli([
      'export',
      '--force',
      '--out',
      path.join(lab.dir, 'untrusted-export'),
      ...args,
      '--proxy',
      `pac+${pac.url('/two-proxies.pac')}`,
    ]);
    assert.match(text.stdout, /NOT exported: .* also re-signs sites/);
  });
});
