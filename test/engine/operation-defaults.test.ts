import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PROBE_LIMITS } from '../../shared/api/limits.js';
import type { OperationContext } from '../../electron/core/operations/context.js';
import { operationDeadlineMs } from '../../electron/core/operations/deadline.js';
import { createDetectionStore } from '../../electron/core/operations/detection-store.js';
import { runOperation } from '../../electron/core/operations/index.js';
import { silentLogger } from '../../electron/core/operations/log.js';

let home: string;
before(async () => {
  home = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-defaults-'));
});
after(() => rm(home, { recursive: true, force: true }));

const context = (env: NodeJS.ProcessEnv, platform: NodeJS.Platform = 'linux'): OperationContext => ({
  env: { HOME: home, ...env },
  platform,
  locale: 'en-US',
  emit: () => {},
  log: silentLogger,
  detections: createDetectionStore(),
  nativeDialogs: false,
});

// The engine, not each front door, decides what an absent field means: the CLI sends no shell or language
// when the user gives no flag, and must get what the page is told by getEnvironment.
describe('defaults are decided by the engine', () => {
  for (const [shell, profile] of [
    ['/usr/bin/fish', path.join('.config', 'fish', 'conf.d', 'ca-bridge.fish')],
    ['/bin/zsh', '.zshenv'],
    ['/bin/bash', '.profile'],
  ] as const) {
    it(`revert without a shell uses the user's (SHELL=${shell}) profile`, async () => {
      const result = await runOperation('revert', { dryRun: true }, context({ SHELL: shell }));
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value.where, path.join(home, profile));
      assert.equal(result.value.changed, false);
      const environment = await runOperation('getEnvironment', {}, context({ SHELL: shell }));
      assert.ok(environment.ok);
      assert.equal(environment.value.defaultShell, path.basename(shell));
    });
  }

  it('on Windows without SHELL the shell is PowerShell', async () => {
    const result = await runOperation('revert', { dryRun: true }, context({}, 'win32'));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.where, path.join(home, 'Documents', 'PowerShell', 'Microsoft.PowerShell_profile.ps1'));
  });

  it('an explicit shell wins over SHELL', async () => {
    const result = await runOperation('revert', { shell: 'zsh', dryRun: true }, context({ SHELL: '/usr/bin/fish' }));
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.value.where, path.join(home, '.zshenv'));
  });

  it('explain without a language answers in English; with ja in Japanese', async () => {
    const text = 'npm ERR! code SELF_SIGNED_CERT_IN_CHAIN';
    const english = await runOperation('explain', { text }, context({}));
    const japanese = await runOperation('explain', { text, lang: 'ja' }, context({}));
    assert.ok(english.ok && japanese.ok);
    assert.match(english.value.matches[0]!.title, /^[\x20-\x7e]+$/);
    assert.doesNotMatch(japanese.value.matches[0]!.title, /^[\x20-\x7e]+$/);
  });

  it('a dry run writes nothing into HOME', async () => {
    await runOperation('revert', { dryRun: true }, context({ SHELL: '/usr/bin/fish' }));
    assert.deepEqual(await readdir(home), []);
  });
});

describe('how long a front door waits for an operation (operationDeadlineMs)', () => {
  it('probing operations scale with their per-site limit; verify allows for its tool waves', () => {
    assert.equal(operationDeadlineMs('detect', { timeoutMs: 1000 }), 4 * 1000 + 30_000);
    assert.equal(operationDeadlineMs('check', { timeoutMs: 1000 }), 4 * 1000 + 30_000);
    assert.equal(operationDeadlineMs('verify', { timeoutMs: 1000 }), 6 * 1000 + 30_000);
  });
  it('without a usable per-site limit, the default one; never above the largest one', () => {
    const byDefault = 4 * PROBE_LIMITS.timeoutMs.default + 30_000;
    for (const input of [{}, null, 'text', { timeoutMs: '5000' }, { timeoutMs: -1 }, { timeoutMs: 0 }])
      assert.equal(operationDeadlineMs('detect', input), byDefault, JSON.stringify(input));
    assert.equal(operationDeadlineMs('detect', { timeoutMs: 1e12 }), 4 * PROBE_LIMITS.timeoutMs.max + 30_000);
  });
  it('other operations get a minute whatever their input', () => {
    assert.equal(operationDeadlineMs('explain', { timeoutMs: 600_000 }), 60_000);
    assert.equal(operationDeadlineMs('exportCa', {}), 60_000);
  });
});
