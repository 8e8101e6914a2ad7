import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { SettingLine } from './settings-lines.js';

/**
 * Shell profiles, where users put the "fixes" that switch verification off for every program the shell
 * starts (`export NODE_TLS_REJECT_UNAUTHORIZED=0`). Read as text, never run: each line that exports a
 * variable is turned into a SettingLine (`section` 'env', `key` the variable) for the environment rules.
 *
 * Which files: the ones bash, zsh, sh and fish read at login or for an interactive shell (bash(1)
 * INVOCATION, zsh(1) STARTUP/SHUTDOWN FILES, fish's "Configuration files"), and PowerShell's
 * $PROFILE files (about_Profiles): the user's own only. System files (/etc/profile, /etc/zshenv) are
 * not the user's to change and are left to IT.
 */

export type ProfileFormat = 'sh-profile' | 'fish' | 'powershell';

/** conf.d folders can hold many snippets; this many are read at most (named in docs/settings-scan.md). */
export const MAX_FISH_SNIPPETS = 200;

export async function profileFiles(
  env: NodeJS.ProcessEnv,
  home: string,
  platform: NodeJS.Platform,
): Promise<{ file: string; format: ProfileFormat }[]> {
  const out: { file: string; format: ProfileFormat }[] = [];
  const sh = (file: string) => out.push({ file, format: 'sh-profile' });
  const config = env.XDG_CONFIG_HOME || path.join(home, '.config');
  if (platform !== 'win32') {
    for (const name of ['.profile', '.bash_profile', '.bash_login', '.bashrc']) sh(path.join(home, name));
    const zdot = env.ZDOTDIR || home;
    for (const name of ['.zshenv', '.zprofile', '.zshrc', '.zlogin']) sh(path.join(zdot, name));
    out.push({ file: path.join(config, 'fish', 'config.fish'), format: 'fish' });
    const confD = path.join(config, 'fish', 'conf.d');
    const snippets = await readdir(confD).catch(() => [] as string[]);
    for (const name of snippets
      .filter((n) => n.endsWith('.fish'))
      .sort()
      .slice(0, MAX_FISH_SNIPPETS))
      out.push({ file: path.join(confD, name), format: 'fish' });
  }
  // PowerShell 7 and Windows PowerShell 5.1: the current-user profiles, all hosts and the console host.
  const psDirs =
    platform === 'win32'
      ? [path.join(home, 'Documents', 'PowerShell'), path.join(home, 'Documents', 'WindowsPowerShell')]
      : [path.join(config, 'powershell')];
  for (const dir of psDirs)
    for (const name of ['profile.ps1', 'Microsoft.PowerShell_profile.ps1']) out.push({ file: path.join(dir, name), format: 'powershell' });
  return out;
}

/** A shell word's value: quotes taken off (single: literal; double: `\"` and `\\` unescaped); an unquoted `#` starts a comment. */
function shellValue(raw: string): string | null {
  const text = raw.trim();
  const single = /^'([^']*)'\s*(?:[;#].*)?$/.exec(text);
  if (single) return single[1]!;
  const double = /^"((?:[^"\\]|\\.)*)"\s*(?:[;#].*)?$/.exec(text);
  if (double) return double[1]!.replace(/\\(["\\$`])/g, '$1');
  // Unquoted: up to whitespace, `;` or a comment; anything after it but a comment makes it a command's prefix, not an export.
  const bare = /^([^\s;#'"]*)\s*(?:[;#].*)?$/.exec(text);
  return bare ? bare[1]! : null;
}

const NAME = '([A-Za-z_][A-Za-z0-9_]*)';
const SH_EXPORT = new RegExp(`^\\s*(?:export|declare\\s+-[a-zA-Z]*x[a-zA-Z]*|typeset\\s+-[a-zA-Z]*x[a-zA-Z]*)\\s+${NAME}=(.*)$`);
// set -gx NAME value / set --global --export NAME value / set -Ux NAME value: exported when a flag says so.
const FISH_SET = new RegExp(`^\\s*set\\s+((?:-{1,2}[a-zA-Z]+\\s+)+)${NAME}(?:\\s+(.*))?$`);
const PS_ENV = new RegExp(`^\\s*\\$env:${NAME}\\s*=\\s*(.*?)\\s*(?:#.*)?$`, 'i');
const PS_SET_ENV = new RegExp(
  `^\\s*\\[(?:System\\.)?Environment\\]::SetEnvironmentVariable\\(\\s*['"]${NAME}['"]\\s*,\\s*(['"][^'"]*['"])`,
  'i',
);

function psValue(raw: string): string | null {
  const m = /^'((?:[^']|'')*)'$|^"((?:[^"`]|`.)*)"$|^([^\s'"]+)$/.exec(raw.trim());
  if (!m) return null;
  if (m[1] !== undefined) return m[1].replace(/''/g, "'");
  if (m[2] !== undefined) return m[2].replace(/`(.)/g, '$1');
  return m[3]!;
}

/** One exported variable per line (the line's first assignment), 1-based line numbers; the rest is skipped. */
export function profileLines(format: ProfileFormat, text: string): SettingLine[] {
  const out: SettingLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    if (/^\s*#/.test(line)) return;
    let key: string | undefined;
    let value: string | null = null;
    if (format === 'sh-profile') {
      const m = SH_EXPORT.exec(line);
      if (m) [key, value] = [m[1], shellValue(m[2]!)];
    } else if (format === 'fish') {
      const m = FISH_SET.exec(line);
      if (m && /(^|\s)(-[a-zA-Z]*x[a-zA-Z]*|--export)(\s|$)/.test(m[1]!)) [key, value] = [m[2], m[3] === undefined ? '' : shellValue(m[3])];
    } else {
      const m = PS_ENV.exec(line) ?? PS_SET_ENV.exec(line);
      if (m) [key, value] = [m[1], psValue(m[2]!)];
    }
    if (key && value !== null) out.push({ section: 'env', key, value, line: i + 1 });
  });
  return out;
}
