/**
 * `check` gives one site one deadline (`--timeout`), as detect does: connection, handshake and the
 * analysis of the presented chain. The chain search is synchronous, so it is handed the deadline and
 * stops itself; a check whose analysis overruns answers `timeout` instead of findings computed from a
 * search that was cut short. Before, check gave the search no deadline at all.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseConnectTo } from '../../shared/connect-to.js';
import { checkHost } from '../../electron/core/diagnose/check.js';
import { trustFinding } from '../../electron/core/diagnose/findings.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { startOrigin, type Origin } from '../lab/origin.js';
import { issue, type Issued } from '../lab/pki.js';

let origin: Origin;
let root: Issued;
let mid: Issued;
let leaf: Issued;

before(async () => {
  root = await issue({ subject: 'CN=Deadline Root', ca: true });
  mid = await issue({ subject: 'CN=Deadline Mid', ca: true, issuer: root });
  leaf = await issue({ subject: 'CN=deadline.example', hosts: ['deadline.example'], issuer: mid });
  origin = await startOrigin({ host: 'deadline.example', certChainPem: leaf.pem + mid.pem, keyPem: leaf.keyPem });
});
after(() => origin.close());

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

  it('the trust finding passes its limits to the search', () => {
    const chain = [x(leaf), x(mid)];
    assert.equal(trustFinding(chain, [anchors()]), null, 'unlimited, the chain is trusted');
    const late = trustFinding(chain, [anchors()], undefined, { deadline: performance.now() - 1 });
    assert.ok(late, 'a search past its deadline finds no trusted path');
  });
});
