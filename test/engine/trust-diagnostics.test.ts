import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { storeDiagnostics } from '../../electron/core/trust/stores/diagnostics.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { cli } from '../helpers/cli.js';
import { startLab, type Lab } from '../lab/lab.js';

let lab: Lab;
before(async () => (lab = await startLab()));
after(() => lab.close());

const BROKEN = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';

describe('trust-store diagnostics reach the user', () => {
  it('detect --json and text carry the store: backend, sources, counts and each problem', async () => {
    const roots = Object.values(lab.families).map((f) => f.root.pem);
    const store = await lab.writePem('store-with-a-broken-entry.pem', [...roots, BROKEN]);
    const args = ['detect', '--targets', lab.hosts.slice(0, 2).join(','), '--proxy', 'direct', ...lab.connectToArgs];
    const common = [...args, '--public-roots', lab.publicRootsFile, '--trust-store', store, '--timeout', '20000'];
    const json = await cli([...common, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const diagnostics = json.json().trustStore;
    assert.equal(diagnostics.backend, 'file');
    assert.equal(diagnostics.state, 'partial');
    assert.deepEqual(diagnostics.sources, [store]);
    assert.equal(diagnostics.anchors, roots.length);
    assert.equal(diagnostics.problemCount, 1);
    assert.match(diagnostics.problems[0].source, /store-with-a-broken-entry\.pem/);
    const text = await cli(common);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`Trust store: file, read, with problems \\(anchors: ${roots.length}, intermediates: 0\\)`));
    assert.match(text.stdout, /\n {2}problem: {2}.*store-with-a-broken-entry\.pem/);
  });

  it('an unreadable store says so, and a flood of problems is bounded', () => {
    const empty = { anchors: new TrustSet('a'), intermediates: new TrustSet('i'), sources: [] };
    const unreadable = storeDiagnostics({
      ...empty,
      backend: 'windows',
      problems: [{ source: 'windows', index: -1, reason: 'the OS trust store could not be read: boom' }],
    });
    assert.deepEqual([unreadable.state, unreadable.backend, unreadable.problemCount], ['unreadable', 'windows', 1]);
    const problems = Array.from({ length: 500 }, (_, index) => ({ source: 'x.pem', index, reason: 'unparseable' }));
    const flooded = storeDiagnostics({ ...empty, backend: 'file', problems });
    assert.equal(flooded.state, 'partial');
    assert.equal(flooded.problemCount, 500);
    assert.ok(flooded.problems.length <= 20);
    assert.equal(storeDiagnostics({ ...empty, backend: 'linux', problems: [] }).state, 'ok');
  });
});
