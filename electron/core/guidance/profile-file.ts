import { lstat, mkdir, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Shell } from '../../../shared/guidance/quote.js';
import { atomicWrite } from '../fs/atomic-write.js';
import { writeBackup } from '../fs/backup.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import { applyBlock, MarkerError, MAX_CREATED_FOLDERS, removeBlock, type BlockChange } from './profile-block.js';
import { LockBusy, withProfileLock } from './profile-lock.js';
import { ChangedMeanwhile, changedSince, contentOf, ProfileError, readProfile, resolveTarget, type Snapshot } from './profile-snapshot.js';

export { ProfileError } from './profile-snapshot.js';

export interface ProfileResult {
  file: string;
  changed: boolean;
  /** The copy kept before the change, when a file existed. */
  backup: string | null;
  /** Unified diff of the change (always computed; printed on --dry-run). */
  diff: string;
  removed: boolean;
  /** The exact bytes before and after the change (null: no file), for the ledger. */
  before: Buffer | null;
  after: Buffer | null;
  /** Folders this change created above a new file (to remove again, while empty, on undo). */
  createdFolders: number;
}

/** Texts handed to profile-block: one char per byte, so any encoding survives untouched. */
export type ByteText = string;
type Transform = (text: ByteText | null) => BlockChange;
/** A change as the callers give it: `createdFolders` is how many folders this apply made for a new profile. */
export type ProfileTransform = (text: ByteText | null, createdFolders: number) => BlockChange;

/** How many times a change is redone when another program writes the profile at the same moment. */
const MAX_ATTEMPTS = 20;
/** A random pause, longer each time, before redoing: a program writing steadily leaves gaps; in all about 3 s at most. */
const pauseBeforeRetry = (attempt: number) => new Promise((resolve) => setTimeout(resolve, (5 + Math.random() * 20) * attempt));

/** How long a write into the replaced file is waited for after the rename. */
const SETTLE_MS = 30;

const asBytes = (text: ByteText) => Buffer.from(text, 'latin1');
const forDisplay = (text: ByteText | null) => (text === null ? '' : asBytes(text).toString('utf8'));

function plan(snapshot: Snapshot, transform: Transform, shown: string): BlockChange {
  let result: BlockChange;
  try {
    result = transform(snapshot.bytes === null ? null : snapshot.bytes.toString('latin1'));
  } catch (error) {
    if (!(error instanceof MarkerError)) throw error;
    throw new ProfileError(
      `${shown}: the ca-bridge markers are not one complete block: ${error.message}. Fix the file by hand (keep one "# >>> ca-bridge >>>" … "# <<< ca-bridge <<<" block, or none) and run again; nothing was changed`,
    );
  }
  // The new content replaces the file by rename, which gives this name a new file: the file's other
  // hard links (a dotfile manager's copy) would silently keep the old content and stop being the profile.
  if (result.changed && snapshot.links > 1)
    throw new ProfileError(
      `${shown} has ${snapshot.links} hard links (a dotfile manager?): changing it would split them, and the other names would keep the old text. Make ${shown} a symbolic link to the file it shares (ca-bridge writes through symbolic links) and run again; nothing was changed`,
    );
  return result;
}

async function readStable(target: string, shown: string): Promise<Snapshot> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readProfile(target, shown);
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile) || attempt >= MAX_ATTEMPTS) {
        if (error instanceof ChangedMeanwhile) throw new ProfileError(`${shown} kept changing while being read; nothing was changed`);
        throw error;
      }
    }
  }
}

/** Checks that the file holds what was written (or that plus lines appended since); anything else is reported, never "written". */
async function readBack(target: string, shown: string, expected: Buffer | null): Promise<void> {
  let back: Buffer | null;
  try {
    back = await readUserFile(target);
  } catch (error) {
    if (!(error instanceof UserFileError) || error.problem !== 'not-found') throw error;
    back = null;
  }
  if (expected === null ? back === null : back !== null && back.subarray(0, expected.length).equals(expected)) return;
  throw new ProfileError(`${shown} was written but does not read back as written: check the file (another program may have changed it)`);
}

/**
 * Puts back the replaced file's content (which holds a write made just before the rename), followed by
 * anything appended to the new file since. If the file keeps changing, their content is kept as a
 * backup file and named, so it is never lost.
 */
async function restoreTheirs(target: string, shown: string, snapshot: Snapshot, theirs: Buffer, written: Buffer): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const now = await readUserFile(target);
    if (!now.subarray(0, written.length).equals(written)) break;
    try {
      await atomicWrite(target, Buffer.concat([theirs, now.subarray(written.length)]), {
        mode: snapshot.mode,
        owner: snapshot.owner ?? undefined,
        beforeRename: async () => {
          if ((await stat(target)).size !== now.length) throw new ChangedMeanwhile();
        },
      });
      return;
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile)) throw error;
    }
  }
  const kept = await writeBackup((unique) => `${shown}.ca-bridge-${unique}.theirs`, theirs, snapshot.mode);
  throw new ProfileError(
    `${shown} was changed by another program while ca-bridge changed it; what that program had written is kept in ${kept}: check the file`,
  );
}

interface Committed {
  text: ByteText | null;
  before: ByteText | null;
  /** With `text: null`: folders apply created for the file, now to be removed while empty. */
  createdFolders: number;
}

/** Whether a file-system call succeeded; for the walks below, where a failure just ends the walk. */
const succeeds = (call: Promise<unknown>): Promise<boolean> =>
  call.then(
    () => true,
    () => false,
  );

/** Folders missing above a new profile (what apply would create), counted for a dry run's diff. */
async function missingFolders(dir: string): Promise<number> {
  let count = 0;
  for (let current = dir; count <= MAX_CREATED_FOLDERS; current = path.dirname(current)) {
    if ((await succeeds(lstat(current))) || path.dirname(current) === current) return count;
    count++;
  }
  return 0;
}

/** Creates the profile's folder; returns how many levels were created (mkdir says which was the first). */
async function makeFolders(dir: string): Promise<number> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return 0;
  const below = path.relative(first, dir);
  return below === '' ? 1 : below.split(path.sep).length + 1;
}

/**
 * Revert of a profile apply created, and the folders it created for it (fish's conf.d): each is removed
 * in turn while empty. rmdir removes only an empty folder, so anything the user put there since keeps
 * it (and the folders above it); that is not an error.
 */
async function removeCreatedFolders(dir: string, count: number): Promise<void> {
  let current = dir;
  for (let level = 0; level < Math.min(count, MAX_CREATED_FOLDERS); level++) {
    if (!(await succeeds(rmdir(current)))) return;
    current = path.dirname(current);
  }
}

/** One locked attempt: re-read, back up, write, and notice a concurrent write that would otherwise be lost. */
async function commitOnce(
  target: string,
  shown: string,
  transform: Transform,
  kept: { backup: string | null; wanted: boolean },
): Promise<Committed | 'retry' | null> {
  const snapshot = await readStable(target, shown);
  try {
    const before = snapshot.bytes === null ? null : snapshot.bytes.toString('latin1');
    const result = plan(snapshot, transform, shown);
    if (!result.changed) return null;
    // One backup, of the file as it was before this run's first write; a retry never replaces it. A file
    // revert removes held only what apply created (nothing of the user's): no backup, so apply + revert
    // leaves the folder exactly as it was.
    if (kept.wanted && kept.backup === null && snapshot.bytes !== null && result.text !== null)
      kept.backup = await writeBackup((unique) => `${shown}.ca-bridge-${unique}.bak`, snapshot.bytes, snapshot.mode);
    if (result.text === null) {
      if (await changedSince(snapshot, target)) return 'retry';
      await unlink(target);
      await readBack(target, shown, null);
      return { text: null, before, createdFolders: result.createdFolders ?? 0 };
    }
    const written = asBytes(result.text);
    try {
      await atomicWrite(target, written, {
        mode: snapshot.mode,
        owner: snapshot.owner ?? undefined,
        beforeRename: async () => {
          if (await changedSince(snapshot, target)) throw new ChangedMeanwhile();
        },
      });
    } catch (error) {
      if (error instanceof ChangedMeanwhile) return 'retry';
      throw error;
    }
    // A program that opened the file just before the rename writes into the replaced file a moment
    // later (a busy machine can pause it between its open and its write): give it that moment.
    if (snapshot.handle) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    if (snapshot.handle && (await changedSince(snapshot, target))) {
      // Another program wrote the old file between the last check and the rename: put its content
      // (with that write) back, then do the change again on top of it.
      await restoreTheirs(target, shown, snapshot, await contentOf(snapshot.handle), written);
      return 'retry';
    }
    await readBack(target, shown, written);
    return { text: result.text, before, createdFolders: 0 };
  } finally {
    await snapshot.handle?.close().catch(() => undefined);
  }
}

const bytesOf = (before: ByteText | null, after: ByteText | null) => ({
  before: before === null ? null : asBytes(before),
  after: after === null ? null : asBytes(after),
});

/**
 * Changes any of the user's files through the one byte-exact path (links followed, lock, backup,
 * concurrent writers noticed, read back). `edit` gets the file as a byte string (null: no file) and
 * how many folders were created for it; the ledger's tool settings and undo use it as profiles do.
 * `backup: false` when the caller keeps the bytes from before itself (the ledger records them before
 * the write), so no copy is left beside the user's file.
 */
export async function changeUserFile(file: string, edit: ProfileTransform, dryRun: boolean, backup = true): Promise<ProfileResult> {
  const shown = path.resolve(file);
  const target = await resolveTarget(shown);
  const first = await readStable(target, shown);
  await first.handle?.close();
  // What apply records for a new profile: the folders a dry run would create, then those it did create.
  let folders = first.bytes === null ? await missingFolders(path.dirname(target)) : 0;
  const transform: Transform = (text) => edit(text, folders);
  const result = plan(first, transform, shown);
  const before = first.bytes === null ? null : first.bytes.toString('latin1');
  const diffOf = (from: ByteText | null, to: ByteText | null) =>
    createTwoFilesPatch(shown, shown, forDisplay(from), forDisplay(to), from === null ? '(new file)' : '', to === null ? '(removed)' : '');
  if (!result.changed || dryRun) {
    const diff = result.changed ? diffOf(before, result.text) : '';
    return {
      file: shown,
      changed: result.changed,
      backup: null,
      diff,
      removed: false,
      ...bytesOf(before, result.text),
      createdFolders: folders,
    };
  }
  try {
    folders = await makeFolders(path.dirname(target));
    const kept = { backup: null as string | null, wanted: backup };
    const committed = await withProfileLock(target, async () => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const outcome = await commitOnce(target, shown, transform, kept);
        if (outcome === null) return null;
        if (outcome !== 'retry') return outcome;
        await pauseBeforeRetry(attempt);
      }
      throw new ProfileError(`${shown} kept changing while ca-bridge tried to change it; it was left as another program last wrote it`);
    });
    if (committed === null)
      return { file: shown, changed: false, backup: null, diff: '', removed: false, ...bytesOf(before, before), createdFolders: 0 };
    // After the lock is gone: its file lies in the folder.
    if (committed.text === null) await removeCreatedFolders(path.dirname(target), committed.createdFolders);
    return {
      file: shown,
      changed: true,
      backup: kept.backup,
      diff: diffOf(committed.before, committed.text),
      removed: committed.text === null,
      ...bytesOf(committed.before, committed.text),
      createdFolders: committed.text === null ? 0 : folders,
    };
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    if (error instanceof LockBusy) throw new ProfileError(error.message);
    throw new ProfileError(`cannot write ${shown}: ${(error as Error).message}; the profile was left as it was`);
  }
}

/** The change apply makes to a profile: the marked block, LF for POSIX shells, following the file for PowerShell. */
export const blockTransform =
  (body: string, shell?: Shell): ProfileTransform =>
  (t, folders) =>
    shell === 'powershell' ? applyBlock(t, body, 'follow-file', true, folders) : applyBlock(t, body, 'lf', false, folders);

export const applyToProfile = (file: string, body: string, dryRun = false, shell?: Shell) =>
  changeUserFile(file, blockTransform(body, shell), dryRun);
export const revertProfile = (file: string, dryRun = false) => changeUserFile(file, removeBlock, dryRun);
