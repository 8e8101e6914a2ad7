import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { mitmproxyMissing, startMitmproxyInLab, type Mitmproxy } from '../lab/mitmproxy.js';
import { cli } from '../helpers/cli.js';
import { fingerprint } from '../helpers/certs.js';

const missing = mitmproxyMissing();

describe('detect against real mitmproxy', { skip: missing ?? false }, () => {
  let lab: Lab;
  let mitm: Mitmproxy;
  before(async () => {
    lab = await startLab();
    mitm = await startMitmproxyInLab(lab);
  });
  after(async () => {
    await mitm?.close();
    await lab?.close();
  });

  it('finds inspection by mitmproxy and its CA in the trust store', async () => {
    const store = await lab.writePem('mitm-store.pem', [mitm.caPem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    const run = await cli([
      'detect',
      '--json',
      '--targets',
      lab.hosts.join(','),
      '--proxy',
      mitm.url,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    assert.equal(report.verdict, 'inspected');
    assert.equal(report.vendor.name, 'mitmproxy');
    assert.equal(report.inspectionCa.fingerprint256, fingerprint(mitm.caPem));
    assert.equal(report.inspectionCa.source, 'trust-store');
    assert.ok(report.targets.every((t: any) => t.status === 'inspected'));
    assert.ok(
      report.evidence.some((e: any) => e.kind === 'shared-leaf-key'),
      'mitmproxy reuses one leaf key',
    );
  });

  // The site's own error pages: mitmproxy answers with its own 502 behind a certificate it forged for the name.
  it('a name the upstream cannot reach is unreachable-via-proxy, with mitmproxy named; lab sites inspected', async () => {
    const store = await lab.writePem('mitm-502-store.pem', [mitm.caPem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    const targets = [...lab.hosts.slice(0, 3), 'nowhere.invalid'];
    const args = ['--targets', targets.join(','), '--proxy', mitm.url, '--public-roots', lab.publicRootsFile, '--trust-store', store];
    const run = await cli(['detect', '--json', '--timeout', '60000', ...args]);
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    const nowhere = report.targets.find((t: any) => t.host === 'nowhere.invalid');
    assert.equal(nowhere.status, 'unreachable-via-proxy');
    assert.equal(nowhere.http.status, 502);
    assert.match(nowhere.http.server, /^mitmproxy/);
    assert.equal(report.targets.filter((t: any) => t.status === 'inspected').length, 3);
    assert.equal(report.verdict, 'inspected');
  });

  it('without its CA in the trust store (mitmproxy sends only the leaf): not-found, issuer named', async () => {
    const store = await lab.writePem(
      'public-store.pem',
      Object.values(lab.families).map((f) => f.root.pem),
    );
    const report = (
      await cli([
        'detect',
        '--json',
        '--targets',
        lab.hosts.join(','),
        '--proxy',
        mitm.url,
        '--public-roots',
        lab.publicRootsFile,
        '--trust-store',
        store,
      ])
    ).json();
    assert.equal(report.verdict, 'inspected');
    assert.equal(report.targets[0].chain.length, 1);
    assert.equal(report.inspectionCa.source, 'not-found');
    assert.equal(report.inspectionCa.fingerprint256, null);
    assert.match(report.inspectionCa.subject, /CN=mitmproxy/);
    assert.equal(report.vendor.name, 'mitmproxy');
  });
});

if (missing) it(`mitmproxy tests skipped: ${missing}`, { skip: missing }, () => {});
