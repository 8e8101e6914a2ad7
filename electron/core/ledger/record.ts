import path from 'node:path';
import { followLinks } from '../fs/follow-links.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import { changeUserFile, type ProfileResult, type ProfileTransform } from '../guidance/profile-file.js';
import { forget, hashOf, recordPending, settle, type FileChange } from './ledger-file.js';

export interface RecordedChange {
  ledger: string;
  tool: string;
  what: string;
  file: string;
  edit: ProfileTransform;
  undo: FileChange['undo'];
  dryRun: boolean;
  /** Also keep a backup file beside the user's (the shell profile, as apply always did); the ledger holds the bytes anyway. */
  backupFile?: boolean;
  /** The insecure setting this change removes (doctor --fix), for undo to name. */
  reenables?: string;
}

/** The file's bytes now, null when there is none. */
export async function currentBytes(target: string): Promise<Buffer | null> {
  try {
    return await readUserFile(target);
  } catch (error) {
    if (error instanceof UserFileError && error.problem === 'not-found') return null;
    throw error;
  }
}

const fileChange = (file: string, target: string, result: ProfileResult, undo: FileChange['undo']): FileChange => ({
  kind: 'file',
  path: file,
  target,
  before: result.before === null ? null : result.before.toString('base64'),
  beforeSha256: hashOf(result.before),
  afterSha256: hashOf(result.after),
  createdFolders: result.createdFolders,
  undo,
});

/**
 * Changes a user file through the byte-exact path and records it in the ledger: first as `pending`
 * with the bytes it is about to replace and what it means to write, then as `done` with what the
 * change really replaced and wrote (it is recomputed under the file's lock). A change that turns out
 * to change nothing leaves no entry.
 */
export async function changeRecorded(change: RecordedChange): Promise<ProfileResult & { entryId: string | null }> {
  const file = path.resolve(change.file);
  const planned = await changeUserFile(file, change.edit, true);
  if (!planned.changed || change.dryRun) return { ...planned, entryId: null };
  const target = await followLinks(file);
  const id = await recordPending(change.ledger, {
    tool: change.tool,
    what: change.what,
    ...(change.reenables ? { reenables: change.reenables } : {}),
    change: fileChange(file, target, planned, change.undo),
  });
  let result: ProfileResult;
  try {
    // The ledger entry written just before holds the exact bytes: a backup file beside the user's only when asked.
    result = await changeUserFile(file, change.edit, false, change.backupFile ?? false);
  } catch (error) {
    // Nothing reached the file: the entry would only confuse a later undo.
    if (hashOf(await currentBytes(target).catch(() => null)) === hashOf(planned.before)) await forget(change.ledger, id);
    throw error;
  }
  if (!result.changed) await forget(change.ledger, id);
  else await settle(change.ledger, id, 'done', fileChange(file, target, result, change.undo));
  return { ...result, entryId: result.changed ? id : null };
}
