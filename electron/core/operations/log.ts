import { redactCredentials } from '../proxy/proxy-url.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where operations write their trail: nowhere by default, stderr under --verbose, a file in the desktop app. */
export interface Logger {
  log(level: LogLevel, message: string): void;
}

export const silentLogger: Logger = { log: () => {} };

const MAX_LINE = 4000;
const AUTH_HEADER = /\b((?:proxy-)?authorization)\s*:\s*\S+(?:\s+\S+)?/gi;

/**
 * Secrets never reach a log: proxy `user:password@` in any URL, Authorization headers, and the values
 * of environment variables that look like credentials. Each line is bounded.
 */
export function redactForLog(message: string, env: NodeJS.ProcessEnv = {}): string {
  let out = redactCredentials(message).replace(AUTH_HEADER, '$1: ***');
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 4 && /pass|secret|token|key|auth/i.test(name)) out = out.split(value).join('***');
  }
  return out.length > MAX_LINE ? `${out.slice(0, MAX_LINE)}… (${out.length - MAX_LINE} more characters)` : out;
}

/** A logger writing one timestamped, redacted line per entry to `write`. */
export function lineLogger(write: (line: string) => void, env: NodeJS.ProcessEnv = {}, minimum: LogLevel = 'debug'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, message) {
      if (order.indexOf(level) < order.indexOf(minimum)) return;
      write(`${new Date().toISOString()} ${level.padEnd(5)} ${redactForLog(message, env).replace(/\r?\n/g, '\n    ')}\n`);
    },
  };
}
