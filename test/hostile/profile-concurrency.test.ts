import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { profileLab } from './profile-setup.js';

const { file, apply, revert, leftovers } = profileLab('concurrent');

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

  it('a lock left by a crashed run (dead PID, or too old) is recovered', async () => {
    const profile = file('stale');
    await writeFile(profile, 'export A=1\n');
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => dead.once('exit', () => resolve(dead.pid!)));
    await writeFile(`${profile}.ca-bridge.lock`, `${deadPid} ${(await import('node:os')).hostname()} crashed\n`);
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
    const count = 150;
    // Another program (a history writer, an installer) appending line by line, each append a separate open.
    const appender = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const pause = new Int32Array(new SharedArrayBuffer(4));
         for (let i = 0; i < ${count}; i++) { fs.appendFileSync(process.argv[1], 'appended ' + i + '\\n'); Atomics.wait(pause, 0, 0, 20); }`,
        profile,
      ],
      { stdio: 'ignore' },
    );
    let running = true;
    const done = new Promise<void>((resolve) => appender.once('exit', () => ((running = false), resolve())));
    let cycles = 0;
    while (running) {
      const a = await apply(profile);
      assert.equal(a.code, 0, a.stderr);
      const r = await revert(profile);
      assert.equal(r.code, 0, r.stderr);
      cycles++;
    }
    await done;
    const expected = original + Array.from({ length: count }, (_, i) => `appended ${i}\n`).join('');
    assert.equal(await readFile(profile, 'utf8'), expected, `after ${cycles} apply/revert cycles`);
    assert.ok(cycles > 0);
    assert.deepEqual(
      (await readdir(path.dirname(profile))).filter((f) => f.includes('.lock') || f.endsWith('.tmp')),
      [],
    );
  });
});
