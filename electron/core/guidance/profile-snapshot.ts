import { constants } from 'node:fs';
import { lstat, open, stat, type FileHandle } from 'node:fs/promises';
import { followLinks } from '../fs/follow-links.js';
import { readUserFile, USER_FILE_MAX_BYTES, UserFileError } from '../fs/read-user-file.js';

/**
 * Reading a shell profile for a safe change: the file behind its symbolic links, its bytes and
 * metadata as one snapshot, and whether anyone has written it since.
 */

/** A profile that cannot be changed safely; nothing was touched. */
export class ProfileError extends Error {}

export interface Snapshot {
  bytes: Buffer | null;
  mode: number;
  owner: { uid: number; gid: number } | null;
  /** Open on the file that was read, to notice a write that lands in it while it is being replaced. */
  handle: FileHandle | null;
  size: bigint;
  mtimeNs: bigint;
  /** Hard links to the file: a rename would leave the other names on the old content. */
  links: number;
}

export class ChangedMeanwhile extends Error {}

/** The file a profile path stands for: symbolic links (dotfile managers) are followed, also to a file that does not exist yet. */
export const resolveTarget = (file: string): Promise<string> =>
  followLinks(file).catch((error: Error) => Promise.reject(new ProfileError(error.message)));

const kind = (info: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }) =>
  info.isFIFO()
    ? 'a named pipe'
    : info.isCharacterDevice() || info.isBlockDevice()
      ? 'a device'
      : info.isSocket()
        ? 'a socket'
        : 'not a file';

export async function readProfile(target: string, shown: string): Promise<Snapshot> {
  let info;
  try {
    info = await stat(target, { bigint: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { bytes: null, mode: 0o644, owner: null, handle: null, size: 0n, mtimeNs: 0n, links: 0 };
    if (code === 'ENOTDIR') throw new ProfileError(`${shown}: a part of the path is not a folder`);
    throw new ProfileError(`cannot read ${shown}: ${(error as Error).message}`);
  }
  if (info.isDirectory()) throw new ProfileError(`${shown} is a folder, not a profile file`);
  if (!info.isFile()) throw new ProfileError(`${shown} is ${kind(info)}, not a profile file`);
  // Respect an explicit read-only marking even where the user could override it (root, Windows).
  if ((Number(info.mode) & 0o222) === 0) throw new ProfileError(`${shown} is read-only; make it writable or pass another --profile`);
  let bytes: Buffer;
  try {
    bytes = await readUserFile(target);
  } catch (error) {
    if (error instanceof UserFileError) throw new ProfileError(`cannot read the profile ${error.message}`);
    throw error;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) throw new ProfileError(`${shown} is UTF-16 text; save it as UTF-8 and run again`);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) throw new ProfileError(`${shown} is UTF-16 text; save it as UTF-8 and run again`);
  // Non-blocking: if the file was swapped for a named pipe since it was read, opening it must not wait
  // for a writer; the identity check below then sees another file and the read is redone.
  const handle = await open(target, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  const now = await handle.stat({ bigint: true });
  const snapshot = {
    bytes,
    mode: Number(info.mode) & 0o7777,
    owner: { uid: Number(info.uid), gid: Number(info.gid) },
    handle,
    size: now.size,
    mtimeNs: now.mtimeNs,
    links: Number(now.nlink),
  };
  if (now.ino !== info.ino || now.size !== BigInt(bytes.length) || now.mtimeNs !== info.mtimeNs) {
    await handle.close();
    throw new ChangedMeanwhile();
  }
  return snapshot;
}

/** Whether the file that was read has been written since (by an editor, a history writer, another tool). */
export async function changedSince(snapshot: Snapshot, target: string): Promise<boolean> {
  // A file that did not exist must still not exist: someone may have just created it.
  if (!snapshot.handle)
    return lstat(target).then(
      () => true,
      () => false,
    );
  const now = await snapshot.handle.stat({ bigint: true });
  return now.size !== snapshot.size || now.mtimeNs !== snapshot.mtimeNs;
}

/** What the file holds now through the handle (the replaced file, when it was written after the rename check). */
export async function contentOf(handle: FileHandle): Promise<Buffer> {
  const size = Number((await handle.stat()).size);
  if (size > USER_FILE_MAX_BYTES) throw new ProfileError(`the profile grew beyond ${USER_FILE_MAX_BYTES} bytes while being changed`);
  const buffer = Buffer.alloc(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}
