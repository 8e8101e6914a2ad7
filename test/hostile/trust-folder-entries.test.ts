/**
 * One broken entry in a trust-store folder (a dangling link, a subfolder named `x.pem`, a FIFO, a link
 * to a device) must not throw away the good certificates beside it: the entry is skipped and named in
 * the store's problems, for `--trust-store` and for `SSL_CERT_DIR` alike. Before, the first such entry
 * failed the whole `--trust-store` folder (exit 2) and dropped every anchor of an `SSL_CERT_DIR` folder.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readLinuxStore } from '../../electron/core/trust/stores/linux.js';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-folder-entries-'));
const at = (...names: string[]) => path.join(dir, ...names);
const OFFLINE = ['--targets', 'nowhere.invalid', '--connect-to', 'nowhere.invalid:443:127.0.0.1:1'];
// Every case answers at once; the limit only keeps a regression (a FIFO waited on) from hanging the suite.
const LIMIT = { timeout: 30_000 };

/** The broken entries, each with the reason it must be reported under. */
const BROKEN: [name: string, reason: RegExp][] = [
  ['b-dangling.pem', /skipped: a link to nothing/],
  ['c-subfolder.pem', /skipped: not a regular file \(a folder\)/],
  ['d-pipe.pem', /skipped: not a regular file \(a named pipe\)/],
  ['e-device.pem', /skipped: not a regular file \(a device\)/],
];

function brokenFolder(name: string, goodPem?: string) {
  mkdirSync(at(name));
  if (goodPem) writeFileSync(at(name, 'a-good.pem'), goodPem);
  symlinkSync(at(name, 'missing-target.pem'), at(name, 'b-dangling.pem'));
  mkdirSync(at(name, 'c-subfolder.pem'));
  execFileSync('mkfifo', [at(name, 'd-pipe.pem')]);
  symlinkSync('/dev/zero', at(name, 'e-device.pem'));
}

function assertEachBrokenNamed(problems: { source: string; reason: string }[], folder: string) {
  for (const [name, reason] of BROKEN) {
    const problem = problems.find((p) => p.source === at(folder, name));
    assert.ok(problem, `${name} is reported: ${JSON.stringify(problems)}`);
    assert.match(problem.reason, reason);
  }
}

before(async () => {
  const rootPem = (await issue({ subject: 'CN=Folder Entries Root', ca: true })).pem;
  brokenFolder('store', rootPem);
  brokenFolder('only-broken');
  mkdirSync(at('empty-local'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('broken entries in a trust-store folder', () => {
  it('--trust-store keeps the good certificate and names each broken entry', LIMIT, async () => {
    const run = await cli(['detect', '--json', ...OFFLINE, '--trust-store', at('store')], { HOME: dir });
    assert.notEqual(run.code, 2, run.stderr);
    const store = run.json().trustStore;
    assert.equal(store.anchors, 1, JSON.stringify(store));
    assert.equal(store.state, 'partial');
    assert.equal(store.problemCount, BROKEN.length);
    assertEachBrokenNamed(store.problems, 'store');
  });

  it('the text report names the skipped entries too', LIMIT, async () => {
    const run = await cli(['detect', ...OFFLINE, '--trust-store', at('store')], { HOME: dir });
    assert.notEqual(run.code, 2, run.stderr);
    assert.match(run.stdout, /Trust store: file, read, with problems \(anchors: 1,/);
    assert.match(run.stdout, /problem: +.*d-pipe\.pem: skipped: not a regular file \(a named pipe\)/);
  });

  it('SSL_CERT_DIR keeps its anchors beside a broken entry', LIMIT, async () => {
    const store = await readLinuxStore({ env: { SSL_CERT_DIR: at('store') }, bundles: [], localCaDir: at('empty-local') });
    assert.equal(store.anchors.size, 1);
    assert.deepEqual(store.sources, [at('store')]);
    assertEachBrokenNamed(store.problems, 'store');
  });

  it('a folder of nothing but broken entries is bad usage naming an entry', LIMIT, async () => {
    const run = await cli(['detect', ...OFFLINE, '--trust-store', at('only-broken')], { HOME: dir });
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /--trust-store .*only-broken: 4 entries could not be parsed or read \(.*b-dangling\.pem: skipped: a link to nothing/,
    );
  });
});
