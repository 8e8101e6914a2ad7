/**
 * A presented chain of nine certificates, eight of them copies of one CA (same name and key,
 * different serials): each copy "issues" every other, so an unbounded path search tries every
 * ordering. Detection must stay within its per-site deadline, and the good site probed beside it
 * must get its own, correct result.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import { parseConnectTo } from '../../shared/connect-to.js';
import { probeTarget } from '../../electron/core/probe/probe.js';
import { DEFAULT_MAX_VERIFICATIONS, findPath } from '../../electron/core/trust/chain.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { LAB_SITES, startLab, type Lab } from '../lab/lab.js';
import { startOrigin, type Origin } from '../lab/origin.js';
import { issue, makeKeys, type Issued } from '../lab/pki.js';
import { runCliChild } from './spawn-cli.js';

const COPIES = 8;
const TIMEOUT_MS = 2000;
let lab: Lab;
let hostile: Origin;
let chainPems: string[];

before(async () => {
  lab = await startLab({ sites: LAB_SITES.slice(0, 1) });
  const keys = await makeKeys('ecdsa');
  const copies: Issued[] = [];
  for (let i = 0; i < COPIES; i++) copies.push(await issue({ subject: 'CN=Copied Inspection CA, O=Hostile', ca: true, keys }));
  const leaf = await issue({ subject: 'CN=hostile.example', hosts: ['hostile.example'], issuer: copies[0]! });
  chainPems = [leaf.pem, ...copies.map((c) => c.pem)];
  hostile = await startOrigin({ host: 'hostile.example', certChainPem: chainPems.join(''), keyPem: leaf.keyPem });
});

after(async () => {
  await hostile.close();
  await lab.close();
});

test('the nine-certificate chain resolves at once, in a bounded number of signature checks', () => {
  const chain = chainPems.map((pem) => new X509Certificate(pem));
  const found = findPath(chain, new TrustSet('the public roots', []));
  assert.equal(found.anchor, null);
  assert.equal(found.exhausted, null, 'the copies are recognised as one CA, so no limit is needed');
  assert.match(found.reason ?? '', /issuer "CN=Copied Inspection CA, O=Hostile"/);
  // One check for the leaf, one for the CA's single identity: not one per ordering of the copies.
  assert.ok(found.verifications <= 2, `${found.verifications} signature checks`);
});

test('detect with the hostile site next to a good one stays within --timeout, and the good site is judged correctly', async () => {
  const good = LAB_SITES[0]!.host;
  const run = await runCliChild(
    [
      'detect',
      '--targets',
      `hostile.example,${good}`,
      ...lab.connectToArgs,
      '--connect-to',
      `hostile.example:443:127.0.0.1:${hostile.port}`,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      lab.publicRootsFile,
      '--timeout',
      String(TIMEOUT_MS),
      '--json',
    ],
    { killAfterMs: 60_000, env: { HOME: lab.dir } },
  );
  assert.equal(run.killed, false, `detect was still running after 60 s\n${run.stderr}`);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as { targets: { host: string; status: string; error: unknown; chain: unknown[] }[] };
  const byHost = new Map(result.targets.map((t) => [t.host, t]));
  assert.equal(byHost.get(good)?.status, 'clean', JSON.stringify(byHost.get(good)?.error));
  assert.equal(byHost.get('hostile.example')?.status, 'inspected', JSON.stringify(byHost.get('hostile.example')?.error));
  assert.equal(byHost.get('hostile.example')?.chain.length, COPIES + 1);
});

test('the search stops at its signature budget, at its deadline and when cancelled, and says which', async () => {
  const root = await issue({ subject: 'CN=Budget Root', ca: true });
  let issuer = root;
  const chain: Issued[] = [];
  for (let i = 0; i < 4; i++) chain.unshift((issuer = await issue({ subject: `CN=Budget Mid ${i}`, ca: true, issuer })));
  const leaf = await issue({ subject: 'CN=budget.example', hosts: ['budget.example'], issuer });
  const certs = [leaf, ...chain].map((c) => new X509Certificate(c.pem));
  const anchors = new TrustSet('anchors', [{ cert: new X509Certificate(root.pem), source: 'test' }]);
  assert.ok(findPath(certs, anchors).anchor, 'unlimited, the chain resolves');
  const starved = findPath(certs, anchors, undefined, { maxVerifications: 2 });
  assert.equal(starved.anchor, null);
  assert.equal(starved.exhausted, 'budget');
  assert.match(starved.reason ?? '', /after 2 signature checks/);
  const late = findPath(certs, anchors, undefined, { deadline: performance.now() - 1 });
  assert.equal(late.exhausted, 'time');
  assert.match(late.reason ?? '', /longer than the time allowed/);
  const cancelled = findPath(certs, anchors, undefined, { signal: AbortSignal.abort() });
  assert.deepEqual([cancelled.anchor, cancelled.exhausted, cancelled.verifications], [null, 'cancelled', 0]);
});

test('copies collapse, cross-certificates do not: the same CA signed by another root is still tried', async () => {
  const oldRoot = await issue({ subject: 'CN=Old Root', ca: true });
  const newRoot = await issue({ subject: 'CN=New Root', ca: true });
  const keys = await makeKeys('ecdsa');
  const viaOld = await issue({ subject: 'CN=Cross CA', ca: true, keys, issuer: oldRoot });
  const viaNew = await issue({ subject: 'CN=Cross CA', ca: true, keys, issuer: newRoot });
  const leaf = await issue({ subject: 'CN=cross.example', hosts: ['cross.example'], issuer: viaOld });
  const x = (c: Issued) => new X509Certificate(c.pem);
  const anchors = new TrustSet('anchors', [{ cert: x(newRoot), source: 'test' }]);
  const storeIntermediates = new TrustSet('intermediates', [{ cert: x(viaNew), source: 'test' }]);
  // The server sends the path to the old root; the store knows the same CA under the new one.
  const found = findPath([x(leaf), x(viaOld)], anchors, storeIntermediates);
  assert.equal(found.anchor?.cert.fingerprint256, x(newRoot).fingerprint256, found.reason ?? '');
  assert.equal(found.path[1]?.fingerprint256, x(viaNew).fingerprint256);
});

test('the same CA under a re-keyed root of the same name is a separate candidate too', async () => {
  const oldKeyRoot = await issue({ subject: 'CN=Rekeyed Root', ca: true });
  const newKeyRoot = await issue({ subject: 'CN=Rekeyed Root', ca: true });
  const keys = await makeKeys('ecdsa');
  const underOld = await issue({ subject: 'CN=Rekeyed CA', ca: true, keys, issuer: oldKeyRoot });
  const underNew = await issue({ subject: 'CN=Rekeyed CA', ca: true, keys, issuer: newKeyRoot });
  const leaf = await issue({ subject: 'CN=rekeyed.example', hosts: ['rekeyed.example'], issuer: underOld });
  const x = (c: Issued) => new X509Certificate(c.pem);
  const anchors = new TrustSet('anchors', [{ cert: x(newKeyRoot), source: 'test' }]);
  const found = findPath([x(leaf), x(underOld), x(underNew)], anchors);
  assert.equal(found.anchor?.cert.fingerprint256, x(newKeyRoot).fingerprint256, found.reason ?? '');
});

test('a mesh of eight same-named CAs signing each other (56 certificates) ends within the budget', async () => {
  const keys = await Promise.all(Array.from({ length: 8 }, () => makeKeys('ecdsa')));
  const base = keys.map((k) => ({ keys: k, alg: 'ecdsa' as const }));
  const mesh: Issued[] = [];
  for (let signer = 0; signer < 8; signer++) {
    // issue() only reads the issuer's subject, keys and algorithm: a stand-in for CA "signer".
    const issuer = { ...(await issue({ subject: 'CN=Mesh CA', ca: true, keys: base[signer]!.keys })) };
    for (let subject = 0; subject < 8; subject++)
      if (subject !== signer) mesh.push(await issue({ subject: 'CN=Mesh CA', ca: true, keys: base[subject]!.keys, issuer }));
  }
  const leaf = await issue({ subject: 'CN=mesh.example', hosts: ['mesh.example'], issuer: mesh[0]! });
  const chain = [leaf, ...mesh].map((c) => new X509Certificate(c.pem));
  const found = findPath(chain, new TrustSet('the public roots', []));
  assert.equal(found.anchor, null);
  assert.ok(found.verifications > 0 && found.verifications <= DEFAULT_MAX_VERIFICATIONS, `${found.verifications} signature checks`);
});

test('the per-site deadline covers the analysis after the handshake', async () => {
  const mapping = parseConnectTo(`hostile.example:443:127.0.0.1:${hostile.port}`);
  assert.ok(mapping.ok);
  const timeoutMs = 1500;
  const result = await probeTarget(
    { host: 'hostile.example', port: 443 },
    {
      proxy: null,
      connectTo: [mapping.value],
      publicRoots: new TrustSet('the public roots'),
      trustStore: new TrustSet('the trust store'),
      timeoutMs,
      // Stands in for analysis that runs long: the clock is read once the handshake is done.
      now: () => {
        const until = performance.now() + timeoutMs;
        while (performance.now() < until);
        return new Date();
      },
    },
  );
  assert.equal(result.error?.code, 'timeout', JSON.stringify(result.error));
  assert.match(result.error!.message, /while analysing the presented chain/);
});
