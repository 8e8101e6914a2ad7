import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { readUserFile } from './read-user-file.js';

/** Second-resolution, sortable, file-name safe: 20261125-160412. Uniqueness comes from writeBackup, not from this. */
export const stamp = (date = new Date()) => date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

/** Two runs in the same second get -2, -3, …; past this many the folder is full of our backups and something is wrong. */
const MAX_SUFFIX = 1000;

// O_EXCL: an existing file (an earlier backup) or a planted symlink at the name is never opened, let alone overwritten.
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/**
 * Writes `data` to a new file named `nameFor(unique)` and returns its path. An existing file is never
 * replaced: a taken name gets the next counter. The copy is read back before it is called a backup.
 */
export async function writeBackup(nameFor: (unique: string) => string, data: Buffer, mode = 0o600): Promise<string> {
  const base = stamp();
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const file = nameFor(n === 1 ? base : `${base}-${n}`);
    let handle;
    try {
      handle = await open(file, CREATE_NEW, mode & 0o7777);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      await handle.writeFile(data);
      await handle.chmod(mode & 0o7777);
      await handle.sync();
      await handle.close();
      handle = undefined;
      const back = await readUserFile(file, { maxBytes: data.length });
      if (!back.equals(data)) throw new Error(`the backup ${file} reads back different from what was written`);
      return file;
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await unlink(file).catch(() => undefined);
      throw error;
    }
  }
  throw new Error(`${nameFor(base)}: ${MAX_SUFFIX} backups with this name already exist; remove old ones`);
}
