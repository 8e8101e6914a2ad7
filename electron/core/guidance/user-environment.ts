import { z } from 'zod';
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

/**
 * The record `apply --shell cmd` kept before the ledger existed (user-environment-applied.json beside the
 * ledger): what each variable held before the first apply (null: unset), with its type (a plain string is a
 * record written before types were kept: REG_SZ), and the values applied. Read once, to move it into the
 * ledger (ledger/environment-record.ts); nothing writes it any more.
 */
export interface OldEnvironmentRecord {
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
export async function readOldEnvironmentRecord(file: string): Promise<OldEnvironmentRecord | null> {
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

/** A value of the old record as the registry text it stood for (a plain string: REG_SZ; absent: unset). */
export const oldRecordValue = (recorded: RegistryText | string | null | undefined): RegistryText | null =>
  recorded === undefined || recorded === null ? null : typeof recorded === 'string' ? { value: recorded, type: 'REG_SZ' } : recorded;
