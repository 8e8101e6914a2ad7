/** Shells the snippets are rendered for. */
export const SHELLS = ['bash', 'zsh', 'fish', 'powershell', 'cmd'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * Quotes a value so the shell passes it through byte for byte: spaces, quotes, `$`, `%`,
 * backslashes and non-ASCII names such as `C:\Users\山田 太郎\` or `/home/José/`.
 */
export function quote(shell: Shell, value: string): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      // Inside single quotes nothing is special; a quote itself is closed, escaped and reopened.
      return `'${value.replace(/'/g, `'\\''`)}'`;
    case 'fish':
      // fish single quotes honour exactly two escapes: \\ and \'.
      return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'powershell':
      // PowerShell also treats the typographic single quotes as quote characters: double them too.
      return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
    case 'cmd':
      // `"` cannot occur in Windows paths; inside quotes & | < > ^ are literal. `%` is handled by the caller.
      return `"${value}"`;
  }
}

/** cmd.exe expands %NAME% even inside quotes and has no escape for it on the command line. */
export const cmdCannotQuote = (value: string): boolean => value.includes('%');
