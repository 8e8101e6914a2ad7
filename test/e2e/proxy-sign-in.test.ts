import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import { en } from '../../shared/i18n/en.js';
import { assertAccessible, assertNoPageErrors, chromiumMissing, launchChromium, shootAll } from '../helpers/browser.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { squidMissing, startSquid, type Squid } from '../lab/squid.js';
import { closeAll, freshHome, LANGS, openApp, runCheck, text } from './app.js';

/**
 * A proxy that asks for NTLM, as many Windows companies run one (Debian's squid with ntlm_fake_auth,
 * in front of the lab's inspecting proxy), met in real Chromium in both languages: the sign-in fields,
 * what the proxy offered and why the sign-in failed, the relay advice for tools that cannot sign in,
 * and a password that never leaves the page's memory.
 */
const missing = chromiumMissing ?? squidMissing('ntlm_fake_auth');
let lab: Lab;
let inner: LabProxy;
let squid: Squid;
let store: string;
let browser: Browser;
const servers: UiServer[] = [];

before(async () => {
  if (missing) return;
  lab = await startLab();
  inner = await lab.startProxy({});
  store = await lab.writePem('sign-in-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), inner.root.pem]);
  squid = await startSquid({ parentPort: inner.port, auth: { scheme: 'ntlm', allowUser: 'alice' } });
  browser = await launchChromium();
});
after(() => closeAll(browser, servers, squid, inner, lab));

const PASSWORD = 'S3cret-Ntlm-Pw';
const newHome = () => freshHome(lab, 'sign-in');

async function signIn(page: Page, user: string, password: string) {
  await page.click('[data-step=check]');
  if (!(await page.isVisible('#setting-proxyUser'))) await page.click('details.advanced summary');
  assert.equal(await page.getAttribute('#setting-proxyPassword', 'type'), 'password', 'the password is masked');
  await page.fill('#setting-proxyUser', user);
  await page.fill('#setting-proxyPassword', password);
  await assertAccessible(page, 'check: sign-in fields');
  await page.click('[data-testid=start-check]');
  await page.waitForSelector('[data-testid=verdict]', { timeout: 60_000 });
}

/** The relay advice as the page shows it: px and cntlm settings for this proxy, the tools, the CA still needed. */
async function assertRelayAdvice(page: Page, M: typeof en) {
  const advice = page.locator('[data-testid=relay-advice]');
  assert.equal(await advice.count(), 1);
  assert.equal(await advice.getAttribute('data-proxy'), `127.0.0.1:${squid.port}`);
  assert.equal(await advice.locator('h3').textContent(), M.relay.title);
  assert.equal(await text(page, '[data-testid=relay-settings] summary'), M.relay.relaysTitle);
  assert.equal(await text(page, '[data-testid=relay-tools] summary'), M.relay.pointTitle);
  await page.evaluate(`document.querySelectorAll('[data-testid=relay-advice] details').forEach((d) => (d.open = true))`);
  assert.deepEqual(await advice.locator('[data-testid=relay]').evaluateAll((els) => els.map((e) => e.getAttribute('data-relay'))), [
    'px',
    'cntlm',
  ]);
  const pxFile = await text(page, '[data-relay=px] [data-testid=relay-file]');
  assert.ok(pxFile.includes(`server = 127.0.0.1:${squid.port}`), pxFile);
  assert.ok(pxFile.includes('auth = NTLM'), pxFile);
  assert.equal(await page.getAttribute('[data-relay=px] [data-testid=relay-file]', 'translate'), 'no');
  assert.ok((await text(page, '[data-relay=px] h4')).includes(M.relayFits['sso-and-ntlm-and-kerberos']));
  assert.ok((await text(page, '[data-relay=cntlm] h4')).includes(M.relayFits['ntlm-only']));
  // The page's advice is Linux's here: px needs a name and reads the password when it starts.
  assert.equal(await text(page, '[data-relay=px] [data-testid=relay-sign-in]'), M.relaySignIn['password-typed-at-start']);
  assert.deepEqual(
    await advice.locator('[data-testid=relay-session]').evaluateAll((els) => els.map((e) => e.getAttribute('data-shells'))),
    ['bash zsh', 'fish', 'powershell'],
  );
  assert.equal(
    await text(page, '[data-testid=relay-session][data-shells="bash zsh"] pre'),
    [
      `export https_proxy='http://127.0.0.1:3128'`,
      `export http_proxy='http://127.0.0.1:3128'`,
      `export no_proxy='localhost,127.0.0.1,::1'`,
    ].join('\n'),
  );
  const persistent = await advice
    .locator('[data-testid=relay-persistent]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-tool')));
  assert.deepEqual(persistent, ['npm', 'pip', 'git']);
  assert.equal(
    await text(page, '[data-testid=relay-persistent][data-tool=git] [data-testid=relay-undo]'),
    'git config --global --unset http.proxy',
  );
  assert.ok((await text(page, '[data-file=docker-client-config]')).includes(M.relayFile['docker-client-config']));
  assert.ok((await text(page, '[data-caveat=container-loopback]')).includes(M.relayCaveat['container-loopback']));
  assert.equal(await text(page, '[data-testid=relay-ca-note]'), M.relay.caNote);
  // Copy gives exactly the settings shown, and says so.
  await page.locator('[data-relay=px] .snippet').first().locator('button').click();
  await page.locator('[data-relay=px] .copy-status', { hasText: M.common.copied }).first().waitFor();
  assert.equal(await page.evaluate('navigator.clipboard.readText()'), pxFile);
}

async function assertPasswordNowhere(page: Page, where: string) {
  assert.ok(!(await page.textContent('body'))!.includes(PASSWORD), `${where}: not on the page`);
  assert.ok(!((await page.evaluate('JSON.stringify(sessionStorage)')) as string).includes(PASSWORD), `${where}: not in storage`);
}

describe('a proxy asking for NTLM, in Chromium', { skip: missing ?? false }, () => {
  for (const { lang, locale, M } of LANGS) {
    it(`${lang}: no user — what the proxy offered, why, the browser-mode next step and the relay advice`, async () => {
      const page = await openApp(browser, servers, locale, newHome());
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: squid.url, trustStore: store });
      assert.equal(await page.getAttribute('[data-testid=cause]', 'data-code'), 'proxy-auth-required');
      assert.equal(await page.getAttribute('[data-testid=proxy-auth]', 'data-problem'), 'no-credentials');
      assert.equal(await text(page, '[data-testid=proxy-auth-offered]'), 'NTLM');
      assert.equal(await text(page, '[data-testid=proxy-auth-tried]'), M.proxyAuth.triedNone);
      assert.equal(await text(page, '[data-testid=proxy-auth-problem]'), M.proxyAuthProblem['no-credentials']);
      assert.equal(await page.getAttribute('[data-testid=next-step]', 'data-front-door'), 'browser');
      assert.equal(await text(page, '[data-testid=next-step]'), M.authNext.browser);
      await assertRelayAdvice(page, M);
      await page.click(`button:has-text("${M.result.copyReport}")`);
      await page.locator('.copy-status', { hasText: M.result.reportCopied }).waitFor();
      const report = (await page.evaluate('navigator.clipboard.readText()')) as string;
      assert.ok(report.includes(`- **${M.report.proxySignIn}**: NTLM — ${M.proxyAuthProblem['no-credentials']}`), report);
      await assertAccessible(page, `${lang} NTLM 407`);
      await shootAll(page, `${lang}-result-ntlm-407`);
      assertNoPageErrors(page);
    });

    it(`${lang}: the sign-in fields — a refused user is named as such, the right one gets through; the password stays in memory`, async () => {
      const page = await openApp(browser, servers, locale, newHome());
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: squid.url, trustStore: store });
      await signIn(page, 'CORP\\mallory', PASSWORD);
      await page.locator('[data-testid=proxy-auth][data-problem=rejected]').waitFor();
      await shootAll(page, `${lang}-result-ntlm-rejected`);
      assert.equal(await text(page, '[data-testid=proxy-auth-tried]'), 'NTLM');
      assert.equal(await text(page, '[data-testid=proxy-auth-problem]'), M.proxyAuthProblem.rejected);
      await assertPasswordNowhere(page, 'rejected');

      await signIn(page, 'CORP\\alice', PASSWORD);
      assert.equal(await text(page, '[data-testid=verdict]'), M.verdict.inspected);
      assert.match(await squid.accessLogMatching(/\balice\b/), /\balice\b/, 'squid signed alice in over NTLM');
      await assertRelayAdvice(page, M); // the tools still cannot sign in by themselves
      await shootAll(page, `${lang}-result-ntlm-signed-in`);
      await assertPasswordNowhere(page, 'signed in');
      await page.click(`button:has-text("${M.result.copyReport}")`);
      await page.locator('.copy-status', { hasText: M.result.reportCopied }).waitFor();
      const report = (await page.evaluate('navigator.clipboard.readText()')) as string;
      assert.ok(report.startsWith(`## ${M.report.title}`) && !report.includes(PASSWORD), 'not in the report');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=save-json]')]);
      const saved = readFileSync((await download.path())!, 'utf8');
      assert.equal(JSON.parse(saved).verdict, 'inspected');
      assert.ok(!saved.includes(PASSWORD), 'not in the saved JSON');
      // Check again and Verify reuse the password from memory; a reload forgets it and keeps the user name.
      await page.reload();
      await page.waitForSelector('[data-testid=verdict]');
      await page.click('[data-step=check]');
      await page.click('details.advanced summary');
      assert.equal(await page.inputValue('#setting-proxyUser'), 'CORP\\alice');
      assert.equal(await page.inputValue('#setting-proxyPassword'), '');
      assertNoPageErrors(page);
    });

    it(`${lang}: in the desktop app (native dialogs) the 407's next step speaks of this app, not of "use the desktop app"`, async () => {
      const page = await openApp(browser, servers, locale, newHome());
      // The desktop front door is Electron (not available here): the same page is told what its environment tells.
      await page.route('**/api/getEnvironment', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        assert.equal(body.value.nativeDialogs, false, 'browser mode says it has no native dialogs');
        await route.fulfill({ response, json: { ...body, value: { ...body.value, nativeDialogs: true } } });
      });
      await page.reload();
      await page.waitForSelector('[data-testid=start-check]');
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: squid.url, trustStore: store });
      assert.equal(await page.getAttribute('[data-testid=next-step]', 'data-front-door'), 'desktop');
      assert.equal(await text(page, '[data-testid=next-step]'), M.authNext.desktop);
      assert.notEqual(M.authNext.desktop, M.authNext.browser);
      assertNoPageErrors(page);
    });
  }
});

if (missing) it(`proxy sign-in browser tests skipped: ${missing}`, { skip: missing }, () => {});
