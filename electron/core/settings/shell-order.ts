import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Shell } from '../../../shared/guidance/quote.js';
import { MAX_FISH_SNIPPETS, type ProfileFormat } from './shell-profiles.js';

/**
 * The startup files a shell reads, in the order it reads them, for the shells `apply` writes a profile
 * block for. verify uses it to find what a user's shell sets after CA Bridge's block (a later line wins):
 * - bash (bash(1) INVOCATION): a login shell reads /etc/profile, then the first of ~/.bash_profile,
 *   ~/.bash_login, ~/.profile that exists; an interactive shell (every terminal tab of that session) reads
 *   /etc/bash.bashrc (Debian's build) and ~/.bashrc, after the login files;
 * - zsh (zsh(1) STARTUP/SHUTDOWN FILES): zshenv, zprofile, zshrc, zlogin, each from /etc (Debian: /etc/zsh)
 *   and then from ZDOTDIR (HOME when unset);
 * - fish ("Configuration files"): every conf.d snippet by file name (the user's folder shadows /etc/fish's
 *   of the same name), then /etc/fish/config.fish, then the user's config.fish;
 * - PowerShell (about_Profiles): the current user's profile.ps1, then Microsoft.PowerShell_profile.ps1, in the
 *   folder of the block's file;
 * - cmd: no profile (apply writes the user environment).
 * Files that do not exist are left out. Files a profile sources itself (`. ~/.bashrc`) are not followed.
 */
export interface StartupFile {
  file: string;
  format: ProfileFormat;
}

const firstExisting = (files: string[]) => files.find((f) => existsSync(f));

export async function shellReadOrder(shell: Shell, blockFile: string, env: NodeJS.ProcessEnv, home: string): Promise<StartupFile[]> {
  const sh = (file: string | undefined): StartupFile[] => (file && existsSync(file) ? [{ file, format: 'sh-profile' }] : []);
  const system = (...names: string[]) => sh(firstExisting(names));
  switch (shell) {
    case 'bash': {
      const login = firstExisting(['.bash_profile', '.bash_login', '.profile'].map((n) => path.join(home, n)));
      return [...sh('/etc/profile'), ...sh(login), ...sh('/etc/bash.bashrc'), ...sh(path.join(home, '.bashrc'))];
    }
    case 'zsh': {
      const zdot = env.ZDOTDIR || home;
      return ['zshenv', 'zprofile', 'zshrc', 'zlogin'].flatMap((n) => [
        ...system(`/etc/zsh/${n}`, `/etc/${n}`),
        ...sh(path.join(zdot, `.${n}`)),
      ]);
    }
    case 'fish': {
      const config = path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'fish');
      const snippets = new Map<string, string>();
      for (const dir of ['/etc/fish/conf.d', path.join(config, 'conf.d')])
        for (const name of (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.fish')))
          snippets.set(name, path.join(dir, name));
      const fish = (file: string): StartupFile[] => (existsSync(file) ? [{ file, format: 'fish' }] : []);
      return [
        ...[...snippets.keys()]
          .sort()
          .slice(0, MAX_FISH_SNIPPETS)
          .flatMap((name) => fish(snippets.get(name)!)),
        ...fish('/etc/fish/config.fish'),
        ...fish(path.join(config, 'config.fish')),
      ];
    }
    case 'powershell':
      return ['profile.ps1', 'Microsoft.PowerShell_profile.ps1']
        .map((n) => path.join(path.dirname(blockFile), n))
        .filter((file) => existsSync(file))
        .map((file) => ({ file, format: 'powershell' as const }));
    case 'cmd':
      return [];
  }
}

const SH_OPENERS = new Set(['if', 'case', 'for', 'while', 'until', 'select']);
const SH_CLOSERS = new Set(['fi', 'esac', 'done']);
const FISH_OPENERS = new Set(['if', 'for', 'while', 'function', 'begin', 'switch']);

/**
 * For each line, whether it is part of a compound command (a function, condition, loop, case, `{ … }` or
 * subshell) or follows another command on the line (`[ -f x ] && export …`): what such a line sets depends
 * on running the profile, so verify never takes its value as what the shell has. Counted from each
 * command's first word (sh, fish) or braces (PowerShell); quotes and here-documents are not followed, so an
 * error marks too much as nested, never too little at the top of a plain profile.
 */
export function nestedLines(format: ProfileFormat, text: string): boolean[] {
  let depth = 0;
  return text.split(/\r?\n/).map((raw) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return depth > 0;
    let opens = 0;
    let closes = 0;
    let chained = false;
    if (format === 'powershell') {
      opens = (line.match(/\{/g) ?? []).length;
      closes = (line.match(/\}/g) ?? []).length;
    } else {
      const segments = line
        .split(format === 'fish' ? /;/ : /;|&&|\|\||\|/)
        .map((s) => s.trim())
        .filter(Boolean);
      // `a && export X=…`, `test -f x; and set -gx X …`: the assignment runs only if the command before it does.
      chained = segments.length > 1 || /&&|\|\|/.test(line);
      for (const segment of segments) {
        const first = segment.replace(/^[!(]\s*/, '').split(/\s+/)[0] ?? '';
        if (format === 'fish') {
          if (FISH_OPENERS.has(first)) opens++;
          if (first === 'end') closes++;
          continue;
        }
        if (SH_OPENERS.has(first)) opens++;
        if (SH_CLOSERS.has(first)) closes++;
        // `{` as a word (a group, a function's body) and a subshell's parentheses.
        opens += (segment.match(/(^|\s)\{(?=\s|$)|\(\)\{/g) ?? []).length + (segment.match(/(^|\s)\((?!\))/g) ?? []).length;
        closes += (segment.match(/(^|\s)\}(?=\s|$)/g) ?? []).length + (segment.match(/(^|\s)\)(?=\s|$)/g) ?? []).length;
      }
    }
    const nested = depth > 0 || opens > 0 || closes > 0 || chained;
    depth = Math.max(0, depth + opens - closes);
    return nested;
  });
}
