import type { AppliedSetting } from '../../../shared/api/results.js';
import type { ShellLaterAssignment, UnreadSettingsFile } from '../../../shared/settings.js';
import { findBlock } from '../guidance/profile-block.js';
import { blockVars } from '../guidance/block-vars.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import { ledgerPath, readLedger, type LedgerEntry } from '../ledger/ledger-file.js';
import { entriesInEffect } from '../status/configured.js';
import { environmentDFile, FILE_SETTING_ROWS } from '../tool-config/file-settings.js';
import { homeOf } from '../settings/locations.js';
import { blockShell, decidingAssignments, laterInShells, watchedNames, type AppliedBlock } from './shell-later.js';

/**
 * What `apply` wrote and is still in effect, as the ledger records it: the environment variables a new
 * session gets from it (environment.d, the Windows user environment, the profile block, in the order a
 * terminal receives them: the profile runs last), and the rows whose own config file apply set (npm's
 * `cafile`, git's `http.sslCAInfo` …), which the tools read from the user's HOME by themselves.
 * `verify --prove applied` runs the tools with exactly this and nothing of the session snippet.
 */
export interface AppliedState {
  vars: Record<string, string>;
  /** Row id → the file apply set its line in (the tool reads it by itself). */
  fileRows: Map<string, string>;
  /** Every change in effect, for the report (the page and the CLI list them). */
  applied: AppliedSetting[];
  /** Files of CA Bridge's own that could not be read, or block lines in a form apply never writes (edited by hand). */
  unread: UnreadSettingsFile[];
  /**
   * The CA variables the user's shells set again after the block (shell-later.ts), the one that decides per
   * variable: evaluated ones are already in `vars` (or, removed, in `removed`); unevaluable ones leave the
   * tools that read them not proven.
   */
  later: ShellLaterAssignment[];
  /** Variables a later line removes (`unset`): the tools run without them, as in the user's shells. */
  removed: string[];
}

const FILE_ROW_IDS = new Set(FILE_SETTING_ROWS.map((row) => row.id));
const ENV_LINE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** The file's text; `gone` when it no longer exists (the change is no longer in effect); null when unreadable (named). */
async function textOf(file: string, unread: AppliedState['unread']): Promise<string | null | 'gone'> {
  try {
    return (await readUserFile(file)).toString('utf8');
  } catch (error) {
    if (error instanceof UserFileError && error.problem === 'not-found') return 'gone';
    unread.push({ file, problem: error instanceof UserFileError ? error.problem : 'unreadable' });
    return null;
  }
}

/** The newest value CA Bridge set per Windows user-environment variable (none when it removed it). */
function registryVars(entries: readonly LedgerEntry[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const entry of entries) {
    if (entry.state !== 'done' || entry.change.kind !== 'registry') continue;
    if (entry.change.after) vars[entry.change.name] = entry.change.after.value;
    else delete vars[entry.change.name];
  }
  return vars;
}

/**
 * The applied state of the HOME in `env`, or null when the ledger records nothing in effect: nothing
 * applied, all of it reverted, or only changes whose files are gone since (or NSS databases alone). A
 * ledger that cannot be read throws its LedgerError.
 */
export async function appliedState(env: NodeJS.ProcessEnv): Promise<AppliedState | null> {
  const ledger = await readLedger(ledgerPath(env));
  const inEffect = entriesInEffect(ledger.entries);
  const registry = registryVars(ledger.entries);
  if (!inEffect.length && !Object.keys(registry).length) return null;
  const unread: AppliedState['unread'] = [];
  const applied: AppliedSetting[] = [];
  const fileRows = new Map<string, string>();
  const fromEnvironmentD: Record<string, string> = {};
  const fromBlocks: Record<string, string> = {};
  const blocks: AppliedBlock[] = [];
  const envD = environmentDFile(env);
  let readEnvD = false;
  // The profile block last: a terminal gets environment.d (and the registry) first, then runs the profile.
  const ordered = [...inEffect.filter((e) => e.tool !== 'shell'), ...inEffect.filter((e) => e.tool === 'shell')];
  const nss: AppliedSetting[] = [];
  for (const entry of ordered) {
    const change = entry.change;
    if (change.kind === 'nssdb') {
      nss.push({ tool: entry.tool, where: change.db, what: entry.what });
      continue;
    }
    if (change.kind !== 'file') continue;
    // A file removed since (a profile, a tool's file) holds nothing of apply's any more: not in effect.
    const text = await textOf(change.target, unread);
    if (text === 'gone') continue;
    const isEnvironmentD = change.target === envD || change.path === envD;
    if (entry.tool === 'shell' && text !== null) {
      let block: ReturnType<typeof findBlock>;
      try {
        block = findBlock(text);
      } catch {
        // Markers apply never writes (two blocks, half a block): the block's variables are unknown.
        unread.push({ file: change.path, problem: 'unreadable' });
        continue;
      }
      // The user took the block out by hand: nothing of it is in effect.
      if (!block) continue;
      blocks.push({
        file: change.target,
        shell: blockShell(entry.what, change.path),
        afterLine: text.slice(0, block.end).split('\n').length,
      });
      // The shell's own values before the block runs: what the session already had (environment.d, registry).
      const read = blockVars(text.slice(block.start, block.end), { ...env, ...fromEnvironmentD, ...registry, ...fromBlocks });
      Object.assign(fromBlocks, read.vars);
      // A line in a form apply never writes (edited by hand): its variable is unknown, the file is named.
      if (read.unread.length) unread.push({ file: change.path, problem: 'unreadable' });
    } else if (isEnvironmentD && text !== null && !readEnvD) {
      // CA Bridge's own file: every line is NAME=VALUE as environment.d reads it (checked when written).
      readEnvD = true;
      for (const line of text.split(/\r?\n/)) {
        const m = ENV_LINE.exec(line.trim());
        if (m) fromEnvironmentD[m[1]!] = m[2]!;
      }
    }
    applied.push({ tool: entry.tool, where: change.path, what: entry.what });
    if (FILE_ROW_IDS.has(entry.tool)) fileRows.set(entry.tool, change.path);
  }
  // NSS databases configure browsers, no command-line tool: listed, but alone they are no applied state to prove.
  if (!applied.length && !Object.keys(registry).length) return null;
  applied.push(...nss);
  for (const [name, value] of Object.entries(registry))
    applied.push({ tool: 'user-environment', where: 'HKCU\\Environment', what: `${name}=${value}` });
  const vars = { ...fromEnvironmentD, ...registry, ...fromBlocks };
  // What the user's shells set after the block wins there: the proof takes it (named), or says it cannot.
  const found = await laterInShells(blocks, env, homeOf({ env, cwd: process.cwd(), platform: process.platform }), watchedNames(vars));
  unread.push(...found.unread);
  const later = decidingAssignments(found.later);
  const removed: string[] = [];
  for (const a of later) {
    if (a.unevaluable) continue;
    if (a.value === null) {
      delete vars[a.name];
      removed.push(a.name);
    } else vars[a.name] = a.value;
  }
  return { vars, fileRows, applied, unread, later, removed };
}
