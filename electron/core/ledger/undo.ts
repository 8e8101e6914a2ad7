import { writeBackup } from '../fs/backup.js';
import { changeUserFile, revertProfile } from '../guidance/profile-file.js';
import { EnvironmentWriteError, windowsUserEnvironment, type UserEnvironment } from '../guidance/user-environment.js';
import { RegistryError } from '../guidance/windows-registry.js';
import { hashOf, noteKeptBefore, readLedger, settle, type FileChange, type LedgerEntry, type RegistryChange } from './ledger-file.js';
import { currentBytes } from './record.js';
import { NssError, undoNssEntry } from '../tool-config/nssdb.js';
import { sameValue, writeConfirmed } from '../tool-config/user-environment-row.js';

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
  | { kind: 'already-gone'; entry: LedgerEntry }
  | { kind: 'failed'; entry: LedgerEntry; error: string }
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
  if (dryRun) return { kind: 'changed-since', entry, keptBefore: entry.keptBefore ?? null };
  return { kind: 'changed-since', entry, keptBefore: await keepBefore(ledger, entry, change) };
}

/**
 * The bytes from before, written beside a file changed since: once. A later revert (the user has not
 * merged yet) names the same copy while it still holds those bytes, rather than adding one per try.
 */
async function keepBefore(ledger: string, entry: LedgerEntry, change: FileChange): Promise<string | null> {
  const before = beforeBytes(change);
  if (before === null) return null;
  if (entry.keptBefore && hashOf(await currentBytes(entry.keptBefore).catch(() => null)) === change.beforeSha256) return entry.keptBefore;
  const kept = await writeBackup((unique) => `${change.path}.ca-bridge-before-${unique}`, before);
  await noteKeptBefore(ledger, entry.id, kept);
  return kept;
}

/**
 * A Windows user environment value: put back (text and registry type) only while it still holds what CA
 * Bridge wrote; one changed since is the user's and stays (the report names the value from before).
 */
async function undoRegistry(
  ledger: string,
  entry: LedgerEntry,
  change: RegistryChange,
  dryRun: boolean,
  registry: UserEnvironment,
): Promise<UndoOutcome> {
  try {
    const now = await registry.get(change.name);
    if (entry.state === 'pending' && sameValue(now, change.before)) {
      if (!dryRun) await settle(ledger, entry.id, 'reverted');
      return { kind: 'nothing-happened', entry };
    }
    if (sameValue(now, change.before) && !sameValue(change.before, change.after)) {
      // Someone already put it back as it was (or removed the value that was unset before): nothing to undo.
      if (!dryRun) await settle(ledger, entry.id, 'reverted');
      return { kind: 'already-gone', entry };
    }
    if (!sameValue(now, change.after)) return { kind: 'changed-since', entry, keptBefore: null };
    if (dryRun) return { kind: 'would-undo', entry };
    await writeConfirmed(registry, change.name, change.before);
  } catch (error) {
    if (error instanceof RegistryError || error instanceof EnvironmentWriteError) return { kind: 'failed', entry, error: error.message };
    throw error;
  }
  await settle(ledger, entry.id, 'reverted');
  return { kind: 'restored', entry };
}

async function undoEntry(
  ledger: string,
  entry: LedgerEntry,
  dryRun: boolean,
  env: NodeJS.ProcessEnv,
  registry: UserEnvironment,
): Promise<UndoOutcome> {
  if (entry.change.kind === 'file') return undoFile(ledger, entry, entry.change, dryRun);
  if (entry.change.kind === 'registry') return undoRegistry(ledger, entry, entry.change, dryRun, registry);
  if (dryRun) return { kind: 'would-undo', entry };
  // An export record: the folder is the user's product and stays; the ledger stops tracking it.
  if (entry.change.kind === 'export') {
    await settle(ledger, entry.id, 'reverted');
    return { kind: 'entry-removed', entry };
  }
  let outcome: 'removed' | 'already-gone';
  try {
    outcome = await undoNssEntry(entry.change, env);
  } catch (error) {
    // The database could not be read or changed: reported, and the entry stays for a later try.
    if (error instanceof NssError) return { kind: 'failed', entry, error: error.detail ?? error.message };
    throw error;
  }
  await settle(ledger, entry.id, 'reverted');
  return { kind: outcome === 'removed' ? 'entry-removed' : 'already-gone', entry };
}

/**
 * Undoes every recorded change that `select` picks, newest first; stops at nothing (each outcome is
 * reported). `env` is the run's environment (certutil is found on its PATH).
 */
export async function undoRecorded(
  ledger: string,
  select: (entry: LedgerEntry) => boolean,
  dryRun: boolean,
  env: NodeJS.ProcessEnv,
  registry: UserEnvironment = windowsUserEnvironment,
): Promise<UndoOutcome[]> {
  const { entries } = await readLedger(ledger);
  const outcomes: UndoOutcome[] = [];
  for (const entry of [...entries].reverse()) {
    if (entry.state === 'reverted' || !select(entry)) continue;
    outcomes.push(await undoEntry(ledger, entry, dryRun, env, registry));
  }
  // Programs started from now on (Explorer passes it on) see the environment as it was.
  if (outcomes.some((o) => o.kind === 'restored' && o.entry.change.kind === 'registry')) await registry.broadcast();
  return outcomes;
}

/** Marks the profile entries of `target` undone after bare `revert` took the block out itself. */
export async function markProfileReverted(ledger: string, target: string): Promise<void> {
  const { entries } = await readLedger(ledger);
  for (const entry of entries)
    if (entry.state !== 'reverted' && entry.tool === 'shell' && entry.change.kind === 'file' && entry.change.target === target)
      await settle(ledger, entry.id, 'reverted');
}
