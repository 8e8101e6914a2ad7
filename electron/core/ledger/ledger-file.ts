import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { stateDir } from '../app-data.js';
import { atomicWrite } from '../fs/atomic-write.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import { withProfileLock } from '../guidance/profile-lock.js';

/**
 * The ledger: one file in the app-data folder that records every change CA Bridge makes to this
 * machine, so each can be undone exactly (docs/ledger.md describes the format). It is written before a
 * change (state `pending`, with the exact bytes before) and after it (`done`, with what was written),
 * so a crash in between leaves enough to tell what happened.
 */

export const LEDGER_FORMAT = 'ca-bridge-ledger';
export const LEDGER_VERSION = 1;
/** Each entry holds at most one user file (4 MiB, as base64); far more than any real set of changes. */
const LEDGER_MAX_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const fileChange = z
  .object({
    kind: z.literal('file'),
    /** The path as named (a link stays named as the link), and the file written (links followed). */
    path: z.string().max(4096),
    target: z.string().max(4096),
    /** The exact bytes before, base64; null when there was no file. */
    before: z
      .string()
      .max(8 * 1024 * 1024)
      .nullable(),
    beforeSha256: sha256.nullable(),
    /** sha256 of what CA Bridge wrote (null: it removed the file); for `pending`, what it was about to write. */
    afterSha256: sha256.nullable(),
    /** Folders created above a new file, removed again (while empty) on undo. */
    createdFolders: z.number().int().min(0).max(16),
    /** How undo works: put the bytes back, or (shell profiles) take the marked block out. */
    undo: z.enum(['restore-bytes', 'remove-block']),
  })
  .strict();
const nssChange = z
  .object({
    kind: z.literal('nssdb'),
    /** certutil's -d argument (sql:FOLDER). */
    db: z.string().max(4096),
    nickname: z.string().max(256),
    sha256: sha256,
    /** Whether CA Bridge created the database (its files are then removed again when it holds nothing else). */
    createdDb: z.boolean(),
    createdFiles: z.array(z.string().max(4096)).max(16),
  })
  .strict();
/**
 * An export CA Bridge wrote (export, export --refresh): the folder, its files and the fingerprints of the
 * CAs in it, so `status` knows what is configured and `export --refresh` where to write. The folder is the
 * user's product: undoing this entry changes no file (a refresh's file writes are their own entries).
 */
const exportRecord = z
  .object({
    kind: z.literal('export'),
    dir: z.string().max(4096),
    files: z.array(z.string().max(4096)).max(64),
    /** SHA-256 fingerprints (AB:CD:…) of the exported roots, the primary first. */
    fingerprints: z
      .array(z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/))
      .min(1)
      .max(32),
  })
  .strict();
const registryText = z.object({ value: z.string().max(32_767), type: z.enum(['REG_SZ', 'REG_EXPAND_SZ']) }).strict();
const registryChange = z
  .object({
    kind: z.literal('registry'),
    /** Always HKCU\Environment (the Windows user environment); named so the report can say where. */
    key: z.literal('HKCU\\Environment'),
    name: z.string().min(1).max(256),
    /** The value and its type before (null: unset), and what CA Bridge wrote (null: it removed the value). */
    before: registryText.nullable(),
    after: registryText.nullable(),
  })
  .strict();
const entry = z
  .object({
    id: z.string().regex(/^[0-9a-f]{16}$/),
    at: z.string().max(40),
    /** The catalogue row (npm, git, …), or `shell` for the profile block. */
    tool: z.string().max(64),
    /** What was changed, in words (the setting and its value). */
    what: z.string().max(4096),
    state: z.enum(['pending', 'done', 'reverted']),
    /** Set when the change removed an insecure setting: undoing it switches that back on (the report says so). */
    reenables: z.string().max(4096).optional(),
    /** Where an undo that found the file changed since wrote the bytes from before (once: later tries reuse it). */
    keptBefore: z.string().max(4096).optional(),
    change: z.discriminatedUnion('kind', [fileChange, nssChange, registryChange, exportRecord]),
  })
  .strict();
const ledgerSchema = z
  .object({ format: z.literal(LEDGER_FORMAT), version: z.literal(LEDGER_VERSION), entries: z.array(entry).max(MAX_ENTRIES) })
  .strict();

export type LedgerEntry = z.infer<typeof entry>;
export type FileChange = z.infer<typeof fileChange>;
export type NssChange = z.infer<typeof nssChange>;
export type RegistryChange = z.infer<typeof registryChange>;
export type ExportRecord = z.infer<typeof exportRecord>;
export type Ledger = z.infer<typeof ledgerSchema>;

export class LedgerError extends Error {}

/** The ledger file; an empty or relative HOME is refused (ProfileError), never read under the working directory. */
export const ledgerPath = (env: NodeJS.ProcessEnv) => path.join(stateDir(env), 'ledger.json');
export const hashOf = (bytes: Buffer | null) => (bytes === null ? null : createHash('sha256').update(bytes).digest('hex'));
export const newEntryId = () => randomBytes(8).toString('hex');

export async function readLedger(file: string): Promise<Ledger> {
  let bytes: Buffer;
  try {
    bytes = await readUserFile(file, { maxBytes: LEDGER_MAX_BYTES, label: 'the ledger' });
  } catch (error) {
    if (error instanceof UserFileError && error.problem === 'not-found')
      return { format: LEDGER_FORMAT, version: LEDGER_VERSION, entries: [] };
    throw new LedgerError((error as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new LedgerError(`the ledger ${file} is not JSON: nothing was changed; move it aside only if you know it holds nothing to undo`);
  }
  const parsed = ledgerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LedgerError(
      `the ledger ${file} does not have the documented shape (${issue.path.join('.')}: ${issue.message}); nothing was changed`,
    );
  }
  return parsed.data;
}

/**
 * Changes the ledger under its lock: read, `update` in memory, write atomically and read back. Every
 * record is one such short step, so two runs (the app and the CLI) never lose each other's entries.
 */
export async function updateLedger<T>(file: string, update: (ledger: Ledger) => T): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return withProfileLock(file, async () => {
    const ledger = await readLedger(file);
    const result = update(ledger);
    // Compaction: an entry fully undone holds nothing left to undo (and a copy of the user's bytes): it goes.
    ledger.entries = ledger.entries.filter((e) => e.state !== 'reverted');
    await atomicWrite(file, JSON.stringify(ledger, null, 1) + '\n', { mode: 0o600 });
    return result;
  });
}

/** Adds an entry in state `pending`; returns its id. */
export const recordPending = (file: string, item: Omit<LedgerEntry, 'id' | 'at' | 'state'>) =>
  updateLedger(file, (ledger) => {
    const id = newEntryId();
    ledger.entries.push({ id, at: new Date().toISOString(), state: 'pending', ...item });
    return id;
  });

/** Sets an entry's state (and, for a finished change, what it really did); `reverted` compacts it away. */
export const settle = (file: string, id: string, state: LedgerEntry['state'], change?: LedgerEntry['change']) =>
  updateLedger(file, (ledger) => {
    const found = ledger.entries.find((e) => e.id === id);
    if (!found) throw new LedgerError(`the ledger ${file} lost entry ${id} (edited by hand?)`);
    found.state = state;
    if (change) found.change = change;
  });

/** Notes where the bytes from before were kept beside a file changed since. */
export const noteKeptBefore = (file: string, id: string, kept: string) =>
  updateLedger(file, (ledger) => {
    const found = ledger.entries.find((e) => e.id === id);
    if (found) found.keptBefore = kept;
  });

/** Drops an entry whose change turned out to change nothing. */
export const forget = (file: string, id: string) =>
  updateLedger(file, (ledger) => {
    ledger.entries = ledger.entries.filter((e) => e.id !== id);
  });
