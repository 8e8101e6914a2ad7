/**
 * The error texts a Japanese system prints: wget and git run under ja_JP.UTF-8 (the locale generated
 * into a temp LOCPATH with Debian's localedef, so the machine is not changed) through the lab proxy;
 * explain must map each to its row. Git ships no Japanese catalogue, so its text stays English.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { explainErrors } from '../../shared/explain.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';

const root = mkdtempSync(path.join(tmpdir(), 'ca-bridge-ja-'));
const locpath = path.join(root, 'locale');
let lab: Lab;
let proxy: LabProxy;
let localeMissing: string | false = false;

before(async () => {
  if (!existsSync('/usr/share/i18n/locales/ja_JP')) localeMissing = 'Debian locales is not installed (ja_JP source missing)';
  else {
    mkdirSync(locpath);
    const made = spawnSync('localedef', ['-i', 'ja_JP', '-f', 'UTF-8', path.join(locpath, 'ja_JP.UTF-8')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (made.status !== 0 && made.status !== 1) localeMissing = `localedef failed: ${made.stderr}`;
  }
  lab = await startLab();
  proxy = await lab.startProxy();
});
after(async () => {
  await lab?.close();
  rmSync(root, { recursive: true, force: true });
});

const ja = (command: string, args: string[]) =>
  new Promise<string>((resolve) => {
    const env = {
      PATH: process.env.PATH,
      HOME: root,
      LOCPATH: locpath,
      LANG: 'ja_JP.UTF-8',
      LC_ALL: 'ja_JP.UTF-8',
      LANGUAGE: 'ja',
      https_proxy: proxy.url,
      HTTPS_PROXY: proxy.url,
      GIT_CONFIG_NOSYSTEM: '1',
    };
    execFile(command, args, { env, cwd: root, timeout: 120_000 }, (_e, stdout, stderr) => resolve(stdout + stderr));
  });

describe('errors printed under ja_JP.UTF-8', () => {
  it('wget (translated)', async (t) => {
    if (localeMissing) return t.skip(localeMissing);
    const out = await ja('wget', ['-O', '-', '--tries=1', 'https://www.google.com/']);
    assert.match(out, /エラー: /, `not translated: ${out}`);
    const [match] = explainErrors(out);
    assert.equal(match?.guideTool, 'wget', out);
    assert.equal(explainErrors(out, 'ja')[0]!.title, 'wget がサーバー証明書を検証できない');
  });
  it('git (no Japanese catalogue: the English text, still recognised)', async (t) => {
    if (localeMissing) return t.skip(localeMissing);
    const out = await ja('git', ['ls-remote', 'https://github.com/x/y']);
    assert.match(out, /server certificate verification failed|SSL certificate problem/);
    assert.equal(explainErrors(out)[0]?.guideTool, 'git', out);
  });
});
