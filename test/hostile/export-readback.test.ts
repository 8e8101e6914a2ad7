import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { issue } from '../lab/pki.js';
import { fsPromises, withRenameHook } from './profile-rename-hook.js';

/**
 * A disk (or another program) that changes a file right after it was renamed into place: the
 * result must be reported as an error, never as written.
 */
const withCorruptingRename = <T>(corrupt: (file: string) => Promise<void>, run: () => Promise<T>) =>
  withRenameHook(async (_from, to, rename) => {
    await rename();
    await corrupt(to);
  }, run);

let dir: string;
const file = (name: string) => path.join(dir, name);
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-readback-'));
  await writeFile(file('ca.pem'), (await issue({ subject: 'CN=Corp Root', alg: 'ecdsa', ca: true })).pem);
  await writeFile(file('public.pem'), (await issue({ subject: 'CN=Public Root', alg: 'ecdsa', ca: true })).pem);
});
after(() => rm(dir, { recursive: true, force: true }));

describe('what was written is read back before it is reported', () => {
  it('export: a file that does not read back as written is an error, not "written"', async () => {
    const out = file('out');
    const run = await withCorruptingRename(
      async (to) => {
        if (to.endsWith('ca-bundle.pem')) await fsPromises.writeFile(to, 'garbage\n');
      },
      () => cli(['export', '--json', '--no-detect', '--from', file('ca.pem'), '--public-roots', file('public.pem'), '--out', out], {}),
    );
    assert.notEqual(run.code, 0, run.stdout);
    assert.match(run.stderr, /ca-bundle\.pem does not read back as written/);
  });

  it('apply: a profile that does not read back as written is an error, not "Applied"', async () => {
    const exportDir = file('export');
    await fsPromises.mkdir(exportDir);
    for (const f of ['corporate-ca.pem', 'ca-bundle.pem', 'corporate-ca.crt']) await writeFile(path.join(exportDir, f), 'x');
    const profile = file('profile');
    await writeFile(profile, 'export A=1\n');
    const run = await withCorruptingRename(
      async (to) => {
        if (to === profile) await fsPromises.writeFile(to, 'export A=1\n# >>> ca-bridge >>>\ntruncated');
      },
      () => cli(['apply', '--dir', exportDir, '--shell', 'bash', '--profile', profile], { HOME: dir }),
    );
    assert.equal(run.code, 2, run.stdout);
    assert.doesNotMatch(run.stdout, /Applied/);
    assert.match(run.stderr, /does not read back as written/);
    assert.equal(await readFile(profile, 'utf8'), 'export A=1\n# >>> ca-bridge >>>\ntruncated', 'the test did corrupt it');
  });
});
