import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { readUserText } from '../fs/read-user-file.js';
import type { SettingLine } from './settings-lines.js';

/** git's small files (`.git`, `HEAD`, `commondir`), read bounded: a FIFO or device in their place must not hang the scan. */
const readGitFile = (file: string) => readUserText(file, { maxBytes: 64 * 1024, timeoutMs: 5_000 }).catch(() => null);

/**
 * git's repository for a folder and the files its config includes, as git resolves them
 * (git-config(1), "Includes" and "Conditional includes"; git's setup.c for the discovery):
 *  - the repository: GIT_DIR, else the nearest `.git` folder (or `.git` file saying `gitdir: …`) from
 *    the folder upwards; its config is `<commondir>/config` (a linked worktree shares its main one's);
 *  - `[include] path = …` always, `[includeIf "gitdir:…"]` / `"gitdir/i:…"` when the repository's
 *    git directory matches the pattern, `[includeIf "onbranch:…"]` when its checked-out branch does.
 * `hasconfig:remote.*.url:` conditions are not evaluated (they need the whole config first) and are
 * never followed, so a setting only they include is not reported (docs/settings-scan.md says so).
 */

export interface GitRepo {
  /** The git directory (`.git`, or a worktree's folder under `.git/worktrees`). */
  gitDir: string;
  /** Where the repository's shared files live (its config among them). */
  commonDir: string;
}

/** git stops following includes this deep (config.c MAX_INCLUDE_DEPTH). */
export const GIT_INCLUDE_DEPTH = 10;
/** How many folders upwards discovery looks (a bound; git itself stops at the root or a filesystem boundary). */
const MAX_UP = 64;

const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

/** A `.git` file's `gitdir: PATH` (linked worktrees, submodules), relative to the file's folder. */
async function gitFileTarget(file: string): Promise<string | null> {
  const text = await readGitFile(file);
  const m = text === null ? null : /^gitdir:\s*(.+?)\s*$/m.exec(text.slice(0, 4096));
  return m ? path.resolve(path.dirname(file), m[1]!) : null;
}

async function commonDirOf(gitDir: string): Promise<string> {
  const text = await readGitFile(path.join(gitDir, 'commondir'));
  return text === null ? gitDir : path.resolve(gitDir, text.trim());
}

/** The repository git would use in `cwd`; null outside any. */
export async function findGitRepo(cwd: string, env: NodeJS.ProcessEnv): Promise<GitRepo | null> {
  if (env.GIT_DIR) {
    const gitDir = path.resolve(cwd, env.GIT_DIR);
    return { gitDir, commonDir: env.GIT_COMMON_DIR ? path.resolve(cwd, env.GIT_COMMON_DIR) : await commonDirOf(gitDir) };
  }
  let dir = path.resolve(cwd);
  for (let i = 0; i < MAX_UP; i++) {
    const dotGit = path.join(dir, '.git');
    if (await isDir(dotGit)) return { gitDir: dotGit, commonDir: await commonDirOf(dotGit) };
    const target = await gitFileTarget(dotGit);
    if (target) return { gitDir: target, commonDir: await commonDirOf(target) };
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** A longer includeIf pattern is not evaluated (the condition is taken as false and the file named as unread). */
export const WILDMATCH_PATTERN_MAX = 4096;

export class WildmatchTooLong extends Error {}

type Token =
  | { kind: 'char'; c: string }
  | { kind: 'one' | 'star' | 'any' | 'dirs' | 'dirs-body' }
  | { kind: 'class'; negate: boolean; items: [string, string][] };

/** One `[…]` class starting at `pattern[start]` (the `[`): its items and where it ends; null when unclosed. */
function classAt(pattern: string, start: number): { token: Token; end: number } | null {
  let i = start + 1;
  const negate = pattern[i] === '!' || pattern[i] === '^';
  if (negate) i++;
  const items: [string, string][] = [];
  for (let first = true; i < pattern.length; first = false) {
    let c = pattern[i]!;
    if (c === ']' && !first) return { token: { kind: 'class', negate, items }, end: i };
    if (c === '\\' && i + 1 < pattern.length) c = pattern[++i]!;
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      let hi = pattern[i + 2]!;
      i += 2;
      if (hi === '\\' && i + 1 < pattern.length) hi = pattern[++i]!;
      items.push([c, hi]); // a reversed range ([z-a]) matches nothing, as in git
    } else items.push([c, c]);
    i++;
  }
  return null;
}

function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/';
        while (pattern[i + 1] === '*') i++;
        if (atStart && pattern[i + 1] === '/') {
          // "**/": zero or more whole folders (two states: skip, or any text ending in "/").
          out.push({ kind: 'dirs' }, { kind: 'dirs-body' });
          i++;
        } else out.push({ kind: 'any' });
      } else out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'one' });
    else if (c === '[') {
      const cls = classAt(pattern, i);
      if (cls) {
        out.push(cls.token);
        i = cls.end;
      } else out.push({ kind: 'char', c });
    } else if (c === '\\' && i + 1 < pattern.length) out.push({ kind: 'char', c: pattern[++i]! });
    else out.push({ kind: 'char', c });
  }
  return out;
}

/**
 * git's wildmatch with WM_PATHNAME, as conditional includes use it: `*` and `?` stay within a path
 * component, `**` (a whole component) spans any number, `[…]` is a class. Matched by simulating the
 * pattern as a set of states over the text (no RegExp, no backtracking): time is pattern × text at
 * worst, whatever the pattern. Repeated `**​/` are collapsed first (they match the same).
 */
export function wildmatch(rawPattern: string, text: string, ignoreCase: boolean): boolean {
  if (rawPattern.length > WILDMATCH_PATTERN_MAX) throw new WildmatchTooLong(`pattern longer than ${WILDMATCH_PATTERN_MAX}`);
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const tokens = tokenize(rawPattern.replace(/(?:\*\*\/)+/g, '**/'));
  const n = tokens.length;
  const close = (states: Uint8Array) => {
    // Skips only go forwards, so one ascending pass reaches every state.
    for (let i = 0; i < n; i++) {
      if (!states[i]) continue;
      const k = tokens[i]!.kind;
      if (k === 'star' || k === 'any') states[i + 1] = 1;
      if (k === 'dirs') states[i + 2] = 1; // no folder at all
    }
    return states;
  };
  let cur = close(Uint8Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 1 : 0)));
  for (const ch of text) {
    const next = new Uint8Array(n + 1);
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!cur[i]) continue;
      const t = tokens[i]!;
      const to = (j: number) => {
        next[j] = 1;
        any = true;
      };
      if (t.kind === 'char' && fold(t.c) === fold(ch)) to(i + 1);
      else if (t.kind === 'one' && ch !== '/') to(i + 1);
      else if (t.kind === 'star' && ch !== '/') to(i);
      else if (t.kind === 'any') to(i);
      else if (t.kind === 'dirs' || t.kind === 'dirs-body') {
        to(t.kind === 'dirs' ? i + 1 : i);
        if (ch === '/') to(t.kind === 'dirs' ? i + 2 : i + 1);
      } else if (t.kind === 'class' && ch !== '/') {
        const c = fold(ch);
        const inside = t.items.some(([lo, hi]) => fold(lo) <= c && c <= fold(hi));
        if (inside !== t.negate) to(i + 1);
      }
    }
    if (!any) return false;
    cur = close(next);
  }
  return cur[n] === 1;
}

/** The gitdir pattern as git completes it: `~/` from HOME, `./` from the including file, `**​/` before a relative one, `**` after a trailing `/`. */
function gitdirPattern(raw: string, includingFile: string, home: string): string {
  let p = raw;
  if (p.startsWith('~/')) p = path.join(home, p.slice(2));
  else if (p.startsWith('./')) p = path.join(path.dirname(includingFile), p.slice(2));
  else if (!path.isAbsolute(p)) p = `**/${p}`;
  if (p.endsWith('/')) p += '**';
  return p;
}

/** The branch checked out in the repository (HEAD's `ref: refs/heads/NAME`), null when detached. */
async function currentBranch(repo: GitRepo): Promise<string | null> {
  const head = (await readGitFile(path.join(repo.gitDir, 'HEAD'))) ?? '';
  const m = /^ref:\s*refs\/heads\/(.+?)\s*$/m.exec(head.slice(0, 4096));
  return m ? m[1]! : null;
}

/** Whether an includeIf condition holds for this repository (false outside one, as in git). */
export async function conditionHolds(condition: string, repo: GitRepo | null, includingFile: string, home: string): Promise<boolean> {
  const m = /^(gitdir|gitdir\/i|onbranch):(.*)$/.exec(condition);
  if (!m || !repo) return false;
  if (m[1] === 'onbranch') {
    const branch = await currentBranch(repo);
    let pattern = m[2]!;
    if (pattern.endsWith('/')) pattern += '**';
    return branch !== null && wildmatch(pattern, branch, false);
  }
  const pattern = gitdirPattern(m[2]!, includingFile, home);
  // git tries the git directory as found and with its symbolic links resolved.
  const dirs = [repo.gitDir, await realpath(repo.gitDir).catch(() => repo.gitDir)];
  return dirs.some((d) => wildmatch(pattern, d.split(path.sep).join('/'), m[1] === 'gitdir/i'));
}

/** The files one config file includes (in file order), each resolved as git does. */
export async function includedFiles(
  lines: readonly SettingLine[],
  file: string,
  repo: GitRepo | null,
  home: string,
  /** Told when a condition could not be evaluated (a pattern beyond the bound): its include is not followed. */
  onUnevaluated: () => void = () => {},
): Promise<string[]> {
  const out: string[] = [];
  for (const line of lines) {
    if (line.key.toLowerCase() !== 'path') continue;
    const section = /^(include|includeif)\b\s*(?:"((?:[^"\\]|\\.)*)")?$/i.exec(line.section);
    if (!section) continue;
    if (section[1]!.toLowerCase() === 'includeif') {
      const holds = await conditionHolds(section[2] ?? '', repo, file, home).catch((error: unknown) => {
        if (!(error instanceof WildmatchTooLong)) throw error;
        onUnevaluated();
        return false;
      });
      if (!holds) continue;
    }
    const value = line.value.startsWith('~/') ? path.join(home, line.value.slice(2)) : line.value;
    if (value) out.push(path.resolve(path.dirname(file), value));
  }
  return out;
}
