import type { ProfileFormat } from '../settings/shell-profiles.js';

/**
 * A profile line that exports one variable, with its value replaced (doctor --fix repointing a CA variable
 * at the export): the prefix (`export`, `declare -x`, `set -gx`, `$env:NAME =`) and a trailing comment are
 * kept byte for byte, the new value is single-quoted in the shell's own syntax. Null when the line is not
 * exactly one such assignment of `name` (and maybe a comment): then it is left for the user.
 */
const VALUE_SH = `('[^']*'|"(?:[^"\\\\]|\\\\.)*"|[^\\s;#'"&|\`()]+)`;
const VALUE_PS = `('(?:[^']|'')*'|"(?:[^"\`]|\`.)*"|[^\\s'"#;()]+)`;
const TAIL = `(\\s*(?:#.*)?)$`;

const shQuote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
const fishQuote = (v: string) => `'${v.replace(/[\\']/g, '\\$&')}'`;
const psQuote = (v: string) => `'${v.replace(/'/g, "''")}'`;

export function withProfileValue(format: ProfileFormat, line: string, name: string, value: string): string | null {
  const n = name.replace(/[^A-Za-z0-9_]/g, '');
  if (n !== name) return null;
  const [pattern, quote] =
    format === 'sh-profile'
      ? [
          new RegExp(`^(\\s*(?:export|declare\\s+-[a-zA-Z]*x[a-zA-Z]*|typeset\\s+-[a-zA-Z]*x[a-zA-Z]*)\\s+${n}=)${VALUE_SH}${TAIL}`),
          shQuote,
        ]
      : format === 'fish'
        ? [new RegExp(`^(\\s*set\\s+(?:-{1,2}[a-zA-Z]+\\s+)+${n}\\s+)${VALUE_SH}${TAIL}`), fishQuote]
        : [new RegExp(`^(\\s*\\$env:${n}\\s*=\\s*)${VALUE_PS}${TAIL}`, 'i'), psQuote];
  const m = pattern.exec(line);
  // A value that runs a command ($(…), backticks) is more than a path: the user's to change.
  if (!m || /\$\(|`/.test(m[2]!)) return null;
  return `${m[1]}${quote(value)}${m[3]}`;
}
