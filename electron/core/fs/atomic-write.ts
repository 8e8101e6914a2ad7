import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { readUserFile } from './read-user-file.js';

export interface AtomicWriteOptions {
  /**
   * Permission bits of the new file, set explicitly so the umask does not narrow them. Default: those
   * of the file being replaced (a user who made it 0600 keeps 0600), else 0644.
   */
  mode?: number;
  /** Owner to give the new file (a profile keeps its owner); refused rather than silently changed. */
  owner?: { uid: number; gid: number };
  /** Last check just before the rename (e.g. that nobody changed the file meanwhile); throwing aborts the write. */
  beforeRename?: () => Promise<void>;
}

// O_EXCL never opens an existing name, so a symlink planted at the temp name is not followed.
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** A name no other writer (another process, another request of the same server) can be using. */
export const tempNameFor = (file: string) =>
  path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(8).toString('hex')}.tmp`);

const modeOf = (file: string) =>
  stat(file).then(
    (info) => (info.isFile() ? info.mode : null),
    () => null,
  );

/** Makes the rename itself durable; best effort (Windows cannot open a folder for syncing). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, constants.O_RDONLY).catch(() => null);
  await handle
    ?.sync()
    .catch(() => undefined)
    .finally(() => handle.close().catch(() => undefined));
}

/**
 * Replaces `file` with `data` so that a reader sees either the old or the new content, never half:
 * a unique temp file in the same folder, flushed to disk and read back, then renamed over the file.
 * On any failure the temp file is removed and `file` is as it was. Returns the inode number of the
 * new file, so a later read-back can tell "changed" from "replaced by a later writer".
 */
export async function atomicWrite(file: string, data: string | Buffer, options: AtomicWriteOptions = {}): Promise<bigint> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const mode = (options.mode ?? (await modeOf(file)) ?? 0o644) & 0o7777;
  const temp = tempNameFor(file);
  const handle = await open(temp, CREATE_NEW, mode);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(mode);
    if (options.owner) {
      const info = await handle.stat();
      if (info.uid !== options.owner.uid || info.gid !== options.owner.gid)
        await handle.chown(options.owner.uid, options.owner.gid).catch((error: Error) => {
          throw new Error(`cannot keep the owner (${options.owner!.uid}:${options.owner!.gid}) of ${file}: ${error.message}`);
        });
    }
    await handle.sync();
    const { ino } = await handle.stat({ bigint: true });
    await handle.close();
    // Read back what reached the disk before it replaces anything.
    const back = await readUserFile(temp, { maxBytes: bytes.length });
    if (!back.equals(bytes)) throw new Error(`${temp} reads back different from what was written (disk full or failing?)`);
    await options.beforeRename?.();
    await rename(temp, file);
    await syncFolder(path.dirname(file));
    return ino;
  } catch (error) {
    // Closing twice is harmless (the second one rejects and is ignored).
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
