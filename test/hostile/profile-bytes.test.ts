import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import {
  appendFile,
  chmod,
  chown,
  link,
  lstat,
  mkdir,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { stamp } from '../../electron/core/fs/backup.js';
import { cli } from '../helpers/cli.js';
import { fsPromises } from './profile-rename-hook.js';
import { profileLab } from './profile-setup.js';

const { lab, file, apply, revert, leftovers } = profileLab('bytes');

const bytesOf = (profile: string) => readFile(profile);
const blockOf = (applied: Buffer, original: Buffer) => applied.subarray(original.length).toString('latin1');

async function roundTrip(name: string, original: Buffer, shell = 'bash') {
  const profile = file(name);
  await writeFile(profile, original);
  const applied = await apply(profile, shell);
  assert.equal(applied.code, 0, applied.stderr);
  const after = await bytesOf(profile);
  assert.match(after.toString('latin1'), /# >>> ca-bridge >>>[\s\S]*NODE_EXTRA_CA_CERTS[\s\S]*# <<< ca-bridge <<<\r?\n$/);
  const reverted = await revert(profile, shell);
  assert.equal(reverted.code, 0, reverted.stderr);
  assert.deepEqual(await bytesOf(profile), original, 'byte-identical after revert');
  return { profile, after };
}

describe('what apply added, and only that, is taken away by revert', () => {
  it('no final newline, then the user appends a line after apply: revert keeps the lines apart', async () => {
    const profile = file('no-final-newline');
    await writeFile(profile, 'export PATH=/opt/bin:$PATH');
    assert.equal((await apply(profile)).code, 0);
    await appendFile(profile, 'alias gs="git status"\n');
    assert.equal((await revert(profile)).code, 0);
    assert.equal(await readFile(profile, 'utf8'), 'export PATH=/opt/bin:$PATH\nalias gs="git status"\n');
  });
});

describe('profiles in other encodings come back byte for byte', () => {
  it('Shift_JIS (with 0x5C trail bytes, as in ソ and 表)', async () => {
    // "# 設定" / export GREETING="ソ表" in Shift_JIS; no final newline on purpose.
    const sjis = Buffer.from([0x23, 0x20, 0x90, 0xdd, 0x92, 0xe8, 0x0a, ...Buffer.from('export GREETING="'), 0x83, 0x5c, 0x95, 0x5c, 0x22]);
    const { after } = await roundTrip('sjis', sjis);
    assert.deepEqual(after.subarray(0, sjis.length), sjis, 'the user lines are untouched after apply too');
    assert.ok(!after.includes(Buffer.from([0xef, 0xbf, 0xbd])), 'no U+FFFD replacement characters');
  });
  it('Latin-1', async () => {
    const latin1 = Buffer.from('# Jos\xe9 M\xfcller\nexport NAME="Ren\xe9e"\n', 'latin1');
    const { after } = await roundTrip('latin1', latin1);
    assert.ok(!after.includes(Buffer.from([0xef, 0xbf, 0xbd])));
  });
  it('a UTF-16 profile is refused rather than half rewritten', async () => {
    const profile = file('utf16');
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('$env:X = 1\r\n', 'utf16le')]);
    await writeFile(profile, original);
    const run = await apply(profile, 'powershell');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /UTF-16/);
    assert.deepEqual(await bytesOf(profile), original);
  });
});

describe('line endings of the block', () => {
  it('CRLF profile for bash: the block is LF, bash sees values without \\r, revert is byte-identical', async () => {
    const original = Buffer.from('set -o vi\r\nexport LANG=C\r\n');
    const profile = file('crlf-bash');
    await writeFile(profile, original);
    assert.equal((await apply(profile)).code, 0);
    const after = await bytesOf(profile);
    assert.deepEqual(after.subarray(0, original.length), original);
    assert.ok(!blockOf(after, original).includes('\r'), 'no CR in the block');
    const value = execFileSync('bash', ['-c', `. "$1" 2>/dev/null; printf %s "$SSL_CERT_FILE"`, 'bash', profile], { env: {} });
    assert.ok(value.toString().endsWith('ca-bundle.pem'), JSON.stringify(value.toString()));
    assert.equal((await revert(profile)).code, 0);
    assert.deepEqual(await bytesOf(profile), original);
  });
  it('CRLF without a final newline, and a lone CR at the end: revert is byte-identical', async () => {
    await roundTrip('crlf-open', Buffer.from('set -o vi\r\nexport X=1'));
    await roundTrip('cr-end', Buffer.from('set -o vi\r\nexport X=1\r'));
  });
  it('a PowerShell profile apply creates for a non-ASCII export folder starts with the UTF-8 BOM (Windows PowerShell 5.1 reads a file without one as CP932); revert removes it all', async () => {
    const exportDir = path.join(lab.dir, '証明書');
    await mkdir(exportDir, { recursive: true });
    for (const name of ['corporate-ca.pem', 'ca-bundle.pem', 'corporate-ca.crt']) await writeFile(path.join(exportDir, name), 'x');
    const profile = file('Microsoft.PowerShell_profile.ps1');
    const run = () => cli(['apply', '--dir', exportDir, '--shell', 'powershell', '--profile', profile], { HOME: lab.dir });
    assert.equal((await run()).code, 0);
    const created = await bytesOf(profile);
    assert.deepEqual(created.subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]), 'starts with the BOM');
    assert.match(created.subarray(3).toString('utf8'), /^# >>> ca-bridge >>> \[created\]\r?\n[\s\S]*証明書/);
    assert.equal((await run()).code, 0, 'applying again finds the block behind the BOM');
    assert.deepEqual(await bytesOf(profile), created, 'and changes nothing');
    assert.equal((await revert(profile, 'powershell')).code, 0);
    await assert.rejects(stat(profile), { code: 'ENOENT' }, 'the file apply created is gone, BOM and all');
    // An existing profile keeps its first bytes: a BOM in front would change how its own lines are read.
    await roundTrip('existing.ps1', Buffer.from('# \x93\xfa\x96\x7b\r\n', 'latin1'), 'powershell');
  });
  it('a PowerShell profile keeps CRLF in the block', async () => {
    const original = Buffer.from('Set-PSReadLineOption -EditMode Emacs\r\n');
    const { after } = await roundTrip('profile.ps1', original, 'powershell');
    assert.doesNotMatch(blockOf(after, original).replace(/\r\n/g, ''), /\n/);
  });
});

describe('symlinks, mode and owner', () => {
  it('a symlinked profile: the link stays, the target is changed, revert restores the target bytes', async () => {
    await mkdir(file('dotfiles'));
    const target = file('dotfiles/bashrc');
    const link = file('.bashrc-link');
    const original = Buffer.from('# managed by my dotfiles\nexport A=1\n');
    await writeFile(target, original);
    await symlink(path.join('dotfiles', 'bashrc'), link);
    assert.equal((await apply(link)).code, 0);
    assert.ok((await lstat(link)).isSymbolicLink(), 'still a link after apply');
    assert.equal(await readlink(link), path.join('dotfiles', 'bashrc'));
    assert.match(await readFile(target, 'utf8'), /# >>> ca-bridge >>>/);
    assert.equal((await revert(link)).code, 0);
    assert.ok((await lstat(link)).isSymbolicLink(), 'still a link after revert');
    assert.deepEqual(await readFile(target), original);
  });
  it('a profile that did not exist: apply then revert leaves the folder exactly as it was (no file, no backup)', async () => {
    const folder = file('fresh-home');
    await mkdir(folder);
    await writeFile(path.join(folder, '.bashrc'), 'unrelated\n');
    const before = (await readdir(folder)).sort();
    const profile = path.join(folder, '.bash_profile');
    assert.equal((await apply(profile)).code, 0);
    const reverted = await revert(profile);
    assert.equal(reverted.code, 0, reverted.stderr);
    assert.doesNotMatch(reverted.stdout, /Backup/);
    assert.deepEqual((await readdir(folder)).sort(), before);
  });
  it('a link to a profile that does not exist yet: apply creates the target, revert removes it, the link stays', async () => {
    const link = file('.zshenv-link');
    await symlink('dotfiles/zshenv', link);
    assert.equal((await apply(link, 'zsh')).code, 0);
    assert.ok((await lstat(link)).isSymbolicLink());
    assert.match(await readFile(file('dotfiles/zshenv'), 'utf8'), /# >>> ca-bridge >>> \[created\]/);
    assert.equal((await revert(link, 'zsh')).code, 0);
    assert.ok((await lstat(link)).isSymbolicLink());
    await assert.rejects(stat(file('dotfiles/zshenv')), { code: 'ENOENT' });
  });
  it('a hard-linked profile is refused, both names untouched: a rename would leave the other name on the old text', async () => {
    await mkdir(file('hard'), { recursive: true });
    const shared = file('hard/bashrc');
    const profile = file('.bashrc-hard');
    const original = Buffer.from('export EDITOR=vi\n');
    await writeFile(shared, original);
    await link(shared, profile);
    const applied = await apply(profile);
    assert.equal(applied.code, 2, applied.stderr);
    assert.match(applied.stderr, /bashrc-hard has 2 hard links .*symbolic link.*nothing was changed/);
    const dry = await cli(['apply', '--dir', lab.exportDir, '--shell', 'bash', '--profile', profile, '--dry-run'], { HOME: lab.dir });
    assert.equal(dry.code, 2, 'a dry run says so too');
    assert.deepEqual(await readFile(profile), original);
    assert.equal((await stat(profile)).ino, (await stat(shared)).ino, 'still one file under two names');
    assert.deepEqual(await leftovers(profile), [], 'no backup, lock or temp file');
    // Nothing to take away: revert has nothing to change, and says so without refusing.
    assert.equal((await revert(profile)).code, 0);
  });
  it('mode (0600, 0640, and 0666 which the umask would narrow) is kept by apply and revert', async () => {
    for (const mode of [0o600, 0o640, 0o666]) {
      const profile = file(`mode-${mode.toString(8)}`);
      await writeFile(profile, 'export SECRET_FREE=1\n');
      await chmod(profile, mode);
      assert.equal((await apply(profile)).code, 0);
      assert.equal((await stat(profile)).mode & 0o7777, mode);
      assert.equal((await revert(profile)).code, 0);
      assert.equal((await stat(profile)).mode & 0o7777, mode);
    }
  });
  it(
    'owner is kept (when running as root, the only way to hold a file owned by someone else)',
    { skip: process.getuid?.() !== 0 },
    async () => {
      const profile = file('owned');
      await writeFile(profile, 'export A=1\n');
      await chown(profile, 4321, 4322);
      assert.equal((await apply(profile)).code, 0);
      const info = await stat(profile);
      assert.deepEqual([info.uid, info.gid], [4321, 4322]);
    },
  );
});

describe('backups', () => {
  it('a symlink planted at the backup name is not followed; the backup holds the original bytes', async () => {
    const profile = file('planted');
    const victim = file('victim');
    await writeFile(profile, 'export MINE=1\n');
    await writeFile(victim, 'do not overwrite\n');
    const now = Date.now();
    for (let s = 0; s < 6; s++) await symlink(victim, `${profile}.ca-bridge-${stamp(new Date(now + s * 1000))}.bak`);
    const run = await apply(profile);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await readFile(victim, 'utf8'), 'do not overwrite\n');
    const backup = /Backup of the previous file: (.*)/.exec(run.stdout)![1]!;
    assert.ok(!(await lstat(backup)).isSymbolicLink());
    assert.equal(await readFile(backup, 'utf8'), 'export MINE=1\n');
  });
});

describe('profiles that are refused, untouched', () => {
  it('read-only profile: exit 2, same bytes, nothing left beside it', async () => {
    const profile = file('readonly');
    await writeFile(profile, 'locked\n');
    await chmod(profile, 0o444);
    const run = await apply(profile);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /read-only/);
    assert.equal(await readFile(profile, 'utf8'), 'locked\n');
    assert.deepEqual(await leftovers(profile), []);
  });
  it('a profile over the 4 MiB cap is refused with the cap named, untouched', async () => {
    const profile = file('huge');
    const original = Buffer.alloc(4 * 1024 * 1024 + 1, 0x23);
    await writeFile(profile, original);
    const run = await apply(profile);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /huge: larger than 4194304 bytes/);
    assert.deepEqual(await readFile(profile), original);
    assert.deepEqual(await leftovers(profile), []);
  });
  it('a FIFO and a device named as the profile get a clear error, at once', { timeout: 30_000 }, async () => {
    const fifo = file('fifo-profile');
    execFileSync('mkfifo', [fifo]);
    for (const [profile, what] of [
      [fifo, /named pipe/],
      ['/dev/zero', /device/],
    ] as const) {
      // "At once" is the test's time limit: a read of /dev/zero or a wait for the FIFO's writer never ends.
      const run = await apply(profile);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, what);
    }
  });
});

describe('a profile swapped for a named pipe while it is read', () => {
  it('is refused as a named pipe at once: the second open of the file never waits for a writer', { timeout: 120_000 }, async () => {
    const profile = file('swapped-for-fifo');
    await writeFile(profile, 'export A=1\n');
    let opens = 0;
    let swapped = false;
    let unblock: NodeJS.Timeout | undefined;
    let waitedForWriter = false;
    const realOpen = fsPromises.open;
    // The first open of the profile is the bounded read; just before the second (the handle kept to
    // notice later writes) another program puts a named pipe at its name.
    fsPromises.open = (async (target: Parameters<typeof realOpen>[0], ...rest: unknown[]) => {
      if (String(target) === profile && ++opens === 2) {
        await unlink(profile);
        execFileSync('mkfifo', [profile]);
        swapped = true;
        // Before the fix the open below waited for a writer for ever. This writer, if it is ever needed, lets such
        // a run end, and says so: its open succeeds only while a reader waits on the pipe (O_NONBLOCK, else ENXIO).
        unblock = setTimeout(
          () =>
            void realOpen(profile, constants.O_WRONLY | constants.O_NONBLOCK).then(
              (h) => ((waitedForWriter = true), h.close()),
              () => undefined,
            ),
          60_000,
        );
      }
      return (realOpen as (...args: unknown[]) => ReturnType<typeof realOpen>)(target, ...rest);
    }) as typeof realOpen;
    syncBuiltinESMExports();
    let run;
    try {
      run = await apply(profile);
    } finally {
      clearTimeout(unblock);
      fsPromises.open = realOpen;
      syncBuiltinESMExports();
    }
    assert.ok(swapped, 'the swap happened');
    assert.equal(waitedForWriter, false, 'apply waited on the pipe for a writer');
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /swapped-for-fifo is a named pipe, not a profile file/);
    assert.ok((await lstat(profile)).isFIFO(), 'the pipe is left alone');
  });
});
