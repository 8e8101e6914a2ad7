import { ENV_VARS } from '../../../shared/guidance/env-vars.js';
import { envVarValues, type ExportPaths } from '../../../shared/guidance/render.js';
import { EnvironmentWriteError, type UserEnvironment, type UserEnvironmentValue } from '../guidance/user-environment.js';
import { recordPending, settle, type RegistryChange } from '../ledger/ledger-file.js';

/**
 * The Windows user environment (HKCU\Environment) as a ledger row: the same variables as the profile
 * block, each one a ledger entry holding the value and its registry type from before, so `revert --all`
 * puts back a REG_EXPAND_SZ `%USERPROFILE%\…` as REG_EXPAND_SZ and a Japanese REG_SZ character for
 * character. Programs started after the change see it (WM_SETTINGCHANGE is broadcast); none needs
 * administrator rights: HKCU is the user's own.
 */

export const USER_ENVIRONMENT_KEY = 'HKCU\\Environment' as const;
/** The ledger row of every HKCU\\Environment change. */
export const USER_ENVIRONMENT_ROW = 'user-environment';

export const sameValue = (a: UserEnvironmentValue | null, b: UserEnvironmentValue | null) =>
  a === null ? b === null : b !== null && a.value === b.value && a.type === b.type;

export interface RegistryValueChange {
  name: string;
  before: UserEnvironmentValue | null;
  after: UserEnvironmentValue;
}

/** Writes one value (or removes it) and reads it back: what is recorded is what the registry holds. */
export async function writeConfirmed(registry: UserEnvironment, name: string, to: UserEnvironmentValue | null): Promise<void> {
  await (to === null ? registry.remove(name) : registry.set(name, to));
  const now = await registry.get(name);
  if (!sameValue(now, to))
    throw new EnvironmentWriteError(
      `${name} was not ${to === null ? 'removed' : 'written'}: ${USER_ENVIRONMENT_KEY} holds ${now === null ? '(unset)' : `"${now.value}" (${now.type})`}`,
    );
}

export const described = (v: UserEnvironmentValue | null) => (v === null ? 'unset' : `"${v.value}" (${v.type})`);

/** The values the row wants: the profile block's variables; a list variable (GODEBUG) adds to what the registry holds. */
export async function wantedUserEnvironment(paths: ExportPaths, registry: UserEnvironment): Promise<Record<string, string>> {
  const current: Record<string, string | undefined> = {};
  for (const { name } of ENV_VARS) current[name] = (await registry.get(name))?.value;
  return envVarValues(paths, current);
}

/**
 * Sets each variable that differs, through the ledger (pending, write, read back, done). Every value is
 * read first, so a variable that is not text (REG_DWORD) refuses the row before anything is written.
 * Our values are literal paths, written as REG_SZ so that nothing in them is ever expanded. Both
 * `apply --tool user-environment` and `apply --shell cmd` come here (one row, `user-environment`).
 */
export async function setUserEnvironment(
  ledger: string,
  wanted: Record<string, string>,
  registry: UserEnvironment,
  dryRun: boolean,
): Promise<{ changes: RegistryValueChange[]; broadcast: boolean | null; entries: string[] }> {
  const current: Record<string, UserEnvironmentValue | null> = {};
  for (const name of Object.keys(wanted)) current[name] = await registry.get(name);
  const changes: RegistryValueChange[] = [];
  const entries: string[] = [];
  for (const [name, value] of Object.entries(wanted)) {
    const after: UserEnvironmentValue = { value, type: 'REG_SZ' };
    const before = current[name] ?? null;
    if (sameValue(before, after)) continue;
    changes.push({ name, before, after });
    if (dryRun) continue;
    const change: RegistryChange = { kind: 'registry', key: USER_ENVIRONMENT_KEY, name, before, after };
    const id = await recordPending(ledger, {
      tool: USER_ENVIRONMENT_ROW,
      what: `${name} = ${value} in ${USER_ENVIRONMENT_KEY} (before: ${described(before)})`,
      change,
    });
    // A failed write leaves the entry pending: undo compares the value with both sides and tells what happened.
    await writeConfirmed(registry, name, after);
    await settle(ledger, id, 'done');
    entries.push(id);
  }
  return { changes, entries, broadcast: changes.length > 0 && !dryRun ? await registry.broadcast() : null };
}

/** `apply --tool user-environment`. */
export const applyUserEnvironmentRow = async (ledger: string, paths: ExportPaths, registry: UserEnvironment, dryRun: boolean) =>
  setUserEnvironment(ledger, await wantedUserEnvironment(paths, registry), registry, dryRun);
