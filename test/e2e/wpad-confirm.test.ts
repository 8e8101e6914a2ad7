import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import { en } from '../../shared/i18n/en.js';
import { ja } from '../../shared/i18n/ja.js';
import { assertAccessible, assertNoPageErrors, chromiumMissing, launchChromium, shootAll } from '../helpers/browser.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { RecordingRelay } from '../lab/recording-relay.js';
import { startWpadCapture, type WpadCapture } from '../lab/wpad-capture.js';
import { openApp, runCheck, text } from './app.js';

/**
 * The page's side of the credential policy, in Chromium, both languages: KDE asks for automatic
 * detection, the lab DNS answers wpad.corp.example.test, and its file names a Basic proxy whose every
 * received byte is recorded. With the user's name and password typed, the check sends nothing to that
 * proxy and shows it with a confirmation; after the user confirms it by the name shown, it receives the
 * credentials, the page says so, and warns that Basic over plain http is readable.
 */
const USER = 'alice';
const PASSWORD = 'Wpad-Page-Pw1';
let lab: Lab;
let capture: WpadCapture;
let recorder: RecordingRelay;
let browser: Browser;
const servers: UiServer[] = [];

before(async () => {
  if (chromiumMissing) return;
  lab = await startLab({ sites: [{ host: 'www.google.com', family: 'gts', leafAlg: 'ecdsa' }] });
  capture = await startWpadCapture(lab, { user: USER, password: PASSWORD }, path.join(lab.dir, 'home-wpad-page'));
  recorder = capture.recorder;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  await capture?.close();
  await lab?.close();
});

const LANGS = [
  { lang: 'en', locale: 'en-US', M: en },
  { lang: 'ja', locale: 'ja-JP', M: ja },
] as const;

describe('a proxy named only by WPAD, in Chromium', { skip: chromiumMissing ?? false }, () => {
  for (const { lang, locale, M } of LANGS) {
    it(`${lang}: no credentials until the user confirms the proxy shown; then sent, said, and Basic in clear warned`, async () => {
      const home = path.join(lab.dir, `home-wpad-page-${lang}`);
      const page = await openApp(browser, servers, locale, home, locale, process.env.PATH, {
        env: { XDG_CONFIG_HOME: capture.env.XDG_CONFIG_HOME, XDG_CURRENT_DESKTOP: 'KDE' },
        proxyDiscovery: capture.discovery,
      });
      if (!(await page.isVisible('#setting-proxyUser'))) await page.click('details.advanced summary');
      await page.fill('#setting-proxyUser', USER);
      await page.fill('#setting-proxyPassword', PASSWORD);
      const before = recorder.sent().length;
      await runCheck(page, lab, { targets: ['www.google.com'], proxy: '', trustStore: capture.store });
      assert.equal(await page.getAttribute('[data-testid=proxy-source]', 'data-kind'), 'wpad');
      const hostPort = capture.hostPort;
      const held = page.locator('[data-testid=proxy-credential][data-status=held]');
      assert.equal(await held.locator('p').textContent(), M.credentials.heldWpad.replace('{{proxy}}', `http://${hostPort}`));
      assert.equal(await held.locator('[data-testid=confirm-proxy]').textContent(), M.credentials.confirm.replace('{{proxy}}', hostPort));
      assert.match(recorder.sent().slice(before), /^CONNECT /m);
      assert.doesNotMatch(recorder.sent().slice(before), /proxy-authorization/i, 'nothing sent before the confirmation');
      await assertAccessible(page, `${lang} WPAD proxy held`);
      await shootAll(page, `${lang}-result-wpad-held`);

      await held.locator('[data-testid=confirm-proxy]').click();
      const sent = page.locator('[data-testid=proxy-credential][data-status=sent]');
      await sent.waitFor({ timeout: 60_000 });
      assert.equal(await text(page, '[data-testid=verdict]'), M.verdict.inspected);
      assert.ok(
        recorder
          .sent()
          .slice(before)
          .includes(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`),
      );
      assert.equal(
        await sent.locator('p').first().textContent(),
        M.credentials.sent.replace('{{proxy}}', `http://${hostPort}`).replace('{{scheme}}', 'Basic'),
      );
      assert.equal(await text(page, '[data-testid=basic-cleartext]'), M.credentials.cleartext.replace('{{proxy}}', `http://${hostPort}`));
      assert.ok(!(await page.textContent('body'))!.includes(PASSWORD));
      await shootAll(page, `${lang}-result-wpad-confirmed`);
      assertNoPageErrors(page);
    });
  }
});

if (chromiumMissing) it(`WPAD confirmation browser tests skipped: ${chromiumMissing}`, { skip: chromiumMissing }, () => {});
