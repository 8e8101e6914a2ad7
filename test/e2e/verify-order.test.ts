import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import { assertAccessible, assertNoPageErrors, chromiumMissing, launchChromium, shootAll } from '../helpers/browser.js';
import { startLab, type Lab } from '../lab/lab.js';
import { cli } from '../helpers/cli.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { closeAll, exportThenVerify, LANGS, openApp, runCheck, text } from './app.js';

/**
 * Verify lists the tools installed here first: on a PATH that holds curl, git and openssl but not
 * node or python3 (which the engine lists first), the rows that ran come before "Not installed".
 */
let lab: Lab;
let browser: Browser;
let toolPath: string;
const servers: UiServer[] = [];

before(async () => {
  if (chromiumMissing) return;
  lab = await startLab();
  browser = await launchChromium();
  toolPath = path.join(lab.dir, 'bin-without-node');
  mkdirSync(toolPath, { recursive: true });
  for (const tool of ['curl', 'git', 'openssl'])
    symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(toolPath, tool));
});
after(() => closeAll(browser, servers, lab));

describe('Verify in Chromium', { skip: chromiumMissing ?? false }, () => {
  for (const { lang, locale, M } of LANGS) {
    it(`${lang}: tools installed here come first, "not installed" last`, async () => {
      const home = path.join(lab.dir, `home-verify-order-${lang}`);
      mkdirSync(home, { recursive: true });
      const proxy = await lab.startProxy({});
      const store = await lab.writePem(`verify-order-${lang}.pem`, [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
      const page = await openApp(browser, servers, locale, home, locale, toolPath);
      await runCheck(page, lab, { targets: lab.hosts, proxy: proxy.url, trustStore: store });
      await exportThenVerify(page);
      const rows = await page
        .locator('[data-testid=verify-tools] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-tool')}:${tr.getAttribute('data-result')}`));
      const missing = rows.filter((r) => r.endsWith(':not-found'));
      assert.ok(
        missing.some((r) => r.startsWith('node:')),
        `node is not on this PATH: ${rows.join(' ')}`,
      );
      assert.deepEqual(rows.slice(rows.length - missing.length), missing, `installed first: ${rows.join(' ')}`);
      // Only curl, git and openssl are on this PATH: they ran (in the engine's order), and passed.
      assert.deepEqual(rows.slice(0, rows.length - missing.length).sort(), ['curl:pass', 'git:pass', 'openssl:pass'], rows.join(' '));
      assert.ok((await text(page, '[data-testid=verify-tools] tbody tr:last-child')).includes(M.outcome['not-found']));
      // The badge says "not installed"; the engine's English "node is not installed" is not repeated next to it.
      assert.equal(await text(page, '[data-testid=verify-tools] tr[data-tool=node] td:last-child'), '');
      await assertAccessible(page, `${lang} verify order`);
      await shootAll(page, `${lang}-verify-not-installed-last`);

      // The same user then runs `apply` (the block in ~/.profile), and their ~/.bashrc sets two CA variables again after
      // it: verify now proves the applied state, in the page's words, naming each later line and why.
      const applied = await cli(['apply', '--dir', path.join(home, 'exported'), '--shell', 'bash'], isolatedEnv(home));
      assert.equal(applied.code, 0, applied.stderr);
      const bashrc = path.join(home, '.bashrc');
      writeFileSync(bashrc, `export GIT_SSL_CAINFO=${lab.publicRootsFile}\nexport CURL_CA_BUNDLE="$(cat ~/.bundle-path)"\n`);
      await page.click('[data-testid=run-verify]');
      await page.waitForSelector('[data-testid=verify-proven][data-proven-kind=applied]', { timeout: 120_000 });
      await page.waitForSelector('[data-testid=verify-summary]');
      const proven = await text(page, '[data-testid=verify-proven]');
      const w = M.verifySettings;
      for (const said of [w.provenApplied, `${bashrc}:1`, `${bashrc}:2`, w.unevaluable.substitution])
        assert.ok(proven.includes(said), `${said} in: ${proven}`);
      const result = (tool: string) => page.getAttribute(`[data-testid=verify-tools] tr[data-tool=${tool}]`, 'data-result');
      assert.deepEqual([await result('git'), await result('curl')], ['fail', 'unproven']);
      const gitNote = await text(page, '[data-testid=verify-tools] tr[data-tool=git]');
      assert.ok(gitNote.includes(w.outranksApplied.replace('{{setting}}', 'GIT_SSL_CAINFO').replace('{{place}}', `${bashrc}:1`)), gitNote);
      const curlNote = await text(page, '[data-testid=verify-tools] tr[data-tool=curl]');
      assert.ok(curlNote.includes(`${bashrc}:2`) && curlNote.includes(w.unevaluable.substitution), curlNote);
      await shootAll(page, `${lang}-verify-applied-later-lines`);
      await proxy.close();
      assertNoPageErrors(page);
    });
  }
});

if (chromiumMissing) it(`browser tests skipped: ${chromiumMissing}`, { skip: chromiumMissing }, () => {});
