import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from '../fs/atomic-write.js';
import { ProfileError } from './profile-file.js';
import {
  broadcastEnvironmentChange,
  deleteUserEnvironmentValue,
  readUserEnvironmentValue,
  writeUserEnvironmentValue,
  type RegistryText,
  type RegistryTextType,
} from './windows-registry.js';

export type { RegistryText as UserEnvironmentValue, RegistryTextType as UserEnvironmentType };

/** The per-user environment (HKCU\Environment on Windows), behind an interface so it can be faked in tests. */
export interface UserEnvironment {
  /** The value exactly as stored, with its type; null when unset. */
  get(name: string): Promise<RegistryText | null>;
  set(name: string, value: RegistryText): Promise<void>;
  remove(name: string): Promise<void>;
  /** Tells running programs that the environment changed; true when that was delivered. */
  broadcast(): Promise<boolean>;
}

/** The registry API itself (see windows-registry.ts for why neither `setx` nor `reg query`). */
export const windowsUserEnvironment: UserEnvironment = {
  get: async (name) => readUserEnvironmentValue(name),
  set: async (name, value) => writeUserEnvironmentValue(name, value),
  remove: async (name) => deleteUserEnvironmentValue(name),
  broadcast: async () => broadcastEnvironmentChange(),
};

interface Backup {
  /**
   * What each variable held before the first apply (null: unset), with its type. Kept across
   * re-applies. A plain string is a record written before types were kept: REG_SZ.
   */
  previous: Record<string, RegistryText | string | null>;
  applied: Record<string, string>;
}

export interface EnvironmentChange {
  name: string;
  from: string | null;
  to: string | null;
  /** Registry types, so that a REG_EXPAND_SZ such as `%USERPROFILE%\ca.pem` is seen to stay one. */
  fromType: RegistryTextType | null;
  toType: RegistryTextType | null;
}

export interface EnvironmentResult {
  changed: boolean;
  changes: EnvironmentChange[];
  /** Variables revert left alone because someone changed them after apply. */
  keptUserEdits: string[];
  backupFile: string;
  /** Whether running programs were told (WM_SETTINGCHANGE); null when nothing was written. */
  broadcast: boolean | null;
}

export class EnvironmentWriteError extends Error {}

async function readBackup(file: string): Promise<Backup | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Backup;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ProfileError(`the record of the previous apply (${file}) cannot be read: ${(error as Error).message}`);
  }
}

async function writeBackup(file: string, backup: Backup): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await atomicWrite(file, JSON.stringify(backup, null, 2), { mode: 0o600 });
}

const asText = (recorded: RegistryText | string | null | undefined): RegistryText | null =>
  recorded === undefined || recorded === null ? null : typeof recorded === 'string' ? { value: recorded, type: 'REG_SZ' } : recorded;

const same = (a: RegistryText | null, b: RegistryText | null) =>
  a === null ? b === null : b !== null && a.value === b.value && a.type === b.type;

const change = (name: string, from: RegistryText | null, to: RegistryText | null): EnvironmentChange => ({
  name,
  from: from?.value ?? null,
  to: to?.value ?? null,
  fromType: from?.type ?? null,
  toType: to?.type ?? null,
});

/** Writes (or removes) a value, then reads it back: what is reported is what the registry holds, not what was asked. */
async function writeAndConfirm(env: UserEnvironment, name: string, to: RegistryText | null): Promise<void> {
  await (to === null ? env.remove(name) : env.set(name, to));
  const now = await env.get(name);
  if (!same(now, to))
    throw new EnvironmentWriteError(
      `${name} was not ${to === null ? 'removed' : 'written'}: the user environment holds ${now === null ? '(unset)' : `"${now.value}" (${now.type})`}`,
    );
}

/**
 * Sets the variables, remembering what they held (text and type) so revert can put it back.
 * Our values are literal paths, written as REG_SZ so that nothing in them is ever expanded.
 * Applying twice changes nothing.
 */
export async function applyUserEnvironment(
  env: UserEnvironment,
  vars: Record<string, string>,
  backupFile: string,
  dryRun = false,
): Promise<EnvironmentResult> {
  const earlier = await readBackup(backupFile);
  const changes: EnvironmentChange[] = [];
  const previous: Backup['previous'] = { ...(earlier?.previous ?? {}) };
  for (const [name, value] of Object.entries(vars)) {
    const current = await env.get(name);
    if (!(name in previous)) previous[name] = current;
    const wanted: RegistryText = { value, type: 'REG_SZ' };
    if (!same(current, wanted)) changes.push(change(name, current, wanted));
  }
  let broadcast: boolean | null = null;
  if (changes.length > 0 && !dryRun) {
    // The record is written first: if setting a variable fails midway, revert still knows the originals.
    await writeBackup(backupFile, { previous, applied: { ...(earlier?.applied ?? {}), ...vars } });
    for (const c of changes) await writeAndConfirm(env, c.name, { value: c.to!, type: c.toType! });
    broadcast = await env.broadcast();
  }
  return { changed: changes.length > 0, changes, keptUserEdits: [], backupFile, broadcast };
}

/** Puts back each value's exact text and type; variables that were unset become unset again. */
export async function revertUserEnvironment(env: UserEnvironment, backupFile: string, dryRun = false): Promise<EnvironmentResult> {
  const backup = await readBackup(backupFile);
  if (!backup) return { changed: false, changes: [], keptUserEdits: [], backupFile, broadcast: null };
  const changes: EnvironmentChange[] = [];
  const keptUserEdits: string[] = [];
  for (const [name, applied] of Object.entries(backup.applied)) {
    const current = await env.get(name);
    const before = asText(backup.previous[name]);
    if (current?.value !== applied) keptUserEdits.push(name);
    else if (!same(current, before)) changes.push(change(name, current, before));
  }
  let broadcast: boolean | null = null;
  if (!dryRun) {
    for (const c of changes) await writeAndConfirm(env, c.name, c.to === null ? null : { value: c.to, type: c.toType! });
    if (changes.length > 0) broadcast = await env.broadcast();
    await rename(backupFile, `${backupFile}.reverted`);
  }
  return { changed: changes.length > 0, changes, keptUserEdits, backupFile, broadcast };
}
