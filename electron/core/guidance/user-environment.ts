import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { atomicWrite } from '../fs/atomic-write.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
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

/** Windows limits one variable to 32,767 characters; a name that long or longer is not ours. */
const MAX_VALUE_CHARS = 32_767;
const registryText = z.object({ value: z.string().max(MAX_VALUE_CHARS), type: z.enum(['REG_SZ', 'REG_EXPAND_SZ']) });
/** The record apply writes; a plain string for `previous` is the form from before types were kept. */
const BACKUP_SHAPE = z.object({
  previous: z.record(z.string().max(MAX_VALUE_CHARS), z.union([registryText, z.string().max(MAX_VALUE_CHARS), z.null()])),
  applied: z.record(z.string().max(MAX_VALUE_CHARS), z.string().max(MAX_VALUE_CHARS)),
});

/** A handful of variables: a record larger than this is not one apply wrote. */
const BACKUP_MAX_BYTES = 1024 * 1024;

/**
 * The record of what apply changed, read like any other file (bounded, regular files only) and checked
 * field by field: revert writes these values into the registry, so a corrupt record is refused with a
 * sentence naming the file, never guessed at (a `previous` read wrongly would put a wrong value back).
 */
async function readBackup(file: string): Promise<Backup | null> {
  const cannot = (why: string) => new ProfileError(`the record of the previous apply (${file}) cannot be read: ${why}`);
  let data: Buffer;
  try {
    data = await readUserFile(file, { maxBytes: BACKUP_MAX_BYTES });
  } catch (error) {
    if (error instanceof UserFileError && error.problem === 'not-found') return null;
    throw cannot(error instanceof UserFileError ? error.message.slice(file.length + 2) : (error as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    throw cannot('it is not JSON (damaged, or not written by CA Bridge); what it recorded is not guessed');
  }
  const parsed = BACKUP_SHAPE.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw cannot(`${issue.path.join('.') || 'the record'}: ${issue.message}`);
  }
  return parsed.data;
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
