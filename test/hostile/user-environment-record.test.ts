/**
 * The Windows user-environment record (what apply changed, so revert can put it back) is read like any
 * other file: bounded, and checked field by field. Revert writes its values into the registry, so a
 * damaged record is refused with a sentence naming the file; nothing is guessed and nothing is written.
 * Before, it was read whole with readFile and cast: `{"previous":{}}` crashed revert with a raw
 * TypeError, a number in `previous` was written back as garbage, and a 2 MB record was read whole.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  applyUserEnvironment,
  revertUserEnvironment,
  type UserEnvironment,
  type UserEnvironmentValue,
} from '../../electron/core/guidance/user-environment.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ca-bridge-userenv-record-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function record(content: string): string {
  const file = path.join(dir, `applied-${++n}.json`);
  writeFileSync(file, content);
  return file;
}

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

async function refusedByBoth(file: string, reason: RegExp) {
  const { env, writes } = fakeRegistry(CURRENT);
  const quoted = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const message = new RegExp(`the record of the previous apply \\(${quoted}\\) cannot be read: ${reason.source}`);
  await assert.rejects(revertUserEnvironment(env, file), message, 'revert');
  await assert.rejects(applyUserEnvironment(env, { SSL_CERT_FILE: 'C:\\ca\\b.pem' }, file), message, 'apply');
  assert.deepEqual(writes, [], 'nothing written to the registry');
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

  it('a well-formed record (also the older plain-string form) is still used by revert', async () => {
    const file = record(
      JSON.stringify({ previous: { NODE_EXTRA_CA_CERTS: 'C:\\old.pem' }, applied: { NODE_EXTRA_CA_CERTS: 'C:\\ca\\corporate-ca.pem' } }),
    );
    const { env, writes } = fakeRegistry(CURRENT);
    const reverted = await revertUserEnvironment(env, file);
    assert.deepEqual(writes, ['NODE_EXTRA_CA_CERTS']);
    assert.deepEqual(
      reverted.changes.map((c) => [c.name, c.to, c.toType]),
      [['NODE_EXTRA_CA_CERTS', 'C:\\old.pem', 'REG_SZ']],
    );
  });
});
