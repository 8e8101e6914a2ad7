import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { ENV_VARS } from '../../../shared/guidance/env-vars.js';
import { SHELLS, type Shell } from '../../../shared/guidance/quote.js';
import type { ShellLaterAssignment, ShellUnevaluable, UnreadSettingsFile } from '../../../shared/settings.js';
import { CA_VARIABLES, expandHome } from '../doctor/ca-variables.js';
import { readUserText, UserFileError } from '../fs/read-user-file.js';
import { nestedLines, shellReadOrder, type StartupFile } from '../settings/shell-order.js';
import { profileLines, shellValue, type ProfileFormat } from '../settings/shell-profiles.js';

/**
 * What the user's shells set after CA Bridge's profile block: a later `export NODE_EXTRA_CA_CERTS=/old.pem`
 * in ~/.bashrc wins in every terminal, so the applied state verify proves must carry it. Each block's
 * shell is followed in its read order (settings/shell-order.ts): the rest of the block's own file, then
 * every startup file the shell reads after it. Lines are read with the settings scanner's profile reader
 * (profileLines); a CA variable assigned in any other way (from a command or another variable, inside a
 * function or condition, after another command, in a form the reader does not take) is returned as
 * unevaluable, never guessed at. Sourced files are not followed (docs/limits.md).
 */
export interface AppliedBlock {
  /** The profile as apply wrote it (symbolic links resolved). */
  file: string;
  shell: Shell;
  /** 1-based number of the first line after the block's end marker. */
  afterLine: number;
}

const PROFILE_MAX_BYTES = 1024 * 1024;
/** Lines longer than this are not parsed (no profile line that sets a path is this long). */
const MAX_LINE = 4096;

/** The shell a ledger entry's block is for: apply names it in `what` ("… (bash)"); else told by the file. */
export function blockShell(what: string, file: string): Shell {
  const named = /\((\w+)\)$/.exec(what)?.[1];
  if (named && (SHELLS as readonly string[]).includes(named)) return named as Shell;
  if (file.endsWith('.fish')) return 'fish';
  if (file.endsWith('.ps1')) return 'powershell';
  return /zsh/.test(path.basename(file)) ? 'zsh' : 'bash';
}

const FORMAT: Record<Shell, ProfileFormat> = {
  bash: 'sh-profile',
  zsh: 'sh-profile',
  fish: 'fish',
  powershell: 'powershell',
  cmd: 'sh-profile',
};

/** The variables that hand a tool its CA: the block's own, doctor's list, and every variable the catalogue's block can set. */
export function watchedNames(blockVars: Record<string, string>): string[] {
  return [...new Set([...Object.keys(blockVars), ...Object.keys(CA_VARIABLES), ...ENV_VARS.map((v) => v.name)])];
}

/** npm reads its `npm_config_*` variables in any case; every other name is exact. */
const caseless = (name: string) => /^npm_config_/i.test(name);

/** Whether the line changes the variable, in any form: the reader's forms and every other one. */
function mentions(format: ProfileFormat, name: string, line: string): boolean {
  const flags = caseless(name) ? 'i' : '';
  // A very long line is not matched piece by piece (bounded time): naming the variable at all makes it count (as unevaluable).
  if (line.length > MAX_LINE) return (caseless(name) ? line.toLowerCase() : line).includes(caseless(name) ? name.toLowerCase() : name);
  const patterns: Record<ProfileFormat, string> = {
    'sh-profile': `(^|[^\\w$])${name}=|\\bunset\\b[^;&|]*\\b${name}\\b`,
    fish: `\\bset\\b[^;]*\\s${name}(\\s|;|$)`,
    powershell: `\\$env:${name}\\s*=|(^|[^$\\w])env:\\\\?${name}\\b|SetEnvironmentVariable\\(\\s*['"]${name}['"]`,
  };
  return new RegExp(patterns[format], format === 'powershell' ? 'i' : flags).test(line);
}

const sameName = (a: string, b: string) => (caseless(a) ? a.toLowerCase() === b.toLowerCase() : a === b);

/** One line's effect on `name`: a value, removed (null), or why it cannot be known. */
function effectOf(
  format: ProfileFormat,
  name: string,
  line: string,
  nested: boolean,
  read: string | undefined,
  home: string,
): { value: string | null } | { unevaluable: ShellUnevaluable } {
  if (nested) return { unevaluable: 'nested' };
  if (line.length > MAX_LINE) return { unevaluable: 'form' };
  const literal = (value: string) => {
    const expanded = expandHome(value, home);
    // A variable or a command in the value (`$(…)`, `` `…` ``, `$OTHER`): known only by running the profile.
    return /[$`]/.test(expanded) ? { unevaluable: 'substitution' as const } : { value: expanded };
  };
  if (read !== undefined) return literal(read);
  if (format === 'sh-profile') {
    // A plain `NAME=value` changes a variable the block exported: the new value is exported too.
    const bare = new RegExp(`^\\s*${name}=(.*)$`, caseless(name) ? 'i' : '').exec(line);
    const value = bare ? shellValue(bare[1]!) : null;
    if (value !== null) return literal(value);
    const unset = /^\s*unset\s+(?:-v\s+)?([\w\s]+?)\s*;?\s*$/.exec(line);
    if (unset?.[1]!.split(/\s+/).some((n) => sameName(name, n))) return { value: null };
  }
  if (format === 'fish') {
    const erase = /^\s*set\s+(?:-[a-zA-Z]+\s+|--[a-z]+\s+)*?(?:-[a-zA-Z]*e[a-zA-Z]*|--erase)\s+(?:-\S+\s+)*([\w\s]+?)\s*$/.exec(line);
    if (erase?.[1]!.split(/\s+/).some((n) => sameName(name, n))) return { value: null };
  }
  // A value the reader could not take whole (`export X=$(cat f)` with a space inside): still a command's output.
  return /\$\(|`/.test(line) ? { unevaluable: 'substitution' } : { unevaluable: 'form' };
}

async function real(file: string): Promise<string> {
  return realpath(file).catch(() => path.resolve(file));
}

/** The lines after each block, and every startup file read after it, that set one of `names`: in read order (the last one wins). */
export async function laterInShells(
  blocks: readonly AppliedBlock[],
  env: NodeJS.ProcessEnv,
  home: string,
  names: readonly string[],
): Promise<{ later: ShellLaterAssignment[]; unread: UnreadSettingsFile[] }> {
  const later: ShellLaterAssignment[] = [];
  const unread: UnreadSettingsFile[] = [];
  const seen = new Set<string>();
  for (const block of blocks) {
    const order = await shellReadOrder(block.shell, block.file, env, home);
    const reals = await Promise.all(order.map((f) => real(f.file)));
    const own = await real(block.file);
    const at = reals.indexOf(own);
    // A block in a file the shell does not read by itself (another login file, a custom one): every startup file may run after it.
    const after: StartupFile[] = at >= 0 ? order.slice(at + 1) : order.filter((_, i) => reals[i] !== own);
    const files = [{ file: block.file, format: FORMAT[block.shell], from: block.afterLine }, ...after.map((f) => ({ ...f, from: 1 }))];
    for (const { file, format, from } of files) {
      let text: string;
      try {
        text = await readUserText(file, { maxBytes: PROFILE_MAX_BYTES, timeoutMs: 5_000 });
      } catch (error) {
        if (!(error instanceof UserFileError)) throw error;
        if (error.problem !== 'not-found') unread.push({ file, problem: error.problem });
        continue;
      }
      const lines = text.split(/\r?\n/);
      const nested = nestedLines(format, text);
      const read = profileLines(format, text);
      for (let i = from - 1; i < lines.length; i++) {
        const line = lines[i]!;
        if (/^\s*#/.test(line)) continue;
        for (const name of names) {
          if (!mentions(format, name, line)) continue;
          const key = `${file}:${i + 1}:${name}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const value = read.find((l) => l.line === i + 1 && sameName(name, l.key))?.value;
          const effect = effectOf(format, name, line, nested[i]!, value, home);
          later.push({
            name,
            source: { kind: 'file', file, line: i + 1 },
            ...('unevaluable' in effect ? { value: null, unevaluable: effect.unevaluable } : { value: effect.value, unevaluable: null }),
          });
        }
      }
    }
  }
  return { later, unread };
}

/** Per variable, the assignment that decides what the shells have: the last one in read order. */
export function decidingAssignments(later: readonly ShellLaterAssignment[]): ShellLaterAssignment[] {
  const last = new Map<string, ShellLaterAssignment>();
  for (const a of later) {
    last.delete(a.name);
    last.set(a.name, a);
  }
  return [...last.values()];
}
