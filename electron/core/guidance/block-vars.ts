import { ENV_VARS } from '../../../shared/guidance/env-vars.js';

/**
 * The variables a profile block sets, read back from its text: what a new shell gets from what `apply`
 * wrote. Only the forms `renderEnvBlock`/`renderExtras` write are read (quote.ts), for every shell at
 * once (the block says which shell by its syntax): a POSIX `export NAME='…'`, fish's `set -gx NAME '…'`,
 * PowerShell's `$env:NAME = '…'`, cmd's `set "NAME=…"`, and each shell's "append to a comma list" line
 * (GODEBUG), whose result depends on the value the shell already has (`current`). A line in another form
 * (edited by hand) is returned in `unread`, never guessed at. Written by hand: no library reads four shells'
 * quoting, and the block holds only these forms.
 */
export interface BlockVars {
  vars: Record<string, string>;
  unread: string[];
}

const NAME = '([A-Za-z_][A-Za-z0-9_]*)';
const ASSIGNMENTS: { pattern: RegExp; unquote: (raw: string) => string | null }[] = [
  // POSIX single quotes: nothing is special inside; a quote is written '\''.
  { pattern: new RegExp(`^export ${NAME}=((?:'[^']*'|\\\\')+)$`), unquote: (raw) => raw.replace(/'\\''/g, "'").slice(1, -1) },
  // fish single quotes honour \\ and \'.
  {
    pattern: new RegExp(`^set -gx ${NAME} '((?:[^'\\\\]|\\\\.)*)'$`),
    unquote: (raw) => raw.replace(/\\([\\'])/g, '$1'),
  },
  // PowerShell single quotes: a quote (also a typographic one) is doubled.
  {
    pattern: new RegExp(`^\\$env:${NAME} = '((?:[^'\\u2018\\u2019\\u201a\\u201b]|['\\u2018\\u2019\\u201a\\u201b]{2})*)'$`),
    unquote: (raw) => raw.replace(/(['\u2018\u2019\u201a\u201b])\1/g, '$1'),
  },
  // cmd: the whole assignment in double quotes; a value never holds `"` or `%` (quote.ts).
  { pattern: new RegExp(`^set "${NAME}=([^"%]*)"$`), unquote: (raw) => raw },
];

/** The four shells' "append our item to the user's comma list" lines, as render.ts writes them. */
const APPEND_LINE = new RegExp(
  `^(?:export ${NAME}="\\$\\{\\1:\\+\\$\\1,\\}|set -gx ${NAME} \\(string join , -- \\$\\2 |\\$env:${NAME} = \\$\\(if \\(\\$env:\\3\\)|if defined ${NAME} \\()`,
);

export function blockVars(body: string, current: Readonly<Record<string, string | undefined>>): BlockVars {
  const vars: Record<string, string> = {};
  const unread: string[] = [];
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || /^REM\b/i.test(line)) continue;
    const assigned = ASSIGNMENTS.map(({ pattern, unquote }) => {
      const m = pattern.exec(line);
      return m ? { name: m[1]!, value: unquote(m[2]!) } : null;
    }).find((a) => a !== null);
    if (assigned?.value != null) {
      vars[assigned.name] = assigned.value;
      continue;
    }
    const append = APPEND_LINE.exec(line);
    const name = append ? (append[1] ?? append[2] ?? append[3] ?? append[4])! : null;
    const item = name ? ENV_VARS.find((v) => v.name === name && v.appendsTo)?.literal : null;
    if (name && item && line.includes(item)) {
      // The shell keeps the user's items first and adds ours (render.ts envVarValues does the same).
      const theirs = vars[name] ?? current[name];
      vars[name] = !theirs ? item : theirs.split(',').includes(item) ? theirs : `${theirs},${item}`;
      continue;
    }
    unread.push(line);
  }
  return { vars, unread };
}
