import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { UserEnvironment } from '../../electron/core/guidance/user-environment.js';
import { applyCmdEnvironment, revertCmdEnvironment } from '../../electron/core/tool-config/cmd-environment.js';
import { cli } from '../helpers/cli.js';

let dir: string;
let exportDir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-apply-'));
  exportDir = path.join(dir, 'export dir');
  await mkdir(exportDir);
  for (const f of ['corporate-ca.pem', 'ca-bundle.pem', 'corporate-ca.crt']) await writeFile(path.join(exportDir, f), 'x');
});
after(() => rm(dir, { recursive: true, force: true }));

const read = (file: string) => readFile(file, 'utf8').catch(() => null);
const apply = (profile: string, ...extra: string[]) =>
  cli(['apply', '--dir', exportDir, '--shell', 'bash', '--profile', profile, ...extra], { HOME: dir });
const revert = (profile: string, ...extra: string[]) => cli(['revert', '--shell', 'bash', '--profile', profile, ...extra], { HOME: dir });

describe('apply then revert leaves the profile byte-identical', () => {
  const shapes: [string, string | null][] = [
    ['no file at all', null],
    ['an empty file', ''],
    ['LF with a final newline', 'export PATH="$HOME/bin:$PATH"\nalias ll="ls -l"\n'],
    ['no final newline', 'export EDITOR=vim\n# last line without newline'],
    ['CRLF line endings', 'set -o vi\r\nexport LANG=ja_JP.UTF-8\r\n'],
    ['CRLF without a final newline', 'set -o vi\r\nexport X=1'],
    ['non-ASCII content', '# 設定 José\nexport GREETING="こんにちは"\n'],
  ];
  for (const [label, original] of shapes) {
    it(label, async () => {
      const profile = path.join(dir, `profile-${label.replace(/\W+/g, '-')}`);
      if (original !== null) await writeFile(profile, original);
      const first = await apply(profile);
      assert.equal(first.code, 0, first.stderr);
      const applied = (await read(profile))!;
      assert.match(applied, /# >>> ca-bridge >>>[\s\S]*NODE_EXTRA_CA_CERTS[\s\S]*# <<< ca-bridge <<</);
      // bash would read a trailing \r as part of each value: the block is LF even in a CRLF file.
      assert.doesNotMatch(applied.slice((original ?? '').length), /\r/, 'the block is written with LF line endings');
      assert.ok(applied.startsWith(original ?? ''), 'nothing before the block changes');
      const again = await apply(profile);
      assert.match(again.stdout, /Already applied/);
      assert.equal(await read(profile), applied, 'applying twice changes nothing');
      assert.equal((await revert(profile)).code, 0);
      assert.equal(await read(profile), original, 'byte-identical after revert');
    });
  }

  it('edits outside the block made after apply survive revert; a changed export path updates the block in place', async () => {
    const profile = path.join(dir, 'edited');
    await writeFile(profile, 'first\n');
    await apply(profile);
    await writeFile(profile, (await read(profile)) + 'added later\n');
    const otherExport = path.join(dir, 'other export');
    await mkdir(otherExport);
    for (const f of ['corporate-ca.pem', 'ca-bundle.pem', 'corporate-ca.crt']) await writeFile(path.join(otherExport, f), 'x');
    assert.equal((await cli(['apply', '--dir', otherExport, '--shell', 'bash', '--profile', profile])).code, 0);
    const updated = (await read(profile))!;
    assert.equal(updated.match(/# >>> ca-bridge >>>/g)!.length, 1, 'one block, updated in place');
    assert.match(updated, /other export\/corporate-ca.pem/);
    assert.ok(updated.endsWith('added later\n'));
    await revert(profile);
    assert.equal(await read(profile), 'first\nadded later\n');
  });

  it('keeps a timestamped backup and shows a diff on --dry-run without writing', async () => {
    const profile = path.join(dir, 'dry');
    await writeFile(profile, 'keep me\n');
    const dry = await apply(profile, '--dry-run');
    assert.match(dry.stdout, /Would change .*dry run/);
    assert.match(dry.stdout, /^\+export NODE_EXTRA_CA_CERTS='.*export dir\/corporate-ca.pem'$/m);
    assert.equal(await read(profile), 'keep me\n');
    assert.equal((await apply(profile)).code, 0);
    const backups = (await readdir(dir)).filter((f) => f.startsWith('dry.ca-bridge-') && f.endsWith('.bak'));
    assert.equal(backups.length, 1);
    assert.equal(await read(path.join(dir, backups[0]!)), 'keep me\n');
  });
});

describe('profiles that cannot be changed', () => {
  it('a read-only profile: clear error, exit 2, untouched', async () => {
    const profile = path.join(dir, 'readonly');
    await writeFile(profile, 'locked\n');
    await chmod(profile, 0o444);
    const run = await apply(profile);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /is read-only/);
    assert.equal(await read(profile), 'locked\n');
    assert.equal((await readdir(dir)).filter((f) => f.startsWith('readonly.')).length, 0, 'no backup or temp file left');
  });
  it('a folder, or a path through a file, gives a clear error', async () => {
    assert.match((await apply(dir)).stderr, /is a folder, not a profile file/);
    await writeFile(path.join(dir, 'plainfile'), '');
    assert.match((await apply(path.join(dir, 'plainfile', 'profile'))).stderr, /not a folder/);
  });
  it('revert of a profile without the block changes nothing', async () => {
    const profile = path.join(dir, 'clean');
    await writeFile(profile, 'untouched');
    assert.match((await revert(profile)).stdout, /nothing to remove/);
    assert.equal(await read(profile), 'untouched');
  });
  it('bad usage', async () => {
    assert.match((await cli(['apply', '--shell', 'tcsh', '--dir', exportDir])).stderr, /--shell "tcsh" is not one of/);
    assert.match((await cli(['apply', '--shell', 'bash', '--dir', path.join(dir, 'nowhere')])).stderr, /run "ca-bridge export/);
    if (process.platform !== 'win32')
      assert.match((await cli(['apply', '--shell', 'cmd', '--dir', exportDir])).stderr, /only works on Windows/);
  });
});

describe('Windows user environment (registry faked)', () => {
  const fakeRegistry = (initial: Record<string, string>) => {
    const values = new Map(Object.entries(initial));
    const env: UserEnvironment = {
      get: async (n) => (values.has(n) ? { value: values.get(n)!, type: 'REG_SZ' } : null),
      set: async (n, v) => void values.set(n, v.value),
      remove: async (n) => void values.delete(n),
      broadcast: async () => true,
    };
    return { env, values };
  };
  it('apply remembers what was there; revert restores it, twice-apply changes nothing', async () => {
    const { env, values } = fakeRegistry({ SSL_CERT_FILE: 'C:\\old\\bundle.pem', PATH: 'C:\\bin' });
    const backup = path.join(dir, 'userenv', 'ledger.json');
    const vars = { NODE_EXTRA_CA_CERTS: 'C:\\Users\\山田 太郎\\ca.pem', SSL_CERT_FILE: 'C:\\Users\\山田 太郎\\bundle.pem' };
    assert.equal((await applyCmdEnvironment(env, vars, backup)).changes.length, 2);
    assert.equal((await applyCmdEnvironment(env, vars, backup)).changed, false);
    assert.equal(values.get('SSL_CERT_FILE'), vars.SSL_CERT_FILE);
    await revertCmdEnvironment(env, backup);
    assert.deepEqual(Object.fromEntries(values), { SSL_CERT_FILE: 'C:\\old\\bundle.pem', PATH: 'C:\\bin' });
  });
  it('revert leaves a variable the user changed after apply', async () => {
    const { env, values } = fakeRegistry({});
    const backup = path.join(dir, 'userenv2', 'ledger.json');
    await applyCmdEnvironment(env, { A: '1', B: '2' }, backup);
    values.set('B', 'mine');
    const result = await revertCmdEnvironment(env, backup);
    assert.deepEqual(result.keptUserEdits, ['B']);
    assert.deepEqual(Object.fromEntries(values), { B: 'mine' });
  });
  it('revert leaves a variable the user removed or changed after apply, also where it held a value before', async () => {
    const { env, values } = fakeRegistry({ REMOVED: 'before', CHANGED: 'before', UNTOUCHED: 'before' });
    const backup = path.join(dir, 'userenv3', 'ledger.json');
    await applyCmdEnvironment(env, { REMOVED: 'ours', CHANGED: 'ours', UNTOUCHED: 'ours' }, backup);
    values.delete('REMOVED');
    values.set('CHANGED', 'mine');
    const preview = await revertCmdEnvironment(env, backup, true);
    assert.deepEqual(preview.keptUserEdits.sort(), ['CHANGED', 'REMOVED']);
    assert.deepEqual(
      preview.changes.map((c) => [c.name, c.to]),
      [['UNTOUCHED', 'before']],
    );
    const result = await revertCmdEnvironment(env, backup);
    assert.deepEqual(result.keptUserEdits.sort(), ['CHANGED', 'REMOVED']);
    assert.deepEqual(Object.fromEntries(values), { CHANGED: 'mine', UNTOUCHED: 'before' });
  });
});
