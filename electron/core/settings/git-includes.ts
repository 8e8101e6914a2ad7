import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SettingLine } from './settings-lines.js';

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
  const text = await readFile(file, 'utf8').catch(() => null);
  const m = text === null ? null : /^gitdir:\s*(.+?)\s*$/m.exec(text.slice(0, 4096));
  return m ? path.resolve(path.dirname(file), m[1]!) : null;
}

async function commonDirOf(gitDir: string): Promise<string> {
  const text = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => null);
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

/**
 * git's wildmatch with WM_PATHNAME, as conditional includes use it: `*` and `?` stay within a path
 * component, `**` (a whole component) spans any number, `[…]` is a class. Turned into a RegExp.
 */
function wildmatchRegExp(pattern: string, ignoreCase: boolean): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0 || pattern[i - 1] === '/';
        i++;
        if (atStart && pattern[i + 1] === '/') {
          // "**/": zero or more whole folders.
          out += '(?:.*/)?';
          i++;
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) out += '\\[';
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) out += `\\${pattern[++i]}`;
    else out += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${out}$`, ignoreCase ? 'i' : '');
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
  const head = await readFile(path.join(repo.gitDir, 'HEAD'), 'utf8').catch(() => '');
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
    return branch !== null && wildmatchRegExp(pattern, false).test(branch);
  }
  const re = wildmatchRegExp(gitdirPattern(m[2]!, includingFile, home), m[1] === 'gitdir/i');
  // git tries the git directory as found and with its symbolic links resolved.
  const dirs = [repo.gitDir, await realpath(repo.gitDir).catch(() => repo.gitDir)];
  return dirs.some((d) => re.test(d.split(path.sep).join('/')));
}

/** The files one config file includes (in file order), each resolved as git does. */
export async function includedFiles(lines: readonly SettingLine[], file: string, repo: GitRepo | null, home: string): Promise<string[]> {
  const out: string[] = [];
  for (const line of lines) {
    if (line.key.toLowerCase() !== 'path') continue;
    const section = /^(include|includeif)\b\s*(?:"((?:[^"\\]|\\.)*)")?$/i.exec(line.section);
    if (!section) continue;
    if (section[1]!.toLowerCase() === 'includeif' && !(await conditionHolds(section[2] ?? '', repo, file, home))) continue;
    const value = line.value.startsWith('~/') ? path.join(home, line.value.slice(2)) : line.value;
    if (value) out.push(path.resolve(path.dirname(file), value));
  }
  return out;
}
