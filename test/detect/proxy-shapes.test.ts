import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { makeProxyCa } from '../lab/proxy.js';
import { cli } from '../helpers/cli.js';
import { fingerprint } from '../helpers/certs.js';
import { labProbeArgs } from '../lab/probe-args.js';

let lab: Lab;
let publicStore: string;

before(async () => {
  lab = await startLab();
  publicStore = await lab.writePem(
    'public-only-store.pem',
    Object.values(lab.families).map((f) => f.root.pem),
  );
});
after(() => lab.close());

/** detect --json through the lab, with the trust store given as PEMs (the "OS store" of the test). */
async function detectVia(proxyUrl: string, storePems: string[], extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const store = await lab.writePem(`store-${Math.random().toString(36).slice(2)}.pem`, [
    ...Object.values(lab.families).map((f) => f.root.pem),
    ...storePems,
  ]);
  const run = await cli(
    [
      'detect',
      '--json',
      ...labProbeArgs(lab, proxyUrl, store),
      // Generous: the lab answers in milliseconds, but a loaded 2-core CI machine stalls for seconds.
      '--timeout',
      '30000',
      ...extra,
    ],
    env,
  );
  assert.equal(run.code, 0, run.stderr);
  return run.json();
}

const statuses = (report: any) => Object.fromEntries(report.targets.map((t: any) => [t.host, t.status]));
const allAre = (report: any, status: string) =>
  lab.hosts.forEach((h) =>
    assert.equal(statuses(report)[h], status, `${h}: ${JSON.stringify(report.targets.find((t: any) => t.host === h)?.error)}`),
  );

describe('detect: intercepting proxy shapes', () => {
  for (const shape of ['leaf', 'leaf+intermediate', 'leaf+root', 'leaf+root+root', 'leaf+intermediate+root'] as const) {
    for (const alg of ['rsa', 'ecdsa'] as const) {
      it(`${shape}, ${alg}: inspected, CA found in the trust store`, async () => {
        const proxy = await lab.startProxy({ shape, alg });
        const report = await detectVia(proxy.url, [proxy.root.pem]);
        assert.equal(report.verdict, 'inspected');
        allAre(report, 'inspected');
        assert.equal(report.inspectionCa.source, 'trust-store');
        assert.equal(report.inspectionCa.fingerprint256, fingerprint(proxy.root.pem));
        assert.equal(report.proxy, proxy.url);
        const leaf = report.targets[0].chain[0];
        assert.equal(leaf.keyType, alg === 'rsa' ? 'rsa' : 'ec');
        assert.equal(report.targets.length, lab.hosts.length);
        assert.ok(report.targets.every((t: any) => t.trustedByTrustStore && !t.trustedByPublicRoots));
        const expectedLength = shape === 'leaf' ? 1 : shape === 'leaf+intermediate+root' ? 3 : 2;
        assert.equal(report.targets[0].chain.length, expectedLength, 'a repeated root collapses, an unsent one is not added');
      });
    }
  }

  it('one shared leaf key across sites is reported as evidence', async () => {
    const proxy = await lab.startProxy({ sharedLeafKey: true });
    const report = await detectVia(proxy.url, [proxy.root.pem]);
    const shared = report.evidence.find((e: any) => e.kind === 'shared-leaf-key');
    assert.ok(shared, JSON.stringify(report.evidence));
    assert.deepEqual([...shared.hosts].sort(), [...lab.hosts].sort());
    const keys = new Set(report.targets.map((t: any) => t.chain[0].spki256));
    assert.equal(keys.size, 1);
  });

  it('without a shared key no such evidence is claimed', async () => {
    const proxy = await lab.startProxy({ sharedLeafKey: false });
    const report = await detectVia(proxy.url, [proxy.root.pem]);
    assert.equal(
      report.evidence.some((e: any) => e.kind === 'shared-leaf-key'),
      false,
    );
    assert.ok(report.evidence.some((e: any) => e.kind === 'common-issuer'));
  });

  it('a bypass list gives a partial verdict listing both groups', async () => {
    const bypass = ['letsencrypt.org', 'pypi.org'];
    const proxy = await lab.startProxy({ bypass });
    const report = await detectVia(proxy.url, [proxy.root.pem]);
    assert.equal(report.verdict, 'partial');
    for (const host of lab.hosts) assert.equal(statuses(report)[host], bypass.includes(host) ? 'clean' : 'inspected');
    assert.deepEqual(report.evidence.find((e: any) => e.kind === 'bypassed').hosts.sort(), [...bypass].sort());
    assert.equal(report.inspectionCa.fingerprint256, fingerprint(proxy.root.pem));
  });

  it('a non-inspecting proxy is clean and named', async () => {
    const proxy = await lab.startProxy({ mode: 'passthrough' });
    const report = await detectVia(proxy.url, []);
    assert.equal(report.verdict, 'clean');
    allAre(report, 'clean');
    assert.equal(report.inspectionCa, null);
    assert.equal(report.proxy, proxy.url);
    assert.match(report.summary, /passes TLS through/);
  });

  it('the vendor is named from the issuer side (Zscaler-like CA)', async () => {
    const ca = await makeProxyCa(
      'rsa',
      'CN=Zscaler Root CA, OU=Zscaler Inc., O=Zscaler Inc., C=US',
      'CN=Zscaler Intermediate Root CA (zscalerthree.net) (t) , O=Zscaler Inc., C=US',
    );
    const proxy = await lab.startProxy({ ca, shape: 'leaf+intermediate' });
    const report = await detectVia(proxy.url, [ca.root.pem]);
    assert.equal(report.vendor?.name, 'Zscaler');
    assert.equal(report.inspectionCa.fingerprint256, fingerprint(ca.root.pem));
  });

  it('a real site named like a vendor is not taken for that vendor', async () => {
    const report = await detectVia('direct', [], lab.connectToArgs);
    assert.equal(report.verdict, 'clean');
    assert.equal(report.vendor, null);
  });
});

describe('detect: where the inspection CA is found', () => {
  it('the proxy sends its root but the trust store lacks it: presented-chain', async () => {
    const proxy = await lab.startProxy({ shape: 'leaf+root' });
    const report = await detectVia(proxy.url, []);
    assert.equal(report.verdict, 'inspected');
    assert.equal(report.inspectionCa.source, 'presented-chain');
    assert.equal(report.inspectionCa.fingerprint256, fingerprint(proxy.root.pem));
    assert.equal(report.targets.length, lab.hosts.length);
    assert.ok(report.targets.every((t: any) => !t.trustedByTrustStore));
  });

  it('the proxy sends only the leaf and the root is nowhere: not-found, issuer named', async () => {
    const proxy = await lab.startProxy({ shape: 'leaf', caSubject: 'CN=Hidden Root, O=Example Corp' });
    const report = await detectVia(proxy.url, []);
    assert.equal(report.verdict, 'inspected');
    assert.equal(report.inspectionCa.source, 'not-found');
    assert.equal(report.inspectionCa.fingerprint256, null);
    assert.match(report.inspectionCa.subject, /Hidden Root/);
  });

  it('transparent inspection with no proxy configured (client-side agent) is found', async () => {
    const proxy = await lab.startProxy({ shape: 'leaf+intermediate' });
    // The agent intercepts at the network layer: model it by dialing the proxy's interceptor directly.
    const mappings = lab.hosts.flatMap((h) => ['--connect-to', `${h}:443:127.0.0.1:${proxy.transparentPort}`]);
    const report = await detectVia('direct', [proxy.root.pem], mappings);
    assert.equal(report.verdict, 'inspected');
    assert.equal(report.proxy, null);
    assert.equal(report.inspectionCa.fingerprint256, fingerprint(proxy.root.pem));
  });
});

describe('detect: proxies that fail', () => {
  it('407 without credentials: every target says proxy-auth-required', async () => {
    const proxy = await lab.startProxy({ auth: { user: 'alice', password: 's3cret' } });
    const report = await detectVia(proxy.url, [proxy.root.pem]);
    assert.equal(report.verdict, 'inconclusive');
    assert.equal(report.targets.length, lab.hosts.length);
    assert.ok(report.targets.every((t: any) => t.error?.code === 'proxy-auth-required'));
    assert.match(report.targets[0].error.message, /requires authentication.*Basic/);
  });

  it('Basic credentials from the URL are sent and never printed', async () => {
    const proxy = await lab.startProxy({ auth: { user: 'alice', password: 'p@ss:w0rd' } });
    const url = proxy.url.replace('http://', 'http://alice:p%40ss%3Aw0rd@');
    for (const json of [true, false]) {
      const run = await cli([
        'detect',
        ...(json ? ['--json'] : []),
        ...labProbeArgs(lab, url, await lab.writePem('s.pem', [proxy.root.pem])),
      ]);
      assert.equal(run.code, 0);
      assert.doesNotMatch(run.stdout + run.stderr, /p@ss|p%40ss|w0rd|alice/);
      if (json) assert.equal(run.json().verdict, 'inspected');
      // Basic is something every tool can answer: no relay advice.
      if (json) assert.deepEqual(run.json().proxyAdvice, []);
    }
    assert.ok(proxy.seenAuthorizations.includes(`Basic ${Buffer.from('alice:p@ss:w0rd').toString('base64')}`));
  });

  it('wrong credentials are reported as rejected, without echoing them', async () => {
    const proxy = await lab.startProxy({ auth: { user: 'alice', password: 'right' } });
    const run = await cli([
      'detect',
      '--json',
      '--targets',
      'github.com,pypi.org',
      '--proxy',
      proxy.url.replace('http://', 'http://alice:wrong@'),
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      publicStore,
    ]);
    const report = run.json();
    assert.equal(report.targets.length, 2, 'every target is reported');
    assert.ok(report.targets.every((t: any) => t.error.code === 'proxy-auth-required' && /rejected the credentials/.test(t.error.message)));
    assert.doesNotMatch(run.stdout + run.stderr, /wrong/);
  });

  it('a proxy that refuses connections', async () => {
    const proxy = await lab.startProxy({ mode: 'refuse' });
    const report = await detectVia(proxy.url, []);
    assert.equal(report.verdict, 'inconclusive');
    assert.equal(report.targets.length, lab.hosts.length);
    assert.ok(report.targets.every((t: any) => t.error.code === 'proxy-refused'));
  });

  it('a proxy that never answers: each target times out, none waits for another', async () => {
    const proxy = await lab.startProxy({ mode: 'hang' });
    const report = await detectVia(proxy.url, [], ['--timeout', '400']);
    assert.equal(report.verdict, 'inconclusive');
    assert.equal(report.targets.length, lab.hosts.length);
    assert.ok(report.targets.every((t: any) => t.error.code === 'timeout' && /CONNECT/.test(t.error.message)));
  });

  it('a proxy that blocks some sites (403) and a dead site, among reachable inspected ones', async () => {
    const proxy = await lab.startProxy({ blocked: ['pypi.org'] });
    const run = await cli([
      'detect',
      '--json',
      '--targets',
      [...lab.hosts, 'dead.example.test'].join(','),
      '--proxy',
      proxy.url,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      await lab.writePem('s2.pem', [proxy.root.pem]),
    ]);
    const report = run.json();
    assert.equal(report.verdict, 'inspected');
    const byHost = Object.fromEntries(report.targets.map((t: any) => [t.host, t]));
    assert.equal(byHost['pypi.org'].error.code, 'proxy-error');
    assert.match(byHost['pypi.org'].error.message, /403/);
    assert.equal(byHost['dead.example.test'].status, 'error');
    assert.equal(byHost['github.com'].status, 'inspected');
  });
});

describe('detect: direct connections', () => {
  it('dead and refused targets mixed with reachable ones', async () => {
    const run = await cli([
      'detect',
      '--json',
      '--targets',
      [...lab.hosts.slice(0, 3), 'nowhere.invalid', 'localhost:1'].join(','),
      '--proxy',
      'direct',
      ...lab.connectToArgs,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      publicStore,
    ]);
    const report = run.json();
    assert.equal(report.verdict, 'clean');
    const byHost = Object.fromEntries(report.targets.map((t: any) => [t.host, t]));
    assert.equal(byHost['nowhere.invalid'].error.code, 'dns');
    assert.equal(byHost['localhost'].error.code, 'refused');
    for (const host of lab.hosts.slice(0, 3)) assert.equal(byHost[host].status, 'clean');
  });

  it('too few reachable sites is inconclusive, with a reason per site', async () => {
    const run = await cli([
      'detect',
      '--json',
      '--targets',
      'github.com,nowhere.invalid,localhost:1',
      '--proxy',
      'direct',
      ...lab.connectToArgs,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      publicStore,
    ]);
    const report = run.json();
    assert.equal(report.verdict, 'inconclusive');
    const failed = report.targets.filter((t: any) => t.status === 'error');
    assert.equal(failed.length, 2, 'nowhere.invalid and localhost:1');
    assert.ok(failed.every((t: any) => t.error.message.length > 0));
  });

  it('HTTPS_PROXY from the environment is used, and NO_PROXY excludes hosts', async () => {
    const proxy = await lab.startProxy();
    const store = await lab.writePem('env.pem', [proxy.root.pem]);
    const args = [
      'detect',
      '--json',
      '--targets',
      lab.hosts.join(','),
      ...lab.connectToArgs,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
    ];
    const report = (await cli(args, { HTTPS_PROXY: proxy.url, NO_PROXY: '.github.com,pypi.org' })).json();
    assert.equal(report.verdict, 'partial');
    assert.equal(statuses(report)['github.com'], 'clean');
    assert.equal(statuses(report)['pypi.org'], 'clean');
    assert.equal(statuses(report)['www.google.com'], 'inspected');
    assert.equal(report.targets.find((t: any) => t.host === 'github.com').via, 'direct');
  });

  it('the human output shows progress, verdict, CA fingerprint and the table', async () => {
    const proxy = await lab.startProxy();
    const run = await cli(['detect', ...labProbeArgs(lab, proxy.url, await lab.writePem('h.pem', [proxy.root.pem]))]);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /\[8\/8\]/);
    assert.match(run.stdout, /Verdict: INSPECTED/);
    assert.ok(run.stdout.includes(fingerprint(proxy.root.pem)));
    assert.match(run.stdout, /in the OS trust store/);
  });
});
