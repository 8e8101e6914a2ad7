import { execFile } from 'node:child_process';
import path from 'node:path';
import type { StatusBreak, StatusFinding, StatusPlaceKind } from '../../../shared/status.js';
import { EXPORT_FILES } from '../export/write.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import { hashOf, type FileChange, type LedgerEntry, type NssChange } from '../ledger/ledger-file.js';
import { environmentDLine, fileSettingRow } from '../tool-config/file-settings.js';
import { setLines, type LineSetting } from '../tool-config/line-edit.js';

/**
 * What CA Bridge configured (the ledger's entries in effect) checked against the machine as it is now:
 * each file still there with the setting CA Bridge wrote, each NSS entry still in its database and
 * holding a CA the export holds. Settings CA Bridge did not write are the doctor's business.
 */

const CERTUTIL_TIMEOUT_MS = 20_000;
/** The profile block's first line (profile-block.ts). */
const BLOCK_BEGIN = '# >>> ca-bridge >>>';

type Broken = Extract<StatusFinding, { problem: 'config-broken' }>;
const broken = (tool: string, place: StatusPlaceKind, where: string, why: StatusBreak): Broken => ({
  problem: 'config-broken',
  tool,
  place,
  where,
  why,
});

async function bytesOf(file: string): Promise<Buffer | null | 'unreadable'> {
  try {
    return await readUserFile(file);
  } catch (error) {
    return error instanceof UserFileError && error.problem === 'not-found' ? null : 'unreadable';
  }
}

/** The export paths a file row's entry was written with: its `what` ends in "= BUNDLE" (tool-config.ts). */
function pathsOfEntry(entry: LedgerEntry) {
  const bundle = entry.what.slice(entry.what.lastIndexOf(' = ') + 3);
  const dir = path.dirname(bundle);
  return { ca: path.join(dir, EXPORT_FILES.caPem), bundle, der: path.join(dir, EXPORT_FILES.caDer) };
}

/** The lines a file entry set, when the entry says which (a tool row, or Java's JAVA_TOOL_OPTIONS); null otherwise. */
function linesOf(entry: LedgerEntry, text: string): LineSetting[] | null {
  const row = fileSettingRow(entry.tool);
  if (row && entry.what.includes(' = ')) return row.lines(pathsOfEntry(entry), text);
  const java = /^JAVA_TOOL_OPTIONS=(.*)$/s.exec(entry.what);
  if (entry.tool === 'java' && java) return [environmentDLine('JAVA_TOOL_OPTIONS', Buffer.from(java[1]!, 'utf8').toString('latin1'))];
  return null;
}

async function checkFile(entry: LedgerEntry, change: FileChange): Promise<Broken | null> {
  const isStore = entry.tool === 'java' && change.path.endsWith('.p12');
  const place: StatusPlaceKind = isStore ? 'java-store' : entry.tool === 'shell' ? 'shell-profile' : 'tool-setting';
  const bytes = await bytesOf(change.target);
  if (bytes === 'unreadable') return broken(entry.tool, place, change.path, 'unreadable');
  if (bytes === null) return broken(entry.tool, place, change.path, 'missing');
  if (hashOf(bytes) === change.afterSha256) return null;
  // Edited since (other lines of the user's): what counts is whether CA Bridge's setting is still there.
  const text = bytes.toString('latin1');
  if (isStore) return broken(entry.tool, place, change.path, 'changed');
  if (entry.tool === 'shell') return text.includes(BLOCK_BEGIN) ? null : broken(entry.tool, place, change.path, 'setting-removed');
  const lines = linesOf(entry, text);
  if (lines === null) return null;
  return setLines(text, lines) === text ? null : broken(entry.tool, place, change.path, 'setting-removed');
}

function certutilHas(change: NssChange, env: NodeJS.ProcessEnv): Promise<boolean | 'unreadable'> {
  return new Promise((resolve) => {
    execFile(
      'certutil',
      ['-L', '-d', change.db, '-n', change.nickname],
      { env, timeout: CERTUTIL_TIMEOUT_MS, maxBuffer: 1024 * 1024 },
      (error) => {
        if (!error) return resolve(true);
        // No certutil (or it could not run): the entry cannot be checked, which is not the same as absent.
        resolve((error as NodeJS.ErrnoException).code === 'ENOENT' || error.killed ? 'unreadable' : false);
      },
    );
  });
}

/** The entries in effect: done, not a doctor --fix removal, not an export's own record; for a file, only the newest entry per file. */
export function entriesInEffect(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const newestPerFile = new Map<string, LedgerEntry>();
  const nss: LedgerEntry[] = [];
  for (const entry of entries) {
    if (entry.state !== 'done' || entry.reenables !== undefined || entry.tool === 'export') continue;
    if (entry.change.kind === 'file') {
      if (entry.change.afterSha256 === null) continue;
      newestPerFile.set(`${entry.tool}\u0000${entry.change.target}`, entry);
    } else if (entry.change.kind === 'nssdb') nss.push(entry);
  }
  return [...newestPerFile.values(), ...nss];
}

/**
 * The broken places among the entries in effect. `exported` holds the export's fingerprints (AB:CD:…): an
 * NSS entry whose CA is not one of them is a copy of an old CA (`export --refresh` replaces it).
 */
export async function checkConfigured(
  entries: readonly LedgerEntry[],
  exported: readonly string[] | null,
  env: NodeJS.ProcessEnv,
): Promise<Broken[]> {
  const wanted = new Set((exported ?? []).map((f) => f.replace(/:/g, '').toLowerCase()));
  const checks = entries.map(async (entry): Promise<Broken | null> => {
    const change = entry.change;
    if (change.kind === 'file') return checkFile(entry, change);
    if (change.kind !== 'nssdb') return null;
    const has = await certutilHas(change, env);
    if (has === 'unreadable') return broken(entry.tool, 'nssdb', change.db, 'unreadable');
    if (!has) return broken(entry.tool, 'nssdb', change.db, 'missing');
    return exported && !wanted.has(change.sha256) ? broken(entry.tool, 'nssdb', change.db, 'other-ca') : null;
  });
  return (await Promise.all(checks)).filter((found): found is Broken => found !== null);
}
