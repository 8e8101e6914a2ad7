import { lstat, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Deeper than any real output folder; a bound on the walk up, whatever the path. */
const MAX_NEW_LEVELS = 32;

/**
 * Creates the output folder level by level. Node's mkdir({ recursive: true }) never returns for a
 * path under /proc (the kernel answers ENOENT, and it retries the parent forever), which wedged export
 * and, with it, browser mode. Here each missing level is created once, and any failure is final.
 */
async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  for (;;) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? null : Promise.reject(error)));
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${current} is not a folder`), { code: 'ENOTDIR' });
      break;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current || missing.length > MAX_NEW_LEVELS) throw Object.assign(new Error(`cannot create ${dir}`), { code: 'ENOENT' });
    current = parent;
  }
  for (const level of missing.reverse()) {
    await mkdir(level).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
  }
}

/**
 * Makes the output folder, and refuses outputs that exist but are not regular files: backing up a
 * FIFO or a device would read it forever.
 */
export async function prepareExportDir(dir: string, existing: readonly string[]): Promise<void> {
  for (const file of existing) {
    const info = await lstat(file);
    if (!info.isFile() && !info.isSymbolicLink())
      throw Object.assign(new Error(`${file} exists and is not a regular file`), { code: 'EEXIST' });
    if (info.isSymbolicLink() && !(await stat(file)).isFile())
      throw Object.assign(new Error(`${file} leads to something that is not a regular file`), { code: 'EEXIST' });
  }
  await makeDirs(dir);
}
