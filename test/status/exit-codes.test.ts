import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATUS_EXIT, STATUS_PRECEDENCE, STATUS_PROBLEM_CODES, statusExitCode } from '../../shared/status.js';

// The numbers are a published contract (docs/status.md, docs/fleet.md): a change here breaks fleet scripts.
test('status exit codes keep their published numbers', () => {
  assert.deepEqual(STATUS_EXIT, {
    healthy: 0,
    'ca-changed': 10,
    'ca-expiring': 11,
    'verification-off': 12,
    'config-broken': 13,
    'not-configured': 14,
    failure: 1,
    usage: 2,
  });
  assert.deepEqual([...STATUS_PRECEDENCE].sort(), Object.keys(STATUS_PROBLEM_CODES).sort());
});

test('several problems: the first in the order 10, 13, 12, 11, 14 decides', () => {
  assert.equal(statusExitCode([]), 0);
  assert.equal(statusExitCode(['not-configured', 'ca-expiring']), 11);
  assert.equal(statusExitCode(['ca-expiring', 'verification-off']), 12);
  assert.equal(statusExitCode(['verification-off', 'config-broken', 'not-configured']), 13);
  assert.equal(statusExitCode(['not-configured', 'config-broken', 'ca-changed']), 10);
  assert.equal(statusExitCode(['not-configured']), 14);
});

test('no site answered (and not --offline): 1, "could not check", never 0; a problem in the files still gives its own code', () => {
  assert.equal(statusExitCode([], true), STATUS_EXIT.failure);
  assert.equal(statusExitCode(['config-broken'], true), 13);
  assert.equal(statusExitCode([], false), 0);
});
