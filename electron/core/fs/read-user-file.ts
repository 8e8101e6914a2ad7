import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ErrorDetail, FileKind, FileProblem } from '../../../shared/error-detail.js';

/**
 * Files named by the user (or found in a folder the user named) are read through here and only here.
 * A path can lead to /dev/zero, a FIFO that never delivers, a 200 MB log or a hung network share;
 * each would otherwise exhaust memory or wedge the operation (and, in browser mode, the server).
 */

/** Certificates, profiles and saved reports are all far below this; 4 MiB is generous for a PEM bundle. */
export const USER_FILE_MAX_BYTES = 4 * 1024 * 1024;
export const USER_FILE_TIMEOUT_MS = 10_000;

export type UserFileProblem = FileProblem;

export class UserFileError extends Error {
  constructor(
    readonly problem: UserFileProblem,
    readonly path: string,
    message: string,
    /** The limit or the system's code behind the problem (bytes, ms, EACCES, the kind of a non-file), for the front doors' words. */
    readonly limit = '',
    /** What the file is to the user (`--client-cert`): the front doors name it. */
    readonly label = '',
  ) {
    super(message);
  }

  /** The problem as a catalogue key and parameters: each front door words it in the user's language. */
  get detail(): ErrorDetail {
    return { key: `file-${this.problem}`, params: { file: this.path, limit: this.limit, flag: this.label } };
  }
}

export interface ReadUserFileOptions {
  maxBytes?: number;
  timeoutMs?: number;
  /** What the file is to the user (`--client-cert`), put before the path in messages. */
  label?: string;
  /** The operation's cancellation: the read stops between chunks, and the caller is answered at once. */
  signal?: AbortSignal;
}

// O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; Windows has no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function describe(problem: UserFileProblem, file: string, detail: string, label?: string): UserFileError {
  const text: Record<UserFileProblem, string> = {
    'not-found': 'no such file',
    'not-regular': `not a regular file (${KIND_WORDS[detail as FileKind] ?? detail})`,
    'too-large': `larger than ${detail}`,
    timeout: `reading took longer than ${detail}`,
    cancelled: 'reading was cancelled',
    unreadable: `cannot be read (${detail})`,
  };
  const limit = problem === 'too-large' || problem === 'timeout' || problem === 'unreadable' || problem === 'not-regular' ? detail : '';
  return new UserFileError(problem, file, `${label ? `${label} ` : ''}${file}: ${text[problem]}`, limit, label);
}

/** What stands where a file was expected: a code the front doors word (shared FILE_KINDS). */
function kindOf(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): FileKind {
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'named-pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isSocket()) return 'socket';
  return 'other';
}

const KIND_WORDS: Record<FileKind, string> = {
  folder: 'a folder',
  'named-pipe': 'a named pipe',
  device: 'a device',
  socket: 'a socket',
  other: 'not a file',
};

async function readCapped(handle: FileHandle, file: string, maxBytes: number, label?: string, signal?: AbortSignal): Promise<Buffer> {
  // Checked on the open handle, after links were followed, so the file cannot be swapped in between.
  const info = await handle.stat();
  if (!info.isFile()) throw describe('not-regular', file, kindOf(info), label);
  if (info.size > maxBytes) throw describe('too-large', file, `${maxBytes} bytes`, label);
  const chunks: Buffer[] = [];
  let total = 0;
  // The size can grow while reading (a log being written): never read more than the cap plus one byte.
  for (;;) {
    if (signal?.aborted) throw describe('cancelled', file, '', label);
    const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - total));
    if (chunk.length === 0) throw describe('too-large', file, `${maxBytes} bytes`, label);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** Reads a regular file (links followed) of at most `maxBytes`, within `timeoutMs`; otherwise a UserFileError naming the path. */
export async function readUserFile(file: string, options: ReadUserFileOptions = {}): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? USER_FILE_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? USER_FILE_TIMEOUT_MS;
  const { label, signal } = options;
  if (signal?.aborted) throw describe('cancelled', file, '', label);
  let handle: FileHandle | undefined;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const work = (async () => {
    try {
      handle = await open(file, OPEN_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw code === 'ENOENT' || code === 'ENOTDIR'
        ? describe('not-found', file, '', label)
        : describe('unreadable', file, code ?? (error as Error).message, label);
    }
    try {
      return await readCapped(handle, file, maxBytes, label, signal);
    } catch (error) {
      if (error instanceof UserFileError) throw error;
      throw describe('unreadable', file, (error as NodeJS.ErrnoException).code ?? (error as Error).message, label);
    }
  })();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(describe('timeout', file, `${timeoutMs} ms`, label)), timeoutMs);
    timer.unref();
    // Cancelled: answered at once, even while a read hangs on a share; the loop stops at its next chunk.
    onAbort = () => reject(describe('cancelled', file, '', label));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // A read stuck on a hung share finishes in the background; its handle is closed when it does.
    void work.finally(() => handle?.close().catch(() => undefined)).catch(() => undefined);
  }
}

export const readUserText = async (file: string, options?: ReadUserFileOptions): Promise<string> =>
  (await readUserFile(file, options)).toString('utf8');
