import type { X509Certificate } from 'node:crypto';
import type { Stats } from 'node:fs';
import { opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCertificates, type ParseProblem } from '../cert/x509.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';

/** A user-supplied certificate path that cannot be used; front doors turn it into a usage error. */
export class CertPathError extends Error {
  constructor(
    readonly code: 'unreadable' | 'no-certificates',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LoadedCerts {
  certs: { cert: X509Certificate; source: string }[];
  /** The first MAX_KEPT_PROBLEMS entries that could not be read, for messages. */
  problems: (ParseProblem & { source: string })[];
  /** How many entries could not be read in all. */
  problemCount: number;
}

/**
 * Unreadable entries kept in memory per load; the rest are only counted. A 64 MiB folder of bare
 * BEGIN lines holds 2.4 million of them: keeping each took 1.4 GB. Messages show the count and the first.
 */
export const MAX_KEPT_PROBLEMS = 1000;

/** Files that hold certificates in a directory: PEM/CRT/CER, and OpenSSL's hashed names (`5ad8a5d6.0`). */
const CERT_FILE = /\.(pem|crt|cer)$|^[0-9a-f]{8}\.\d+$/i;

/**
 * A folder is read file by file (each capped by readUserFile); these bound the folder as a whole.
 * /etc/ssl/certs holds a few hundred files and well under 1 MB.
 */
export const FOLDER_MAX_FILES = 10_000;
export const FOLDER_MAX_BYTES = 64 * 1024 * 1024;

const errnoText = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (error as Error).message;
};

async function readOne(file: string, what: string, into: LoadedCerts, signal?: AbortSignal): Promise<number> {
  let data: Buffer;
  try {
    data = await readUserFile(file, { label: what, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof UserFileError) throw new CertPathError('unreadable', error.message, { cause: error });
    throw error;
  }
  const parsed = parseCertificates(data);
  // One push per entry: spreading a 4 MiB file of bare BEGIN lines (150,000 problems) into push()
  // overflows the call stack.
  for (const cert of parsed.certs) into.certs.push({ cert, source: file });
  into.problemCount += parsed.problems.length;
  for (const problem of parsed.problems.slice(0, MAX_KEPT_PROBLEMS - into.problems.length))
    into.problems.push({ ...problem, source: file });
  return data.length;
}

/** Certificate file names in a folder, sorted; listing stops at the cap instead of reading millions of names. */
async function certFilesIn(dir: string, what: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of await opendir(dir)) {
      if (!CERT_FILE.test(entry.name)) continue;
      if (names.length >= FOLDER_MAX_FILES)
        throw new CertPathError('unreadable', `${what} ${dir}: the folder holds more than ${FOLDER_MAX_FILES} certificate files`);
      names.push(entry.name);
    }
  } catch (error) {
    if (error instanceof CertPathError) throw error;
    throw new CertPathError('unreadable', `${what} ${dir}: the folder cannot be listed (${errnoText(error)})`);
  }
  return names.sort();
}

/** What a folder entry is when it is not a regular file; said in the problem that skips it. */
function entryKind(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * One entry of a folder. An entry that is not a readable regular file (a dangling link, a subfolder
 * named `x.pem`, a FIFO, a device, a file over the cap) is skipped and reported as a problem of that
 * entry: one stray entry must not throw away every good certificate beside it (for SSL_CERT_DIR it
 * dropped all of the folder's anchors). Its type is checked with stat before any open, so a device is
 * never opened at all and a FIFO never waited on. A read that times out still fails the folder: a
 * hung share would otherwise cost the deadline once per file.
 */
async function readFolderEntry(file: string, what: string, into: LoadedCerts, signal?: AbortSignal): Promise<number> {
  const skip = (reason: string) => {
    into.problemCount += 1;
    if (into.problems.length < MAX_KEPT_PROBLEMS) into.problems.push({ source: file, index: -1, reason: `skipped: ${reason}` });
    return 0;
  };
  let info: Stats;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return skip(code === 'ENOENT' ? 'a link to nothing (or removed while reading)' : `cannot be read (${errnoText(error)})`);
  }
  if (!info.isFile()) return skip(`not a regular file (${entryKind(info)})`);
  try {
    return await readOne(file, what, into, signal);
  } catch (error) {
    const cause = error instanceof CertPathError ? error.cause : undefined;
    // A timeout or a cancellation ends the folder, not the entry.
    if (!(cause instanceof UserFileError) || cause.problem === 'timeout' || cause.problem === 'cancelled') throw error;
    return skip(cause.message.startsWith(`${what} ${file}: `) ? cause.message.slice(what.length + file.length + 3) : cause.message);
  }
}

/** The first problem, with the entry it is about when that is a file inside the folder. */
function firstProblem(loaded: LoadedCerts, target: string): string {
  const first = loaded.problems[0]!;
  return first.source === target ? first.reason : `${first.source}: ${first.reason}`;
}

/**
 * Loads a PEM/DER file, or every certificate file in a directory. Every file goes through
 * readUserFile: a FIFO, device or oversized file named directly is an error naming its path, never a
 * hang or an unbounded read; inside a folder such an entry is skipped and reported (readFolderEntry).
 */
export async function loadCertPath(target: string, what: string, signal?: AbortSignal): Promise<LoadedCerts> {
  const loaded: LoadedCerts = { certs: [], problems: [], problemCount: 0 };
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    throw new CertPathError('unreadable', `${what} ${target}: ${errnoText(error)}`);
  }
  if (info.isDirectory()) {
    let total = 0;
    for (const name of await certFilesIn(target, what)) {
      total += await readFolderEntry(path.join(target, name), `${what} ${target}:`, loaded, signal);
      if (total > FOLDER_MAX_BYTES)
        throw new CertPathError('unreadable', `${what} ${target}: the folder's certificate files exceed ${FOLDER_MAX_BYTES} bytes`);
    }
  } else {
    await readOne(target, what, loaded, signal);
  }
  if (loaded.certs.length === 0) {
    const why =
      loaded.problemCount > 0
        ? `${loaded.problemCount} ${loaded.problemCount === 1 ? 'entry' : 'entries'} could not be parsed or read (${firstProblem(loaded, target)})`
        : 'no PEM or DER certificate found';
    throw new CertPathError('no-certificates', `${what} ${target}: ${why}`);
  }
  return loaded;
}
