import { writeBackup } from '../fs/backup.js';
import { changeUserFile, revertProfile } from '../guidance/profile-file.js';
import { hashOf, readLedger, settle, type FileChange, type LedgerEntry, type NssChange } from './ledger-file.js';
import { currentBytes } from './record.js';
import { undoNssEntry } from '../tool-config/nssdb.js';

/**
 * Undoing what the ledger recorded, newest first. A file is put back byte for byte only while it still
 * holds exactly what CA Bridge wrote; a file the user changed since is left as it is and the bytes from
 * before are written beside it (both kept, the report names them). A shell profile changed since has
 * just the marked block taken out, as `revert` always did, keeping the user's edits.
 */

export type UndoOutcome =
  | { kind: 'restored'; entry: LedgerEntry }
  | { kind: 'block-removed'; entry: LedgerEntry }
  | { kind: 'nothing-happened'; entry: LedgerEntry }
  | { kind: 'entry-removed'; entry: LedgerEntry }
  | { kind: 'changed-since'; entry: LedgerEntry; keptBefore: string | null }
  | { kind: 'would-undo'; entry: LedgerEntry };

const beforeBytes = (change: FileChange) => (change.before === null ? null : Buffer.from(change.before, 'base64'));

async function undoFile(ledger: string, entry: LedgerEntry, change: FileChange, dryRun: boolean): Promise<UndoOutcome> {
  const now = hashOf(await currentBytes(change.target));
  if (entry.state === 'pending' && now === change.beforeSha256) {
    // A run stopped before its write reached the file: nothing to undo.
    if (!dryRun) await settle(ledger, entry.id, 'reverted');
    return { kind: 'nothing-happened', entry };
  }
  if (now === change.afterSha256) {
    if (dryRun) return { kind: 'would-undo', entry };
    const before = beforeBytes(change);
    // The file that was checked (the link's target, even if the link has since been replaced by a file of
    // the user's), and checked again under its lock: a write since the check above is the user's, kept.
    const restored = await changeUserFile(
      change.target,
      (text) =>
        hashOf(text === null ? null : Buffer.from(text, 'latin1')) === change.afterSha256
          ? { text: before === null ? null : before.toString('latin1'), changed: true, createdFolders: change.createdFolders }
          : { text, changed: false },
      false,
      // The file holds exactly what CA Bridge wrote (checked under the lock): nothing of the user's to back up.
      false,
    );
    if (restored.changed) {
      await settle(ledger, entry.id, 'reverted');
      return { kind: 'restored', entry };
    }
  }
  if (change.undo === 'remove-block') {
    if (dryRun) return { kind: 'would-undo', entry };
    await revertProfile(change.path);
    await settle(ledger, entry.id, 'reverted');
    return { kind: 'block-removed', entry };
  }
  if (dryRun) return { kind: 'changed-since', entry, keptBefore: null };
  const before = beforeBytes(change);
  const keptBefore = before === null ? null : await writeBackup((unique) => `${change.path}.ca-bridge-before-${unique}`, before);
  return { kind: 'changed-since', entry, keptBefore };
}

async function undoEntry(ledger: string, entry: LedgerEntry, dryRun: boolean): Promise<UndoOutcome> {
  if (entry.change.kind === 'file') return undoFile(ledger, entry, entry.change, dryRun);
  if (dryRun) return { kind: 'would-undo', entry };
  // An export record: the folder is the user's product and stays; the ledger stops tracking it.
  if (entry.change.kind === 'export') {
    await settle(ledger, entry.id, 'reverted');
    return { kind: 'entry-removed', entry };
  }
  await undoNssEntry(entry.change as NssChange);
  await settle(ledger, entry.id, 'reverted');
  return { kind: 'entry-removed', entry };
}

/** Undoes every recorded change that `select` picks, newest first; stops at nothing (each outcome is reported). */
export async function undoRecorded(ledger: string, select: (entry: LedgerEntry) => boolean, dryRun: boolean): Promise<UndoOutcome[]> {
  const { entries } = await readLedger(ledger);
  const outcomes: UndoOutcome[] = [];
  for (const entry of [...entries].reverse()) {
    if (entry.state === 'reverted' || !select(entry)) continue;
    outcomes.push(await undoEntry(ledger, entry, dryRun));
  }
  return outcomes;
}

/** Marks the profile entries of `target` undone after bare `revert` took the block out itself. */
export async function markProfileReverted(ledger: string, target: string): Promise<void> {
  const { entries } = await readLedger(ledger);
  for (const entry of entries)
    if (entry.state !== 'reverted' && entry.tool === 'shell' && entry.change.kind === 'file' && entry.change.target === target)
      await settle(ledger, entry.id, 'reverted');
}
