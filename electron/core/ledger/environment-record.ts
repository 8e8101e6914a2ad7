import { rename } from 'node:fs/promises';
import path from 'node:path';
import { oldRecordValue, readOldEnvironmentRecord } from '../guidance/user-environment.js';
import { described, sameValue, USER_ENVIRONMENT_KEY, USER_ENVIRONMENT_ROW } from '../tool-config/user-environment-row.js';
import { newEntryId, updateLedger, type LedgerEntry, type RegistryChange } from './ledger-file.js';

/**
 * Before the ledger, `apply --shell cmd` kept its own record of the Windows user environment beside where
 * the ledger now lives. It is moved into the ledger once, so that `revert --all` (and `revert --shell cmd`)
 * undo it with everything else: one `done` entry per variable, holding the value and type from before the
 * first apply and the value applied. The record is then renamed `….migrated` (kept: it is the user's history,
 * and a second run finds nothing to move). A damaged record is refused with a sentence naming the file,
 * before anything is changed (its values would be written into the registry on undo).
 */
export const OLD_ENVIRONMENT_RECORD = 'user-environment-applied.json';

const registryEntry = (e: LedgerEntry): RegistryChange | null => (e.change.kind === 'registry' ? e.change : null);

export async function migrateEnvironmentRecord(ledger: string): Promise<number> {
  const file = path.join(path.dirname(ledger), OLD_ENVIRONMENT_RECORD);
  const record = await readOldEnvironmentRecord(file);
  if (!record) return 0;
  const added = await updateLedger(ledger, (current) => {
    let count = 0;
    for (const [name, value] of Object.entries(record.applied)) {
      const before = oldRecordValue(record.previous[name]);
      const change: RegistryChange = { kind: 'registry', key: USER_ENVIRONMENT_KEY, name, before, after: { value, type: 'REG_SZ' } };
      // A run stopped between this write and the rename below: the same entry is not added twice.
      const already = current.entries.some((e) => {
        const r = registryEntry(e);
        return r !== null && r.name === name && sameValue(r.before, change.before) && sameValue(r.after, change.after);
      });
      if (already) continue;
      const entry: LedgerEntry = {
        id: newEntryId(),
        at: new Date().toISOString(),
        tool: USER_ENVIRONMENT_ROW,
        what: `${name} = ${value} in ${USER_ENVIRONMENT_KEY} (apply --shell cmd, before: ${described(before)})`,
        state: 'done',
        change,
      };
      // Undo walks newest first, each entry expecting its own `after`. The record's change came after a ledger
      // entry whose `after` is the record's `before` (the chain continues: it goes last), else before all of them.
      const continues = current.entries.some((e) => {
        const r = registryEntry(e);
        return r !== null && r.name === name && e.state !== 'reverted' && sameValue(r.after, before);
      });
      if (continues) current.entries.push(entry);
      else current.entries.unshift(entry);
      count++;
    }
    return count;
  });
  await rename(file, `${file}.migrated`).catch((error: NodeJS.ErrnoException) => {
    // Another run moved it at the same moment (its entries were not added twice: see above).
    if (error.code !== 'ENOENT') throw error;
  });
  return added;
}
