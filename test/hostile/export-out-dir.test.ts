/**
 * `export --out` pointed at something that is not a usable folder is the user's to correct: exit 2 and
 * a sentence naming `--out` and the path, never a raw "EEXIST … mkdir" or "ENOENT" with exit 1. A
 * system folder (/proc, /sys, /dev) is refused before anything is created there: as root, `--out /dev`
 * used to write the three files among the device nodes.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { refuseSystemFolder } from '../../electron/core/export/prepare-dir.js';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-out-dir-'));
const at = (...names: string[]) => path.join(dir, ...names);
const NAMES = ['corporate-ca.pem', 'corporate-ca.crt', 'ca-bundle.pem'];
const LIMIT = { timeout: 30_000 };

before(async () => {
  writeFileSync(at('ca.pem'), (await issue({ subject: 'CN=Out Dir Root', ca: true })).pem);
  writeFileSync(at('public.pem'), (await issue({ subject: 'CN=Out Dir Public', ca: true })).pem);
  writeFileSync(at('a-file'), 'mine\n');
  symlinkSync('/proc', at('proc-link'));
  mkdirSync(at('with-fifo'));
  execFileSync('mkfifo', [at('with-fifo', 'ca-bundle.pem')]);
  mkdirSync(at('with-subfolder', 'corporate-ca.pem'), { recursive: true });
  mkdirSync(at('with-device-link'));
  symlinkSync('/dev/null', at('with-device-link', 'corporate-ca.crt'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

const exportTo = (out: string, ...extra: string[]) =>
  cli(['export', '--no-detect', '--from', at('ca.pem'), '--public-roots', at('public.pem'), '--out', out, ...extra], { HOME: dir });

async function refused(out: string, pattern: RegExp, ...extra: string[]) {
  const run = await exportTo(out, ...extra);
  assert.equal(run.code, 2, `${out}\n${run.stderr}${run.stdout}`);
  assert.match(run.stderr, pattern);
  assert.doesNotMatch(run.stderr, /EEXIST|ENOENT|ENOTDIR|mkdir|internal/);
}

describe('export --out that cannot be used', () => {
  it('an existing file, or a path through one', LIMIT, async () => {
    await refused(at('a-file'), /--out .*a-file: a file, not a folder/);
    await refused(at('a-file', 'sub'), /--out .*a-file\/sub: .*a-file is a file, not a folder/);
  });

  it('a folder under /proc, also through a link', LIMIT, async () => {
    await refused('/proc/ca-bridge-test/out', /--out \/proc\/ca-bridge-test\/out: \/proc is a system folder/);
    await refused(at('proc-link', 'out'), /--out .*proc-link\/out: \/proc is a system folder/);
  });

  it('/dev itself, with and without --force, writes nothing there', LIMIT, async () => {
    const planted = NAMES.map((name) => path.join('/dev', name));
    assert.deepEqual(
      planted.filter((f) => existsSync(f)),
      [],
      'no export file in /dev before the test',
    );
    try {
      await refused('/dev', /--out \/dev: \/dev is a system folder/);
      await refused('/dev', /--out \/dev: \/dev is a system folder/, '--force');
      assert.deepEqual(
        planted.filter((f) => existsSync(f)),
        [],
      );
    } finally {
      // Only if a regression wrote them: this test leaves /dev as it found it.
      for (const f of planted) rmSync(f, { force: true });
    }
  });

  it('/sys and /dev are system folders to the check itself', async () => {
    for (const system of ['/sys/kernel', '/dev', '/dev/shm/x', '/proc'])
      await assert.rejects(refuseSystemFolder(system), /is a system folder/, system);
    await refuseSystemFolder(at('fine', 'new'));
  });

  it('an output name that is a FIFO, or a link to a device: named, without the advice to --force', LIMIT, async () => {
    await refused(at('with-fifo'), /--out .*with-fifo: .*with-fifo\/ca-bundle\.pem exists and is a named pipe, not a regular file/);
    await refused(at('with-fifo'), /ca-bundle\.pem exists and is a named pipe/, '--force');
    const run = await exportTo(at('with-fifo'));
    assert.doesNotMatch(run.stderr, /pass --force/);
    await refused(at('with-subfolder'), /corporate-ca\.pem exists and is a folder, not a regular file/, '--force');
    await refused(
      at('with-device-link'),
      /--out .*with-device-link: .*corporate-ca\.crt leads to \/dev\/null, which is a device, not a regular file/,
      '--force',
    );
  });
});
