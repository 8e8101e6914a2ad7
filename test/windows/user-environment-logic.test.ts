/** The apply/revert logic for the Windows user environment, on a faked registry (runs on every platform). */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  applyUserEnvironment,
  EnvironmentWriteError,
  revertUserEnvironment,
  type UserEnvironment,
  type UserEnvironmentValue,
} from '../../electron/core/guidance/user-environment.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ca-bridge-userenv-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const backupFile = () => path.join(dir, `applied-${++n}.json`);

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
    const applied = await applyUserEnvironment(
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
    const reverted = await revertUserEnvironment(env, file);
    assert.equal(reverted.broadcast, true);
    assert.deepEqual(Object.fromEntries(values), { NODE_EXTRA_CA_CERTS: expand });
  });

  it('reports the truth: a write the registry did not keep is an error, not "set"', async () => {
    const { env } = fakeRegistry({}, { ignoreWrites: true }); // what Wine's setx does
    await assert.rejects(applyUserEnvironment(env, { SSL_CERT_FILE: 'C:\\ca\\b.pem' }, backupFile()), (error: Error) => {
      assert.ok(error instanceof EnvironmentWriteError);
      assert.match(error.message, /SSL_CERT_FILE was not written: the user environment holds \(unset\)/);
      return true;
    });
  });

  it('reads a record written before types were kept (plain strings) as REG_SZ', async () => {
    const { env, values } = fakeRegistry({});
    const file = backupFile();
    await applyUserEnvironment(env, { A: 'C:\\a.pem' }, file);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, JSON.stringify({ previous: { A: 'C:\\old.pem' }, applied: { A: 'C:\\a.pem' } }));
    await revertUserEnvironment(env, file);
    assert.deepEqual(values.get('A'), { value: 'C:\\old.pem', type: 'REG_SZ' });
  });
});
