import {
  EnvironmentWriteError,
  type EnvironmentChange,
  type EnvironmentResult,
  type UserEnvironment,
} from '../guidance/user-environment.js';
import { migrateEnvironmentRecord } from '../ledger/environment-record.js';
import { undoRecorded } from '../ledger/undo.js';
import { setUserEnvironment, type RegistryValueChange } from './user-environment-row.js';
import type { UserEnvironmentValue } from '../guidance/user-environment.js';

/**
 * `apply --shell cmd` and bare `revert --shell cmd`: cmd has no profile file, so its "block" is the Windows
 * user environment. Both go through the ledger (row `user-environment`, one entry per variable), so
 * `revert --all` undoes them with everything else; a record kept by an older CA Bridge is moved into the
 * ledger first (ledger/environment-record.ts).
 */

const asChange = (name: string, from: UserEnvironmentValue | null, to: UserEnvironmentValue | null): EnvironmentChange => ({
  name,
  from: from?.value ?? null,
  to: to?.value ?? null,
  fromType: from?.type ?? null,
  toType: to?.type ?? null,
});

/** Sets the variables (each recorded with its value and type from before). Applying twice changes nothing. */
export async function applyCmdEnvironment(
  registry: UserEnvironment,
  wanted: Record<string, string>,
  ledger: string,
  dryRun = false,
): Promise<EnvironmentResult> {
  // A dry run writes nothing, so it does not move the old record either (nor list what it holds).
  if (!dryRun) await migrateEnvironmentRecord(ledger);
  const { changes, broadcast } = await setUserEnvironment(ledger, wanted, registry, dryRun);
  return {
    changed: changes.length > 0,
    changes: changes.map((c: RegistryValueChange) => asChange(c.name, c.before, c.after)),
    keptUserEdits: [],
    backupFile: ledger,
    broadcast,
  };
}

/**
 * Puts back each value CA Bridge set in the user environment (text and type), newest first; a value the
 * user changed since is kept and named, and stays in the ledger for a later `revert --all`.
 */
export async function revertCmdEnvironment(
  registry: UserEnvironment,
  ledger: string,
  dryRun = false,
  env: NodeJS.ProcessEnv = {},
): Promise<EnvironmentResult> {
  // A dry run writes nothing, so it does not move the old record either (nor list what it holds).
  if (!dryRun) await migrateEnvironmentRecord(ledger);
  let broadcast: boolean | null = null;
  // undoRecorded tells running programs itself once something was put back; this notes whether it was delivered.
  const noting: UserEnvironment = { ...registry, broadcast: async () => (broadcast = await registry.broadcast()) };
  const outcomes = await undoRecorded(ledger, (e) => e.change.kind === 'registry', dryRun, env, noting);
  const changes: EnvironmentChange[] = [];
  const keptUserEdits: string[] = [];
  for (const o of outcomes) {
    if (o.entry.change.kind !== 'registry') continue;
    const { name, before, after } = o.entry.change;
    if (o.kind === 'failed') throw new EnvironmentWriteError(o.error);
    if (o.kind === 'restored' || o.kind === 'would-undo') changes.push(asChange(name, after, before));
    if (o.kind === 'changed-since') keptUserEdits.push(name);
  }
  return { changed: changes.length > 0, changes, keptUserEdits, backupFile: ledger, broadcast };
}
