import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { mitmproxyMissing, startMitmproxy, startMitmproxyInLab, type Mitmproxy } from '../lab/mitmproxy.js';
import { closedPort } from '../lab/servers.js';
import { cli } from '../helpers/cli.js';
import { fingerprint } from '../helpers/certs.js';

const missing = mitmproxyMissing();

describe('detect against real mitmproxy', { skip: missing ?? false }, () => {
  let lab: Lab;
  let mitm: Mitmproxy;
  let eager: Mitmproxy;
  before(async () => {
    lab = await startLab();
    [mitm, eager] = await Promise.all([startMitmproxyInLab(lab), startMitmproxy({ strategy: 'eager' })]);
  });
  after(async () => {
    await Promise.all([mitm?.close(), eager?.close()]);
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

  // mitmproxy as installed (eager, no upstream): a closed port or a name that does not resolve gets its
  // plain "502 Bad Gateway" to CONNECT. That is "could not reach the site", never "refused", in both languages.
  it('its 502 to CONNECT is worded "could not reach", not "refused", by detect and check in both languages', async () => {
    const closed = `127.0.0.1:${await closedPort()}`;
    const common = ['--proxy', eager.url, '--public-roots', lab.publicRootsFile, '--trust-store', lab.publicRootsFile];
    const json = await cli(['detect', '--json', '--targets', `${closed},nowhere.invalid`, ...common]);
    for (const target of json.json().targets) {
      assert.equal(target.error?.code, 'proxy-error', JSON.stringify(target));
      assert.equal(target.error.params.proxyStatus, 502, 'mitmproxy answered CONNECT with 502');
    }
    const words = {
      C: { reach: /could not reach this site \(502\)/, cause: /could not reach the sites \(it answered 502\)/, refused: /refuse/i },
      'ja_JP.UTF-8': { reach: /プロキシがこのサイトに到達できなかった（502）/, cause: /到達できませんでした（応答 502）/, refused: /拒否/ },
    };
    await Promise.all(
      Object.entries(words).map(async ([LANG, w]) => {
        const [detect, check] = await Promise.all([
          cli(['detect', '--targets', `${closed},nowhere.invalid`, ...common], { LANG }),
          cli(['check', closed, ...common], { LANG }),
        ]);
        assert.equal(check.code, 1, check.stderr);
        for (const [name, text] of [
          ['detect', detect.stdout],
          ['check', check.stderr],
        ] as const) {
          assert.match(text, w.reach, `${LANG} ${name}: ${text}`);
          assert.doesNotMatch(text, w.refused, `${LANG} ${name}: ${text}`);
        }
        assert.match(detect.stdout, w.cause, `${LANG}: ${detect.stdout}`);
        assert.equal(detect.stdout.match(new RegExp(w.reach.source, 'g'))?.length, 4, 'both sites, in progress and table');
      }),
    );
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
