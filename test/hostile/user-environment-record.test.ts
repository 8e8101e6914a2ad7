/**
 * The Windows user-environment record an older CA Bridge kept for `apply --shell cmd` (what apply changed,
 * so revert can put it back) is now moved into the ledger once, by apply and revert alike. It is read like
 * any other file: bounded, and checked field by field. Undo writes its values into the registry, so a
 * damaged record is refused with a sentence naming the file; nothing is guessed and nothing is written.
 * Before, it was read whole with readFile and cast: `{"previous":{}}` crashed revert with a raw
 * TypeError, a number in `previous` was written back as garbage, and a 2 MB record was read whole.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { UserEnvironment, UserEnvironmentValue } from '../../electron/core/guidance/user-environment.js';
import { applyCmdEnvironment, revertCmdEnvironment } from '../../electron/core/tool-config/cmd-environment.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ca-bridge-userenv-record-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A state folder holding the old record; returns the ledger beside it. */
function record(content: string): string {
  const state = path.join(dir, `state-${++n}`);
  mkdirSync(state);
  writeFileSync(path.join(state, 'user-environment-applied.json'), content);
  return path.join(state, 'ledger.json');
}
const recordOf = (ledger: string) => path.join(path.dirname(ledger), 'user-environment-applied.json');

/** A registry that records every write, so a test can assert that nothing was written. */
function fakeRegistry(initial: Record<string, UserEnvironmentValue>) {
  const values = new Map(Object.entries(initial));
  const writes: string[] = [];
  const env: UserEnvironment = {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void (writes.push(name), values.set(name, value)),
    remove: async (name) => void (writes.push(name), values.delete(name)),
    broadcast: async () => true,
  };
  return { env, writes };
}

const CURRENT = { NODE_EXTRA_CA_CERTS: { value: 'C:\\ca\\corporate-ca.pem', type: 'REG_SZ' as const } };

async function refusedByBoth(ledger: string, reason: RegExp) {
  const { env, writes } = fakeRegistry(CURRENT);
  const quoted = recordOf(ledger).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const message = new RegExp(`the record of the previous apply \\(${quoted}\\) cannot be read: ${reason.source}`);
  await assert.rejects(revertCmdEnvironment(env, ledger), message, 'revert');
  await assert.rejects(applyCmdEnvironment(env, { SSL_CERT_FILE: 'C:\\ca\\b.pem' }, ledger), message, 'apply');
  assert.deepEqual(writes, [], 'nothing written to the registry');
  assert.ok(!existsSync(ledger), 'nothing recorded');
}

describe('the user-environment record', () => {
  it('a record that is not JSON is refused', async () => {
    await refusedByBoth(record('{"previous": {"NODE_EXTRA_CA'), /it is not JSON/);
  });

  it('a record of the wrong shape is refused, naming the field', async () => {
    await refusedByBoth(record('{"previous": {}}'), /applied: /);
    await refusedByBoth(
      record('{"previous": {"NODE_EXTRA_CA_CERTS": 5}, "applied": {"NODE_EXTRA_CA_CERTS": "C:\\\\ca\\\\corporate-ca.pem"}}'),
      /previous\.NODE_EXTRA_CA_CERTS: /,
    );
    await refusedByBoth(record('{"previous": {"X": {"value": "v", "type": "REG_BINARY"}}, "applied": {"X": "v"}}'), /previous\.X: /);
  });

  it('a record over its size cap is refused, not read whole', async () => {
    const padded = `{"previous": {}, "applied": {}${' '.repeat(2 * 1024 * 1024)}}`;
    await refusedByBoth(record(padded), /larger than \d+ bytes/);
  });

  it('a well-formed record (also the older plain-string form) is moved into the ledger once and undone by revert', async () => {
    const text = JSON.stringify({
      previous: { NODE_EXTRA_CA_CERTS: 'C:\\old.pem' },
      applied: { NODE_EXTRA_CA_CERTS: 'C:\\ca\\corporate-ca.pem' },
    });
    const ledger = record(text);
    const { env, writes } = fakeRegistry(CURRENT);
    const reverted = await revertCmdEnvironment(env, ledger);
    assert.deepEqual(writes, ['NODE_EXTRA_CA_CERTS']);
    assert.deepEqual(
      reverted.changes.map((c) => [c.name, c.to, c.toType]),
      [['NODE_EXTRA_CA_CERTS', 'C:\\old.pem', 'REG_SZ']],
    );
    assert.ok(!existsSync(recordOf(ledger)), 'read once: the record is renamed');
    assert.equal(readFileSync(`${recordOf(ledger)}.migrated`, 'utf8'), text, 'kept, byte for byte, as …migrated');
    assert.equal((await revertCmdEnvironment(env, ledger)).changed, false, 'nothing is moved or undone twice');
  });
});
