import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { readdir, readFile, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { LockBusy, withProfileLock } from '../../electron/core/guidance/profile-lock.js';
import { fsPromises, withRenameHook } from './profile-rename-hook.js';
import { profileLab } from './profile-setup.js';

const { lab, file, apply, revert, leftovers } = profileLab('concurrent');

/** Resolves once `target` holds `count` lines, on the folder's change events (the file exists beforehand). */
function linesIn(target: string, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () =>
      void readFile(target, 'utf8').then((text) => {
        if (text.split('\n').filter(Boolean).length < count) return;
        watcher.close();
        resolve();
      });
    const watcher = watch(path.dirname(target), check);
    // A test that fails before then must not be kept alive by the watcher.
    watcher.unref();
    check();
  });
}

const blocks = (text: string) => text.match(/^# >>> ca-bridge >>>/gm)?.length ?? 0;

describe('concurrent runs on one profile', () => {
  it('10 applies at once: exactly one block, exactly one backup, equal to the original', { timeout: 120_000 }, async () => {
    const profile = file('ten');
    const original = 'export PATH="$HOME/bin:$PATH"\n';
    await writeFile(profile, original);
    const runs = await Promise.all(Array.from({ length: 10 }, () => apply(profile)));
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const text = await readFile(profile, 'utf8');
    assert.equal(blocks(text), 1);
    assert.ok(text.startsWith(original));
    const left = await leftovers(profile);
    const backups = left.filter((f) => f.endsWith('.bak'));
    assert.deepEqual(left, backups, 'no lock or temp file left');
    assert.equal(backups.length, 1, `one backup: ${backups.join(', ')}`);
    assert.equal(await readFile(file(backups[0]!), 'utf8'), original);
    assert.equal(runs.filter((r) => /Applied to/.test(r.stdout)).length, 1, 'one run applied, nine found it applied');
  });

  it('5 separate processes wait for a live lock held by another process, then take turns', { timeout: 180_000 }, async () => {
    const profile = file('processes');
    const original = '# mine\nexport B=2';
    await writeFile(profile, original);
    // This test process holds the lock (alive, fresh) while the five start, then lets them all go at once.
    const lock = `${profile}.ca-bridge.lock`;
    await writeFile(lock, `${process.pid} ${hostname()} test-holds-it\n`);
    const bin = fileURLToPath(new URL('../../electron/cli/bin.ts', import.meta.url));
    const hook = fileURLToPath(new URL('./lock-wait-hook.ts', import.meta.url));
    const waits = file('lock-waits');
    await writeFile(waits, '');
    const allWaiting = linesIn(waits, 5);
    let finished = 0;
    const exits = Array.from(
      { length: 5 },
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', '--import', hook, bin, 'apply', '--dir', lab.exportDir, '--shell', 'bash', '--profile', profile],
            { stdio: 'ignore', env: { PATH: process.env.PATH, HOME: lab.dir, CA_BRIDGE_TEST_LOCK_WAITS: waits } },
          );
          child.once('exit', (code) => (finished++, resolve(code)));
        }),
    );
    // Every one of the five has found the lock held (an event each process reports, not a sleep).
    await allWaiting;
    assert.equal(finished, 0, 'nobody finished while the lock was held');
    assert.equal(await readFile(profile, 'utf8'), original, 'untouched while the lock was held');
    await unlink(lock);
    assert.deepEqual(await Promise.all(exits), [0, 0, 0, 0, 0]);
    const text = await readFile(profile, 'utf8');
    assert.equal(blocks(text), 1);
    const left = await leftovers(profile);
    assert.equal(left.length, 1, left.join(', '));
    assert.equal(await readFile(file(left[0]!), 'utf8'), original);
    assert.equal((await revert(profile)).code, 0);
    assert.equal(await readFile(profile, 'utf8'), original);
  });

  it('a lock left by a crashed run (dead PID, or too old) is recovered', async () => {
    const profile = file('stale');
    await writeFile(profile, 'export A=1\n');
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => dead.once('exit', () => resolve(dead.pid!)));
    await writeFile(`${profile}.ca-bridge.lock`, `${deadPid} ${hostname()} crashed\n`);
    assert.equal((await apply(profile)).code, 0);
    const old = new Date(Date.now() - 10 * 60_000);
    await writeFile(`${profile}.ca-bridge.lock`, `${process.pid} another-host crashed\n`);
    await utimes(`${profile}.ca-bridge.lock`, old, old);
    assert.equal((await revert(profile)).code, 0);
    assert.equal(await readFile(profile, 'utf8'), 'export A=1\n');
    assert.deepEqual(
      (await leftovers(profile)).filter((f) => !f.endsWith('.bak')),
      [],
    );
  });

  it('lines another program appends while apply and revert run are never lost', { timeout: 180_000 }, async () => {
    const profile = file('appended');
    const original = 'export A=1\n';
    await writeFile(profile, original);
    const count = 120;
    // Another program (a history writer, an installer) appending line by line, each append a separate open.
    const appender = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const pause = new Int32Array(new SharedArrayBuffer(4));
         for (let i = 0; i < ${count}; i++) { fs.appendFileSync(process.argv[1], 'appended ' + i + '\\n'); Atomics.wait(pause, 0, 0, 30); }`,
        profile,
      ],
      { stdio: 'ignore' },
    );
    let running = true;
    const done = new Promise<void>((resolve) => appender.once('exit', () => ((running = false), resolve())));
    let cycles = 0;
    try {
      while (running) {
        const a = await apply(profile);
        assert.equal(a.code, 0, a.stderr);
        const r = await revert(profile);
        assert.equal(r.code, 0, r.stderr);
        cycles++;
      }
    } finally {
      if (running) appender.kill();
      await done;
    }
    const expected = original + Array.from({ length: count }, (_, i) => `appended ${i}\n`).join('');
    assert.equal(await readFile(profile, 'utf8'), expected, `after ${cycles} apply/revert cycles`);
    assert.ok(cycles > 0);
    assert.deepEqual(
      (await readdir(path.dirname(profile))).filter((f) => f.includes('.lock') || f.endsWith('.tmp')),
      [],
    );
  });
});

describe('a write that lands in the replaced file', () => {
  it('another program that opened the profile just before the rename and writes just after: its line is kept', async () => {
    const profile = file('late-writer');
    await writeFile(profile, 'export A=1\n');
    let wrote = false;
    const run = await withRenameHook(
      async (_from, to, rename) => {
        if (to !== profile || wrote) return rename();
        wrote = true;
        // Opened (by path) before the rename, written after it: the write goes to the old file.
        const handle = await fsPromises.open(profile, 'a');
        await rename();
        await handle.write('alias late="written while apply ran"\n');
        await handle.close();
      },
      () => apply(profile),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.ok(wrote);
    const text = await readFile(profile, 'utf8');
    assert.ok(text.startsWith('export A=1\nalias late="written while apply ran"\n# >>> ca-bridge >>>'), text);
    assert.equal(blocks(text), 1);
    assert.equal((await revert(profile)).code, 0);
    assert.equal(await readFile(profile, 'utf8'), 'export A=1\nalias late="written while apply ran"\n');
  });
});

describe('a lock held by a live run', () => {
  it('is waited for: released during the wait, the run goes ahead', async () => {
    const profile = file('released');
    const lock = `${profile}.ca-bridge.lock`;
    await writeFile(profile, 'export A=1\n');
    await writeFile(lock, `${process.pid} ${hostname()} alive\n`);
    let ran = false;
    // The lock is released once the run has found it held (its first open of the lock file fails with EEXIST).
    const realOpen = fsPromises.open;
    fsPromises.open = (async (target: Parameters<typeof realOpen>[0], ...rest: unknown[]) => {
      try {
        return await (realOpen as (...args: unknown[]) => ReturnType<typeof realOpen>)(target, ...rest);
      } catch (error) {
        if (String(target) === lock && (error as NodeJS.ErrnoException).code === 'EEXIST') await unlink(lock).catch(() => undefined);
        throw error;
      }
    }) as typeof realOpen;
    syncBuiltinESMExports();
    try {
      await withProfileLock(profile, async () => void (ran = true), 60_000);
    } finally {
      fsPromises.open = realOpen;
      syncBuiltinESMExports();
    }
    assert.ok(ran, 'the run went ahead once the lock was released');
  });
  it('is refused once the wait is over, with the lock file named; the profile is untouched', async () => {
    const profile = file('busy');
    await writeFile(profile, 'export A=1\n');
    await writeFile(`${profile}.ca-bridge.lock`, `${process.pid} ${hostname()} alive\n`);
    await assert.rejects(
      withProfileLock(profile, async () => writeFile(profile, 'changed\n'), 100),
      (error: Error) => error instanceof LockBusy && error.message.includes(`${profile}.ca-bridge.lock`),
    );
    assert.equal(await readFile(profile, 'utf8'), 'export A=1\n');
    assert.equal(await readFile(`${profile}.ca-bridge.lock`, 'utf8'), `${process.pid} ${hostname()} alive\n`, 'a live lock is not broken');
    await unlink(`${profile}.ca-bridge.lock`);
  });
});
