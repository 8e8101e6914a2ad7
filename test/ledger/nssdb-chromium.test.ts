/**
 * apply --tool nssdb proven with Debian's Chromium, headless, through the lab's inspecting proxy with the
 * test HOME: a certificate error before, the page after, the error again after revert --all, and the
 * HOME byte for byte as it was (the NSS database CA Bridge created is removed with its one entry).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LabProxy } from '../lab/proxy.js';
import { run } from '../advice/real-tools/harness.js';
import { labWithExport, type LabExport } from './lab-export.js';
import { cli } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM)
  ? 'Debian chromium is not installed (bash .ci/run installs it)'
  : spawnSync('certutil', ['--version']).error
    ? 'certutil is not installed (libnss3-tools; bash .ci/run installs it)'
    : null;

let setup: LabExport;
let proxy: LabProxy;
let root: string;
let exportDir: string;
before(async () => {
  setup = await labWithExport('nssdb');
  ({ proxy, root, exportDir } = setup);
});
after(() => setup?.close());

describe('Chromium trusts the CA from the user NSS database only after apply --tool nssdb', () => {
  it('error before, page after, error again after revert --all', { skip: missing ?? false, timeout: 300_000 }, async () => {
    const home = mkdtempSync(path.join(root, 'home-'));
    // Chromium's own cache and data folders go outside HOME: they are the browser's, not ours to undo.
    const env = {
      HOME: home,
      PATH: process.env.PATH,
      LANG: 'C.UTF-8',
      XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
      XDG_DATA_HOME: path.join(root, 'xdg-data'),
    };
    // A fresh profile (and no cache) per load, outside HOME: the browser's own files are not ours to undo.
    const load = async (label: string) => {
      const profile = path.join(root, `profile-${label}`);
      return run(
        CHROMIUM,
        [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          `--user-data-dir=${profile}`,
          `--proxy-server=${proxy.url}`,
          '--virtual-time-budget=10000',
          '--dump-dom',
          'https://www.google.com/',
        ],
        env,
        root,
        120_000,
      );
    };
    const beforeApply = await load('before');
    assert.doesNotMatch(beforeApply.output, /hello from /, `Chromium loaded the page without the CA:\n${beforeApply.output}`);
    assert.match(beforeApply.output, /ERR_CERT_AUTHORITY_INVALID|CERT_AUTHORITY_INVALID|net_error -202/, beforeApply.output);

    const applied = await cli(['apply', '--dir', exportDir, '--tool', 'nssdb'], env);
    assert.equal(applied.code, 0, applied.stderr);
    const listed = await run('certutil', ['-L', '-d', `sql:${path.join(home, '.pki', 'nssdb')}`], env, root);
    assert.match(listed.output, /CA Bridge [0-9a-f]{16}\s+C,,/);

    const afterApply = await load('after');
    assert.match(afterApply.output, /hello from /, `Chromium did not load the page with the CA in its NSS database:\n${afterApply.output}`);

    const reverted = await cli(['revert', '--all'], env);
    assert.equal(reverted.code, 0, reverted.stderr);
    assert.deepEqual(
      readdirSync(home).filter((n) => n !== '.config'),
      [],
      'the NSS database CA Bridge created is gone with its entry',
    );
    const afterRevert = await load('reverted');
    assert.doesNotMatch(afterRevert.output, /hello from /, `Chromium still loaded the page after revert:\n${afterRevert.output}`);
  });
});
