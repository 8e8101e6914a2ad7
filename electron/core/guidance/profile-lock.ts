import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import os from 'node:os';
import { readUserFile } from '../fs/read-user-file.js';

/**
 * An advisory lock beside a profile, so two ca-bridge runs (two terminals, the app and the CLI, a
 * script starting ten at once) change it one after the other: each re-reads the file under the lock
 * and sees the other's block. The lock is a file created with O_EXCL holding "pid host nonce".
 */

/** A lock this old is left over from a crashed run: changing a profile takes well under a second. */
export const LOCK_STALE_MS = 30_000;
const DEFAULT_WAIT_MS = 20_000;

const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

export class LockBusy extends Error {}

export const lockFileFor = (target: string) => `${target}.ca-bridge.lock`;

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function readLock(lock: string): Promise<{ text: string; ageMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readUserFile(lock, { maxBytes: 256, timeoutMs: 2000 }), stat(lock)]);
    return { text: text.toString('utf8'), ageMs: Date.now() - info.mtimeMs };
  } catch {
    return null;
  }
}

function isStale(lock: { text: string; ageMs: number }): boolean {
  if (lock.ageMs > LOCK_STALE_MS) return true;
  const [pid, host] = lock.text.split(' ');
  // A PID only means something on the machine that wrote it (a home folder can be shared over NFS).
  return host === os.hostname() && Number(pid) > 0 && processGone(Number(pid));
}

/** Moves a stale lock aside; if another run replaced it in the meantime, that fresh lock is put back. */
async function breakStale(lock: string, seen: string): Promise<void> {
  const aside = `${lock}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(lock, aside);
  } catch {
    return; // another run broke it first
  }
  const moved = await readLock(aside);
  if (moved && moved.text !== seen) await link(aside, lock).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

async function tryCreate(lock: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lock, CREATE_NEW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

/** Runs `work` holding the lock of `target`; LockBusy when another live run holds it for longer than `waitMs`. */
export async function withProfileLock<T>(target: string, work: () => Promise<T>, waitMs = DEFAULT_WAIT_MS): Promise<T> {
  const lock = lockFileFor(target);
  const mine = `${process.pid} ${os.hostname()} ${randomBytes(8).toString('hex')}\n`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await tryCreate(lock, mine)) break;
    const held = await readLock(lock);
    if (held && isStale(held)) {
      await breakStale(lock, held.text);
      continue;
    }
    if (Date.now() > deadline)
      throw new LockBusy(
        `another ca-bridge run is changing ${target} (lock file ${lock}); try again, or delete the lock file if no ca-bridge is running`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 60));
  }
  try {
    return await work();
  } finally {
    const held = await readLock(lock);
    if (held?.text === mine) await unlink(lock).catch(() => undefined);
  }
}
