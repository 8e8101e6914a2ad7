import type { Logger } from '../core/operations/log.js';
import type { Language } from '../../shared/i18n/language.js';
import { messagesFor, type Messages } from './language.js';

/** What a command may touch of the outside world, so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Reads all of standard input; undefined when it is a terminal. */
  readStdin?: () => Promise<string | undefined>;
  /**
   * Asks the person at the terminal one question and returns the answer. Absent when standard input or
   * output is not a terminal (scripts, MDM tools, pipes): then nothing may be asked.
   */
  ask?: (question: string) => Promise<string>;
  /** The platform to act for (tests pretend); process.platform by default. */
  platform?: NodeJS.Platform;
  /** The error trail: stderr under --verbose, else nothing. */
  log?: Logger;
  /** The language of the text (--lang, else the locale); set by runCli. */
  lang?: Language;
  /** --lang as given on the line: only it changes the text fields of JSON output, never the locale. */
  langFlag?: Language;
}

/** The catalogue for this invocation's language. */
export const wordsFor = (io: Pick<CliIo, 'lang'>): Messages => messagesFor(io.lang ?? 'en');

/**
 * Bad flags or values: exit status 2 with a message naming the culprit. Worded from the catalogue when
 * runCli prints it, so the message follows the user's language; `message` keeps the English for logs.
 */
export class UsageError extends Error {
  readonly wording: (m: Messages) => string;
  constructor(wording: string | ((m: Messages) => string)) {
    const word = typeof wording === 'string' ? () => wording : wording;
    super(word(messagesFor('en')));
    this.wording = word;
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
/** Interrupted (Ctrl+C): 128 + SIGINT, as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** The user pressed Ctrl+C while an operation ran: it was cancelled, its tools stopped. */
export class Interrupted extends Error {}
