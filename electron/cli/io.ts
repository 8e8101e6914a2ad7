import type { Logger } from '../core/operations/log.js';

/** What a command may touch of the outside world, so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Reads all of standard input; undefined when it is a terminal. */
  readStdin?: () => Promise<string | undefined>;
  /** The platform to act for (tests pretend); process.platform by default. */
  platform?: NodeJS.Platform;
  /** The error trail: stderr under --verbose, else nothing. */
  log?: Logger;
}

/** Bad flags or values: exit status 2 with a message naming the culprit. */
export class UsageError extends Error {}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** Interrupted (Ctrl+C): 128 + SIGINT, as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** The user pressed Ctrl+C while an operation ran: it was cancelled, its tools stopped. */
export class Interrupted extends Error {}
