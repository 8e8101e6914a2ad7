/** The apply/revert logic for the Windows user environment (through the ledger), on a faked registry (runs on every platform). */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { EnvironmentWriteError, type UserEnvironment, type UserEnvironmentValue } from '../../electron/core/guidance/user-environment.js';
import { applyCmdEnvironment, revertCmdEnvironment } from '../../electron/core/tool-config/cmd-environment.js';
import { migrateEnvironmentRecord } from '../../electron/core/ledger/environment-record.js';
import { undoRecorded } from '../../electron/core/ledger/undo.js';
import { setUserEnvironment } from '../../electron/core/tool-config/user-environment-row.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ca-bridge-userenv-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const backupFile = () => path.join(dir, `state-${++n}`, 'ledger.json');

function fakeRegistry(initial: Record<string, UserEnvironmentValue>, options: { ignoreWrites?: boolean } = {}) {
  const values = new Map(Object.entries(initial));
  let broadcasts = 0;
  const env: UserEnvironment = {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void (options.ignoreWrites || values.set(name, { ...value })),
    remove: async (name) => void (options.ignoreWrites || values.delete(name)),
    broadcast: async () => (broadcasts++, true),
  };
  return { env, values, broadcasts: () => broadcasts };
}

describe('Windows user environment logic', () => {
  it('keeps each previous value with its type; revert restores REG_EXPAND_SZ as REG_EXPAND_SZ', async () => {
    const expand: UserEnvironmentValue = { value: '%USERPROFILE%\\certs\\corp.pem', type: 'REG_EXPAND_SZ' };
    const { env, values, broadcasts } = fakeRegistry({ NODE_EXTRA_CA_CERTS: expand });
    const file = backupFile();
    const applied = await applyCmdEnvironment(
      env,
      { NODE_EXTRA_CA_CERTS: 'C:\\ca\\corporate-ca.pem', SSL_CERT_FILE: 'C:\\ca\\b.pem' },
      file,
    );
    assert.deepEqual(applied.changes[0], {
      name: 'NODE_EXTRA_CA_CERTS',
      from: expand.value,
      fromType: 'REG_EXPAND_SZ',
      to: 'C:\\ca\\corporate-ca.pem',
      toType: 'REG_SZ',
    });
    assert.deepEqual(values.get('NODE_EXTRA_CA_CERTS'), { value: 'C:\\ca\\corporate-ca.pem', type: 'REG_SZ' });
    assert.equal(broadcasts(), 1);
    const reverted = await revertCmdEnvironment(env, file);
    assert.equal(reverted.broadcast, true);
    assert.deepEqual(Object.fromEntries(values), { NODE_EXTRA_CA_CERTS: expand });
  });

  it('reports the truth: a write the registry did not keep is an error, not "set"', async () => {
    const { env } = fakeRegistry({}, { ignoreWrites: true }); // what Wine's setx does
    await assert.rejects(applyCmdEnvironment(env, { SSL_CERT_FILE: 'C:\\ca\\b.pem' }, backupFile()), (error: Error) => {
      assert.ok(error instanceof EnvironmentWriteError);
      assert.match(error.message, /SSL_CERT_FILE was not written: HKCU\\Environment holds \(unset\)/);
      return true;
    });
  });

  it('moves an old record (plain strings: REG_SZ) into the ledger once; revert --all undoes it', async () => {
    const { env, values } = fakeRegistry({ A: { value: 'C:\\a.pem', type: 'REG_SZ' } });
    const ledger = backupFile();
    mkdirSync(path.dirname(ledger));
    writeFileSync(
      path.join(path.dirname(ledger), 'user-environment-applied.json'),
      JSON.stringify({ previous: { A: 'C:\\old.pem' }, applied: { A: 'C:\\a.pem' } }),
    );
    // revert --all: the same migration, then every ledger entry undone.
    const outcomes = await (async () => {
      await migrateEnvironmentRecord(ledger);
      assert.equal(await migrateEnvironmentRecord(ledger), 0, 'read once');
      return undoRecorded(ledger, () => true, false, {}, env);
    })();
    assert.deepEqual(
      outcomes.map((o) => [o.kind, o.entry.tool]),
      [['restored', 'user-environment']],
    );
    assert.deepEqual(values.get('A'), { value: 'C:\\old.pem', type: 'REG_SZ' });
  });

  it('an old record goes where its change belongs in the chain of ledger entries for the same variable', async () => {
    const expand: UserEnvironmentValue = { value: '%USERPROFILE%\\corp.pem', type: 'REG_EXPAND_SZ' };
    const sz = (value: string): UserEnvironmentValue => ({ value, type: 'REG_SZ' });
    const oldRecord = (ledger: string, previous: UserEnvironmentValue, applied: string) =>
      writeFileSync(
        path.join(path.dirname(ledger), 'user-environment-applied.json'),
        JSON.stringify({ previous: { A: previous }, applied: { A: applied } }),
      );
    for (const order of ['record first', 'ledger first'] as const) {
      const { env, values } = fakeRegistry({ A: expand });
      const ledger = backupFile();
      mkdirSync(path.dirname(ledger));
      if (order === 'record first') {
        // An older build's apply --shell cmd (record only), then this build's row (no migration on that path).
        values.set('A', sz('C:\\first.pem'));
        oldRecord(ledger, expand, 'C:\\first.pem');
        await setUserEnvironment(ledger, { A: 'C:\\second.pem' }, env, false);
      } else {
        await setUserEnvironment(ledger, { A: 'C:\\first.pem' }, env, false);
        values.set('A', sz('C:\\second.pem'));
        oldRecord(ledger, sz('C:\\first.pem'), 'C:\\second.pem');
      }
      const reverted = await revertCmdEnvironment(env, ledger);
      assert.deepEqual(reverted.keptUserEdits, [], order);
      assert.deepEqual(
        reverted.changes.map((c) => [c.to, c.toType]),
        [
          ['C:\\first.pem', 'REG_SZ'],
          [expand.value, 'REG_EXPAND_SZ'],
        ],
        order,
      );
      assert.deepEqual(values.get('A'), expand, order);
    }
  });
});
