import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

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
  let out = message
    // The whole user-info of any URL, up to its last "@": passwords may hold "/", "@" or ":".
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s"'<>]*@/gi, '$1***@')
    .replace(/("proxyPassword"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"***"')
    .replace(AUTH_HEADER, '$1: ***');
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

/** Beyond this a log file is moved aside to `FILE.1` (one generation kept): the trail stays bounded. */
export const LOG_FILE_LIMIT = 1 << 20;

/**
 * The desktop app's log file: appended line by line, rotated once it passes LOG_FILE_LIMIT. Writing
 * is synchronous so the last line before a crash is not lost; a log that cannot be written is dropped
 * rather than breaking the operation it describes.
 */
export function fileLogger(file: string, env: NodeJS.ProcessEnv = {}, limit = LOG_FILE_LIMIT): Logger {
  let broken = false;
  return lineLogger((line) => {
    if (broken) return;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      if (size + Buffer.byteLength(line) > limit) renameSync(file, `${file}.1`);
      appendFileSync(file, line, { mode: 0o600 });
    } catch {
      broken = true;
    }
  }, env);
}
