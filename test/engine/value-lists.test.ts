import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES, isUsageError } from '../../shared/api/error-codes.js';
import { ENGINE_OPERATIONS, DESKTOP_OPERATIONS, OPERATION_NAMES } from '../../shared/api/operations.js';
import { KNOWN_ERRORS } from '../../shared/error-catalog.js';
import { TOOL_GUIDES } from '../../shared/guidance/tools.js';
import { cli } from '../helpers/cli.js';

describe('value lists are stated once and agree', () => {
  it('every guideTool of the error catalogue is a tool of the guidance catalogue', () => {
    const ids = new Set(TOOL_GUIDES.map((t) => t.id));
    const named = KNOWN_ERRORS.filter((e) => e.guideTool !== null);
    assert.ok(named.length > 5, 'the catalogue names tools for its errors');
    for (const entry of named) assert.ok(ids.has(entry.guideTool!), `${entry.id}: guideTool "${entry.guideTool}" is not a tool id`);
  });
  it('explain points at the snippets of the tool the catalogue names', async () => {
    const run = await cli(['explain', 'npm ERR! code SELF_SIGNED_CERT_IN_CHAIN'], { HOME: '/nonexistent' });
    assert.equal(run.code, 0);
    // npm's own errors name the npm row since the advice work (npm needs the bundle in cafile, not the CA alone).
    assert.equal(KNOWN_ERRORS.find((e) => e.id === 'npm-cert')?.guideTool, 'npm');
    assert.match(run.stdout, /Settings: ca-bridge snippets --dir DIR --tool npm\n/);
  });
  it('operations: engine and desktop lists are disjoint and together the contract', () => {
    assert.equal(new Set(OPERATION_NAMES).size, OPERATION_NAMES.length);
    assert.deepEqual([...OPERATION_NAMES].sort(), [...ENGINE_OPERATIONS, ...DESKTOP_OPERATIONS].sort());
  });
  it('error codes: distinct values; the ones a user corrects are usage errors', () => {
    assert.equal(new Set(ERROR_CODES).size, ERROR_CODES.length);
    for (const code of ['bad-input', 'bad-target', 'missing-export', 'conflict'] as const) assert.equal(isUsageError(code), true, code);
    for (const code of ['no-ca', 'untrusted', 'write-failed', 'internal'] as const) assert.equal(isUsageError(code), false, code);
  });
});
