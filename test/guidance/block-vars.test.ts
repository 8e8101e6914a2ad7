import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { envVarValues, renderEnvBlock, renderExtras } from '../../shared/guidance/render.js';
import { SHELLS } from '../../shared/guidance/quote.js';
import { blockVars } from '../../electron/core/guidance/block-vars.js';

/** verify --prove applied reads the profile block's variables back from what apply wrote (applied-state.ts). */
const PATHS = {
  ca: '/home/山田 太郎/it\'s "here"/corporate-ca.pem',
  bundle: "/tmp/a\\b 'q' ‘x’/ca-bundle.pem",
  der: '/tmp/x/corporate-ca.der',
};
const EXTRA = { name: 'NPM_CONFIG_CAFILE', value: PATHS.bundle, because: 'the global npmrc' };

describe('the profile block read back', () => {
  for (const shell of SHELLS)
    for (const current of [{}, { GODEBUG: 'http2client=0' }])
      it(`${shell}, GODEBUG ${JSON.stringify(current)}: every variable as the block sets it`, () => {
        // cmd cannot quote a path with `"` (Windows paths never hold one).
        const paths = shell === 'cmd' ? { ...PATHS, ca: '/home/山田 太郎/corporate-ca.pem' } : PATHS;
        const body =
          renderEnvBlock(shell, paths, 'en', false, false, {}) + renderExtras(shell, [{ ...EXTRA, value: paths.bundle }], 'en').join('\n');
        const read = blockVars(body, current);
        assert.deepEqual(read.vars, { ...envVarValues(paths, current), NPM_CONFIG_CAFILE: paths.bundle });
        assert.deepEqual(read.unread, []);
      });

  it('bash itself agrees (the block sourced by bash, its environment read back)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-block-vars-'));
    try {
      const file = path.join(dir, 'block.sh');
      await writeFile(file, renderEnvBlock('bash', PATHS, 'en', false, false, {}));
      const names = Object.keys(envVarValues(PATHS));
      const out = execFileSync(
        'bash',
        ['--norc', '--noprofile', '-c', `. "$1"; for n in ${names.join(' ')}; do printf '%s\\0' "\${!n}"; done`, 'x', file],
        {
          env: { PATH: '/usr/bin:/bin', GODEBUG: 'a=1' },
          encoding: 'utf8',
        },
      );
      const byBash = Object.fromEntries(
        out
          .split('\0')
          .slice(0, -1)
          .map((v, i) => [names[i], v]),
      );
      assert.deepEqual(blockVars(renderEnvBlock('bash', PATHS, 'en', false, false, {}), { GODEBUG: 'a=1' }).vars, byBash);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a line in a form apply never writes is named, not guessed', () => {
    const read = blockVars("export A='x'\nexport B=$(cat /etc/secret)\n", {});
    assert.deepEqual(read.vars, { A: 'x' });
    assert.deepEqual(read.unread, ['export B=$(cat /etc/secret)']);
  });
});
