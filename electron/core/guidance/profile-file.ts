import { copyFile, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applyBlock, removeBlock, type BlockChange } from './profile-block.js';

/** A profile that cannot be changed safely; nothing was touched. */
export class ProfileError extends Error {}

export interface ProfileResult {
  file: string;
  changed: boolean;
  /** The copy kept before the change, when a file existed. */
  backup: string | null;
  /** Unified diff of the change (always computed; printed on --dry-run). */
  diff: string;
  removed: boolean;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

async function readProfile(file: string): Promise<{ text: string | null; mode: number }> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new ProfileError(`${file} is a folder, not a profile file`);
    // Respect an explicit read-only marking even where the user could override it (root, Windows).
    if ((info.mode & 0o222) === 0) throw new ProfileError(`${file} is read-only; make it writable or pass another --profile`);
    return { text: await readFile(file, 'utf8'), mode: info.mode & 0o777 };
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { text: null, mode: 0o644 };
    if (code === 'ENOTDIR') throw new ProfileError(`${file}: a part of the path is not a folder`);
    throw new ProfileError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

async function commit(file: string, before: string | null, change: BlockChange, mode: number): Promise<string | null> {
  let backup: string | null = null;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    if (before !== null) {
      backup = `${file}.ca-bridge-${stamp()}.bak`;
      await copyFile(file, backup);
    }
    if (change.text === null) {
      await unlink(file);
      return backup;
    }
    const temp = `${file}.ca-bridge-tmp-${process.pid}`;
    await writeFile(temp, change.text, { mode });
    await rename(temp, file).catch(async (error) => {
      await unlink(temp).catch(() => {});
      throw error;
    });
    return backup;
  } catch (error) {
    throw new ProfileError(`cannot write ${file}: ${(error as Error).message}; the profile was left as it was`);
  }
}

async function change(file: string, transform: (text: string | null) => BlockChange, dryRun: boolean): Promise<ProfileResult> {
  const absolute = path.resolve(file);
  const { text, mode } = await readProfile(absolute);
  const result = transform(text);
  const diff = result.changed
    ? createTwoFilesPatch(
        absolute,
        absolute,
        text ?? '',
        result.text ?? '',
        text === null ? '(new file)' : '',
        result.text === null ? '(removed)' : '',
      )
    : '';
  if (!result.changed || dryRun) return { file: absolute, changed: result.changed, backup: null, diff, removed: false };
  const backup = await commit(absolute, text, result, mode);
  return { file: absolute, changed: true, backup, diff, removed: result.text === null };
}

export const applyToProfile = (file: string, body: string, dryRun = false) => change(file, (t) => applyBlock(t, body), dryRun);
export const revertProfile = (file: string, dryRun = false) => change(file, removeBlock, dryRun);
