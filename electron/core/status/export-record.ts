import path from 'node:path';
import { appDataDir } from '../app-data.js';
import type { ExportOutcome } from '../../../shared/api/results.js';
import { ledgerPath, readLedger, updateLedger, newEntryId, type ExportRecord, type LedgerEntry } from '../ledger/ledger-file.js';

/**
 * The ledger's record of an export (docs/ledger.md, `kind: "export"`): which folder, which files, which
 * CAs. `status` checks it, `export --refresh` writes into its folder again.
 */

/**
 * The ledger an export is recorded in; null for a process with no user folder of its own (no HOME, no
 * LOCALAPPDATA, or only an empty or relative one: some service accounts, and test runs that must not reach
 * the machine's own ledger through the operating system's idea of a home).
 */
export const exportLedger = (env: NodeJS.ProcessEnv): string | null =>
  (env.HOME || env.LOCALAPPDATA) && appDataDir('state', env) !== null ? ledgerPath(env) : null;

/** Every file of an export outcome, absolute. */
export const exportFiles = (outcome: ExportOutcome): string[] => [
  outcome.files.caPem,
  outcome.files.caDer,
  outcome.files.bundle,
  ...(outcome.otherCas ?? []).map((other) => other.der),
];

export const exportFingerprints = (outcome: ExportOutcome): string[] => [
  outcome.ca.fingerprint256,
  ...(outcome.otherCas ?? []).map((other) => other.fingerprint256),
];

/** Adds a `done` export record (the files are written and read back before this is called). */
export async function recordExport(ledger: string, outcome: ExportOutcome, how: 'export' | 'export --refresh'): Promise<void> {
  const change: ExportRecord = {
    kind: 'export',
    dir: path.resolve(outcome.dir),
    files: exportFiles(outcome),
    fingerprints: exportFingerprints(outcome),
  };
  await updateLedger(ledger, (l) => {
    l.entries.push({
      id: newEntryId(),
      at: new Date().toISOString(),
      tool: 'export',
      what: `${how}: ${change.fingerprints.join(', ')} in ${change.dir}`,
      state: 'done',
      change,
    });
  });
}

export type ExportEntry = LedgerEntry & { change: ExportRecord };

/** The export in effect: the newest export record not undone. */
export function latestExport(entries: readonly LedgerEntry[]): ExportEntry | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    if (entry.state === 'done' && entry.change.kind === 'export') return entry as ExportEntry;
  }
  return null;
}

export async function latestExportIn(ledger: string): Promise<ExportEntry | null> {
  return latestExport((await readLedger(ledger)).entries);
}
