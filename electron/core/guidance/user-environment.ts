import { execFile } from 'node:child_process';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from '../fs/atomic-write.js';
import { ProfileError } from './profile-file.js';

/** The per-user environment (HKCU\Environment on Windows), behind an interface so it can be faked in tests. */
export interface UserEnvironment {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  remove(name: string): Promise<void>;
}

const run = (command: string, args: string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile(command, args, { windowsHide: true }, (error, stdout, stderr) =>
      error ? reject(new Error(stderr.trim() || error.message)) : resolve(stdout),
    ),
  );

/** `setx` rather than `reg add`: it also tells running programs (Explorer) that the environment changed. */
export const windowsUserEnvironment: UserEnvironment = {
  get: async (name) => {
    try {
      const out = await run('reg', ['query', 'HKCU\\Environment', '/v', name]);
      return /REG_(?:EXPAND_)?SZ\s+(.*)$/m.exec(out)?.[1]?.trimEnd() ?? null;
    } catch {
      return null;
    }
  },
  set: async (name, value) => void (await run('setx', [name, value])),
  remove: async (name) => void (await run('reg', ['delete', 'HKCU\\Environment', '/v', name, '/f'])),
};

interface Backup {
  /** What each variable held before the first apply (null: unset). Kept across re-applies. */
  previous: Record<string, string | null>;
  applied: Record<string, string>;
}

export interface EnvironmentChange {
  name: string;
  from: string | null;
  to: string | null;
}

export interface EnvironmentResult {
  changed: boolean;
  changes: EnvironmentChange[];
  /** Variables revert left alone because someone changed them after apply. */
  keptUserEdits: string[];
  backupFile: string;
}

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

/** Sets the variables, remembering what they held so revert can put it back. Applying twice changes nothing. */
export async function applyUserEnvironment(
  env: UserEnvironment,
  vars: Record<string, string>,
  backupFile: string,
  dryRun = false,
): Promise<EnvironmentResult> {
  const earlier = await readBackup(backupFile);
  const changes: EnvironmentChange[] = [];
  const previous: Record<string, string | null> = { ...(earlier?.previous ?? {}) };
  for (const [name, value] of Object.entries(vars)) {
    const current = await env.get(name);
    if (!(name in previous)) previous[name] = current;
    if (current !== value) changes.push({ name, from: current, to: value });
  }
  if (changes.length > 0 && !dryRun) {
    // The record is written first: if setting a variable fails midway, revert still knows the originals.
    await writeBackup(backupFile, { previous, applied: { ...(earlier?.applied ?? {}), ...vars } });
    for (const change of changes) await env.set(change.name, change.to!);
  }
  return { changed: changes.length > 0, changes, keptUserEdits: [], backupFile };
}

export async function revertUserEnvironment(env: UserEnvironment, backupFile: string, dryRun = false): Promise<EnvironmentResult> {
  const backup = await readBackup(backupFile);
  if (!backup) return { changed: false, changes: [], keptUserEdits: [], backupFile };
  const changes: EnvironmentChange[] = [];
  const keptUserEdits: string[] = [];
  for (const [name, applied] of Object.entries(backup.applied)) {
    const current = await env.get(name);
    if (current !== applied) keptUserEdits.push(name);
    else if (current !== backup.previous[name]) changes.push({ name, from: current, to: backup.previous[name] ?? null });
  }
  if (!dryRun) {
    for (const change of changes) await (change.to === null ? env.remove(change.name) : env.set(change.name, change.to));
    await rename(backupFile, `${backupFile}.reverted`);
  }
  return { changed: changes.length > 0, changes, keptUserEdits, backupFile };
}
