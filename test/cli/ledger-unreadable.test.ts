import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

/** An unreadable ledger: doctor fails (exit 1, as the README says), verify --prove applied refuses (exit 2); both worded in the user's language. */
describe('an unreadable ledger', () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'ca-bridge-ledger-bad-'));
    await mkdir(path.join(home, '.config', 'ca-bridge'), { recursive: true });
    await writeFile(path.join(home, '.config', 'ca-bridge', 'ledger.json'), 'not json {');
  });
  after(() => rm(home, { recursive: true, force: true }));
  const env = (lang: string) => ({ HOME: home, PATH: '/usr/bin:/bin', LANG: lang, ...machineConfigOff(home) });

  for (const [lang, words] of [
    ['C', /record of changes \(the ledger\) .*ledger\.json cannot be read/],
    ['ja_JP.UTF-8', /変更の記録（台帳）.*ledger\.json を読み込めません/],
  ] as const) {
    it(`doctor exits 1 and names the ledger (${lang})`, async () => {
      const run = await cli(['doctor', '--fix', '--url', 'https://127.0.0.1:9/'], env(lang));
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, words);
      if (lang !== 'C') assert.doesNotMatch(run.stderr, /the ledger|not JSON/);
    });
  }
});
