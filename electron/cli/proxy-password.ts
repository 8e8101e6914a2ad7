import { execFileSync } from 'node:child_process';
import { readSync } from 'node:fs';
import type { ProxyCredentials } from '../core/proxy/proxy-url.js';
import { fill } from '../../shared/i18n/fill.js';
import { UsageError } from './io.js';
import { languageFromEnvironment, messagesFor } from './language.js';

/** The variable a script sets instead of a flag: flag values land in shell history and in `ps`. */
export const PROXY_PASSWORD_VARIABLE = 'CA_BRIDGE_PROXY_PASSWORD';
const MAX_PASSWORD_BYTES = 1024;

/** Asks on the terminal with echo off (POSIX stty); null where that is not possible. */
function promptOnTerminal(user: string, prompt: string): string | null {
  if (!process.stdin.isTTY || process.platform === 'win32') return null;
  process.stderr.write(fill(prompt, { user: JSON.stringify(user) }));
  try {
    execFileSync('stty', ['-echo'], { stdio: ['inherit', 'ignore', 'ignore'] });
    const bytes: number[] = [];
    const one = Buffer.alloc(1);
    while (bytes.length < MAX_PASSWORD_BYTES && readSync(0, one, 0, 1, null) === 1 && one[0] !== 0x0a && one[0] !== 0x0d)
      bytes.push(one[0]!);
    return Buffer.from(bytes).toString('utf8');
  } catch {
    return null;
  } finally {
    try {
      execFileSync('stty', ['echo'], { stdio: ['inherit', 'ignore', 'ignore'] });
    } catch {
      // the terminal went away; nothing to restore
    }
    process.stderr.write('\n');
  }
}

/** --proxy-user's credentials: the password from the variable, else a terminal prompt, never a flag. */
export function proxyCredentialsFrom(user: string | undefined, env: NodeJS.ProcessEnv): ProxyCredentials | undefined {
  if (user === undefined) return undefined;
  if (!user) throw new UsageError((m) => m.cli.usageError.noProxyUser);
  const password = env[PROXY_PASSWORD_VARIABLE] ?? promptOnTerminal(user, messagesFor(languageFromEnvironment(env)).cli.passwordPrompt);
  if (password === null) {
    throw new UsageError((m) => fill(m.cli.usageError.noPassword, { variable: PROXY_PASSWORD_VARIABLE }));
  }
  return { user, password };
}
