/**
 * `check` has one deadline (`--timeout`) for the whole check: finding the proxy (a PAC evaluation),
 * every connection with its proxy round trips, the handshake, the analysis of the presented chain and
 * the second handshake that compares SNI. The chain search is synchronous, so it is handed the deadline
 * and stops itself; a check whose analysis overruns answers `timeout` instead of findings computed from
 * a search that was cut short. Before, each connection had the whole limit to itself (10.4 s under
 * `--timeout 6000` through SOCKS), and the search had no deadline at all.
 *
 * No durations are asserted: a proxy that stalls from its second connection on makes the difference
 * visible as an outcome (before: a clean result once the stalled comparison gave up on its own limit;
 * now: `timeout`, naming the bound given and what was running), and events show the stalled connection
 * reached and then closed by the check.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseConnectTo } from '../../shared/connect-to.js';
import { checkHost } from '../../electron/core/diagnose/check.js';
import { trustFinding } from '../../electron/core/diagnose/findings.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { parseProxyChoice } from '../../electron/core/proxy/select.js';
import { cli } from '../helpers/cli.js';
import { startOrigin, type Origin } from '../lab/origin.js';
import { startPacServer, type PacServer } from '../lab/pac.js';
import { issue, type Issued } from '../lab/pki.js';
import { startSocksServer } from '../lab/socks.js';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

let origin: Origin;
let pac: PacServer;
let dir: string;
let rootFile: string;
let root: Issued;
let mid: Issued;
let leaf: Issued;

before(async () => {
  root = await issue({ subject: 'CN=Deadline Root', ca: true });
  mid = await issue({ subject: 'CN=Deadline Mid', ca: true, issuer: root });
  leaf = await issue({ subject: 'CN=deadline.example', hosts: ['deadline.example'], issuer: mid });
  origin = await startOrigin({ host: 'deadline.example', certChainPem: leaf.pem + mid.pem, keyPem: leaf.keyPem });
  pac = await startPacServer({ '/never.pac': 'function FindProxyForURL(url, host) { for (;;) {} }' });
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-check-deadline-'));
  rootFile = path.join(dir, 'root.pem');
  await writeFile(rootFile, root.pem);
});
after(async () => {
  await origin.close();
  await pac.close();
  await rm(dir, { recursive: true, force: true });
});

/** A SOCKS proxy in front of the origin that answers its first connection and stalls from the second on. */
const stallingSocks = (stallFrom: number) => startSocksServer({ forwardTo: { host: '127.0.0.1', port: origin.port }, stallFrom });

async function checkThrough(proxy: string, timeoutMs: number) {
  const choice = parseProxyChoice(proxy);
  assert.ok(choice.ok);
  return checkHost(
    { target: { host: 'deadline.example', port: 443 }, proxy: choice.value, connectTo: [], timeoutMs, env: {} },
    {
      publicRoots: anchors(),
      store: { backend: 'file', anchors: anchors(), intermediates: new TrustSet('none'), sources: [], problems: [] },
    },
  );
}

const anchors = () => new TrustSet('anchors', [{ cert: new X509Certificate(root.pem), source: 'test' }]);
const x = (c: Issued) => new X509Certificate(c.pem);

async function check(timeoutMs: number, now?: () => Date) {
  const mapping = parseConnectTo(`deadline.example:443:127.0.0.1:${origin.port}`);
  assert.ok(mapping.ok);
  return checkHost(
    { target: { host: 'deadline.example', port: 443 }, proxy: { kind: 'direct' }, connectTo: [mapping.value], timeoutMs, env: {}, now },
    {
      publicRoots: anchors(),
      store: { backend: 'file', anchors: anchors(), intermediates: new TrustSet('none'), sources: [], problems: [] },
    },
  );
}

describe('check: the site deadline covers the chain analysis', () => {
  it('within the deadline, the chain is judged as before', { timeout: 30_000 }, async () => {
    const result = await check(10_000);
    assert.equal(result.error, null);
    assert.equal(result.trust.publicRoots, true);
    assert.equal(result.trust.trustStore, true);
  });

  it('analysis that overruns the deadline answers timeout, not findings from a cut-short search', { timeout: 30_000 }, async () => {
    const timeoutMs = 1500;
    // Stands in for analysis that runs long: the clock is read once the handshake is done.
    const result = await check(timeoutMs, () => {
      const until = performance.now() + timeoutMs;
      while (performance.now() < until);
      return new Date();
    });
    assert.equal(result.error?.code, 'timeout', JSON.stringify(result.error));
    assert.match(result.error!.message, /no result within 1500 ms \(while analysing the presented chain\)/);
    assert.deepEqual(result.findings, []);
  });

  it(
    'through SOCKS, the second handshake (the SNI comparison) shares the deadline: timeout, not a result past it',
    { timeout: 60_000 },
    async () => {
      const socks = await stallingSocks(2);
      try {
        const result = await checkThrough(`socks5h://127.0.0.1:${socks.port}`, 4000);
        assert.equal(result.error?.code, 'timeout', JSON.stringify(result));
        assert.match(
          result.error!.message,
          /^deadline\.example: no result within 4000 ms \(while comparing the certificate without SNI: waiting for the SOCKS proxy socks5h:\/\/127\.0\.0\.1:\d+ to connect to the site\)/,
        );
        assert.deepEqual(result.findings, []);
        assert.equal(result.proxy, `socks5h://127.0.0.1:${socks.port}`);
        // The first connection got through; the deadline came while the second was stalled, and ended it.
        assert.equal(socks.requests.length, 1);
        await socks.stalled;
        await socks.stalledClosed;
      } finally {
        await socks.close();
      }
    },
  );

  it(
    'the PAC evaluation is inside the deadline: a script that never returns ends the check at the bound given',
    { timeout: 60_000 },
    async () => {
      // The evaluator's own limit (2 s, then its thread is ended) is longer than this check's: the check's deadline decides.
      const result = await checkThrough(`pac+${pac.url('/never.pac')}`, 1000);
      assert.equal(result.error?.code, 'timeout', JSON.stringify(result));
      assert.match(result.error!.message, /^deadline\.example: no result within 1000 ms \(while finding the proxy\)$/);
    },
  );

  it('the CLI says so, with the bound given', { timeout: 60_000 }, async () => {
    const socks = await stallingSocks(2);
    try {
      const run = await cli([
        'check',
        'deadline.example',
        '--proxy',
        `socks5h://127.0.0.1:${socks.port}`,
        '--public-roots',
        rootFile,
        '--trust-store',
        rootFile,
        '--timeout',
        '4000',
      ]);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.match(
        run.stderr,
        /^ca-bridge check: No answer in time \(deadline\.example: no result within 4000 ms \(while comparing the certificate without SNI: /,
      );
      assert.equal(run.stdout, '');
      await socks.stalledClosed;
    } finally {
      await socks.close();
    }
  });

  it('the trust finding passes its limits to the search', () => {
    const chain = [x(leaf), x(mid)];
    assert.equal(trustFinding(chain, [anchors()]), null, 'unlimited, the chain is trusted');
    const late = trustFinding(chain, [anchors()], undefined, { deadline: performance.now() - 1 });
    assert.ok(late, 'a search past its deadline finds no trusted path');
  });
});
