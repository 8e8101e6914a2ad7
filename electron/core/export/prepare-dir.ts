import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { followLinks } from '../fs/follow-links.js';

/** Deeper than any real output folder; a bound on the walk up, whatever the path. */
const MAX_NEW_LEVELS = 32;

/**
 * Kernel and device file systems (Linux, and /dev on macOS): nothing of the user's belongs there. As
 * root, `export --out /dev` used to write the three files among the device nodes, and a folder under
 * /proc could not be created at all (ENOENT from the kernel).
 */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/**
 * A folder given as `--out` (the page's output folder) that cannot be used: the request is the user's
 * to correct, so the operation answers with a usage error on the `outDir` field. The message starts
 * with the folder as given, so the CLI reads `--out /path: …`.
 */
export class OutDirError extends Error {}

const errnoText = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  return code ?? (error as Error).message;
};

const kind = (info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}) =>
  info.isDirectory()
    ? 'a folder'
    : info.isFIFO()
      ? 'a named pipe'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : info.isSocket()
          ? 'a socket'
          : 'a file';

/** The nearest folder of `dir` (itself or a parent) that exists, with links resolved; null if none does. */
async function nearestExisting(dir: string): Promise<string | null> {
  let current = dir;
  for (let level = 0; level <= MAX_NEW_LEVELS; level++) {
    const real = await realpath(current).catch(() => null);
    if (real) return real;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
  return null;
}

/** Refuses an output folder inside /proc, /sys or /dev (also through a link), before anything is created there. */
export async function refuseSystemFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const real = await nearestExisting(dir);
  const system = real && SYSTEM_FOLDERS.find((root) => real === root || real.startsWith(`${root}/`));
  if (system)
    throw new OutDirError(
      `${dir}: ${system} is a system folder (devices and kernel files), not a place for files: choose a folder of your own`,
    );
}

/**
 * Creates the output folder level by level. Node's mkdir({ recursive: true }) never returns for a
 * path under /proc (the kernel answers ENOENT, and it retries the parent forever), which wedged export
 * and, with it, browser mode. Here each missing level is created once, and any failure is final.
 */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    let info;
    try {
      info = await stat(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a parent is a file; walking on up names it.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new OutDirError(`${dir}: ${current} cannot be examined (${errnoText(error)})`);
    }
    if (info) {
      if (!info.isDirectory()) throw new OutDirError(`${dir}: ${current === dir ? '' : `${current} is `}${kind(info)}, not a folder`);
      break;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current || missing.length > MAX_NEW_LEVELS) throw new OutDirError(`${dir}: the folder cannot be created`);
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new OutDirError(`${dir}: cannot create ${level} (${errnoText(error)})`);
    }
  }
}

/**
 * Where each output file already in the way is written: a symbolic link is followed to its target
 * (which is rewritten, so the link stays a link, as for profiles); anything that is not a regular file
 * (or a link to one, or a link to nothing yet) is refused, since backing up a FIFO or a device would
 * read it forever. Called before the `--force` question, which would be the wrong advice for these.
 */
export async function exportTargets(dir: string, existing: readonly string[]): Promise<Map<string, string>> {
  const targets = new Map<string, string>();
  for (const file of existing) {
    let target: string;
    try {
      target = await followLinks(file);
    } catch (error) {
      throw new OutDirError(`${dir}: ${(error as Error).message}`);
    }
    const info = await lstat(target).catch(() => null);
    if (info && !info.isFile()) {
      const what = target === file ? `${file} exists and is ${kind(info)}` : `${file} leads to ${target}, which is ${kind(info)}`;
      throw new OutDirError(`${dir}: ${what}, not a regular file: move it away or choose another folder`);
    }
    if (
      !info &&
      !(await stat(path.dirname(target)).then(
        (d) => d.isDirectory(),
        () => false,
      ))
    )
      throw new OutDirError(`${dir}: ${file} leads to ${target}, whose folder does not exist`);
    targets.set(file, target);
  }
  return targets;
}

/** Makes the output folder; refuseSystemFolder has been asked first. */
export const prepareExportDir = makeDirs;
