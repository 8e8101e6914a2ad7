import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readDetectionMemory } from '../../electron/core/diagnose/detection-memory.js';
import { VERDICTS } from '../../shared/detection.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-memory-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const report = async (name: string, verdict: string) => {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify({ verdict, vendor: null, inspectionCa: null, startedAt: '2026-01-02T03:04:05Z', extra: 1 }));
  return file;
};

describe('readDetectionMemory (explain --detection FILE)', () => {
  // The parser takes the verdict list from the contract: a verdict the engine can write is one it can read.
  for (const verdict of VERDICTS) {
    it(`reads a saved detect report whose verdict is ${verdict}`, async () => {
      const read = await readDetectionMemory(await report(`${verdict}.json`, verdict));
      assert.ok(read.ok, read.ok ? '' : read.error.message);
      assert.equal(read.value.verdict, verdict);
      assert.equal(read.value.at, '2026-01-02T03:04:05Z');
    });
  }

  it('refuses a verdict the engine never writes, naming the file', async () => {
    const file = await report('odd.json', 'maybe');
    const read = await readDetectionMemory(file);
    assert.equal(read.ok, false);
    assert.equal(read.ok ? null : read.error.code, 'bad-input');
    assert.match(read.ok ? '' : read.error.message, /odd\.json.*verdict/);
  });
});
