import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import { ja } from '../../shared/i18n/ja.js';
import { assertAccessible, assertNoPageErrors, chromiumMissing, launchChromium } from '../helpers/browser.js';
import { makeProxyCa, type LabProxy } from '../lab/proxy.js';
import { squidMissing, startSquid, type Squid } from '../lab/squid.js';
import { startLab, type Lab } from '../lab/lab.js';
import { startLabDns } from '../lab/dns.js';
import { openApp, runCheck, text } from './app.js';
import { assertJapanese } from './japanese.js';

/**
 * Every screen in Japanese: no English sentence (other than product, tool, file and command names) and
 * no raw translation key. Data is exempt where the page marks it as such: certificate names, host
 * names, paths and commands (`pre`, `code`, `translate="no"`, what the user typed, a name quoted in 「」).
 */
let lab: Lab;
let browser: Browser;
const servers: UiServer[] = [];
/** A proxy asking for NTLM (squid), for the sign-in and relay-advice states; the walk notes when squid is missing. */
const noSquid = squidMissing('ntlm_fake_auth');
let inner: LabProxy | undefined;
let squid: Squid | undefined;

before(async () => {
  if (chromiumMissing) return;
  lab = await startLab();
  browser = await launchChromium();
  if (noSquid) return;
  inner = await lab.startProxy({});
  squid = await startSquid({ parentPort: inner.port, auth: { scheme: 'ntlm', allowUser: 'alice' } });
});
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  await squid?.close();
  await inner?.close();
  await lab?.close();
});

describe('every screen in Japanese', { skip: chromiumMissing ?? false }, () => {
  it("browser mode speaks the browser's language, not the server process's", async () => {
    const page = await openApp(browser, servers, 'ja-JP', path.join(lab.dir, 'home-lang'), 'en-US');
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.equal(await page.textContent('h2'), ja.check.title);
    assertNoPageErrors(page);
  });

  it('the proxy source and its automatic-detection notes are in Japanese, naming the page’s own controls', async () => {
    // KDE asks for automatic detection; the lab DNS server knows no wpad name, so the environment's proxy is used.
    const dns = await startLabDns({});
    const inspecting = await lab.startProxy({});
    try {
      const home = path.join(lab.dir, 'home-wpad');
      const config = path.join(home, 'kde-config');
      await mkdir(config, { recursive: true });
      await writeFile(path.join(config, 'kioslaverc'), '[Proxy Settings]\nProxyType=3\n');
      const resolvConfPath = path.join(home, 'resolv.conf');
      await writeFile(resolvConfPath, 'search corp.example.test\n');
      const page = await openApp(browser, servers, 'ja-JP', home, 'ja-JP', process.env.PATH, {
        env: { XDG_CONFIG_HOME: config, XDG_CURRENT_DESKTOP: 'KDE', HTTPS_PROXY: inspecting.url },
        proxyDiscovery: { platform: 'linux', wpad: { dnsServers: [dns.server], resolvConfPath, hostName: 'pc' } },
      });
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: '', trustStore: lab.publicRootsFile });
      assert.equal(await page.getAttribute('[data-testid=proxy-source]', 'data-kind'), 'environment');
      const notes = await text(page, '[data-testid=proxy-notes]');
      assert.ok(notes.includes('wpad.corp.example.test, wpad.example.test'), notes);
      assert.ok(notes.includes('「詳細設定」の「プロキシ」欄'), notes);
      assert.doesNotMatch(await text(page, 'main'), /--proxy/);
      await assertJapanese(page, 'result: no WPAD file', new Set());
    } finally {
      await inspecting.close();
      await dns.close();
    }
  });

  it('speaks Japanese on every step and state, with no raw key', async () => {
    const seen = new Set<string>();
    const ca = await makeProxyCa('ecdsa', 'CN=Zscaler Root CA, O=Zscaler Inc., C=US', 'CN=Zscaler Intermediate Root CA, O=Zscaler Inc.');
    const proxy = await lab.startProxy({ ca, shape: 'leaf+intermediate' });
    const home = path.join(lab.dir, 'home-walk');
    const page = await openApp(browser, servers, 'ja-JP', home);
    for (const step of ['result', 'export', 'configure', 'verify', 'diagnose', 'check'])
      await page.click(`[data-step=${step}]`).then(() => assertJapanese(page, `${step} (empty)`, seen));

    if (!(await page.isVisible('#setting-targets'))) await page.click('details.advanced summary');
    await page.fill('#setting-targets', 'github.com, bad host:99999');
    assert.equal(await page.isDisabled('[data-testid=start-check]'), true, 'no check with a bad site list');
    await assertJapanese(page, 'check: bad site list', seen);
    await page.fill('#setting-targets', '');

    // Unhappy results first: a refused proxy and a 407.
    const refused = await lab.startProxy({ mode: 'refuse' });
    await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: refused.url, trustStore: lab.publicRootsFile });
    await assertJapanese(page, 'result: proxy refused', seen);
    const auth = await lab.startProxy({ auth: { user: 'a', password: 'b' } });
    await page.click('[data-step=check]');
    await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: auth.url, trustStore: lab.publicRootsFile });
    await assertJapanese(page, 'result: 407', seen);
    if (squid) {
      // NTLM: what the proxy offered and why it failed, the relay advice; then a refused user name.
      await page.click('[data-step=check]');
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: squid.url, trustStore: lab.publicRootsFile });
      await page.waitForSelector('[data-testid=relay-advice]');
      await assertJapanese(page, 'result: NTLM 407 with relay advice', seen);
      await page.click('[data-step=check]');
      await page.click('details.advanced summary');
      await page.fill('#setting-proxyUser', 'CORP\\mallory');
      await page.fill('#setting-proxyPassword', 'pw');
      await page.click('[data-testid=start-check]');
      await page.waitForSelector('[data-testid=proxy-auth][data-problem=rejected]', { timeout: 60_000 });
      await assertJapanese(page, 'result: NTLM sign-in refused', seen);
      await page.click('[data-step=check]');
      await page.click('details.advanced summary');
      await page.fill('#setting-proxyUser', '');
      await page.fill('#setting-proxyPassword', '');
    }
    await page.click('[data-step=check]');
    await assertJapanese(page, 'check: after a run', seen);

    // An untrusted root, then the whole happy flow.
    const untrusted = await lab.startProxy({ shape: 'leaf+root', caSubject: 'CN=Unknown Corp Root' });
    await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: untrusted.url, trustStore: lab.publicRootsFile });
    await page.fill('[data-testid=it-fingerprint]', '00');
    await assertJapanese(page, 'result: untrusted root', seen);

    const store = await lab.writePem('store-walk.pem', [ca.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    await page.click('[data-step=check]');
    await runCheck(page, lab, { targets: lab.hosts, proxy: proxy.url, trustStore: store });
    await assertJapanese(page, 'result: inspected', seen);
    await page.click('[data-testid=to-export]');
    await page.fill('[data-testid=export-dir]', 'walk-export');
    await assertJapanese(page, 'export: form', seen);
    await page.click('[data-testid=run-export]');
    await page.waitForSelector('[data-testid=export-result]');
    await assertJapanese(page, 'export: written', seen);
    await page.fill('[data-testid=from-file]', path.join(lab.dir, 'no-such-file.pem'));
    await page.click('[data-testid=run-export]');
    await page.waitForSelector('[data-testid=error]');
    await assertJapanese(page, 'export: error', seen);
    await page.fill('[data-testid=from-file]', '');
    await page.fill('[data-testid=export-dir]', 'walk-export-2');
    await page.click('[data-testid=run-export]');
    await page.waitForSelector('[data-testid=export-result]');
    await page.click('[data-step=configure]');
    await page.waitForSelector('[data-testid=env-snippet]');
    await page.click('[data-testid=apply]');
    await page.waitForSelector('[data-testid=apply-preview]');
    await assertJapanese(page, 'configure: preview', seen);
    await page.click('[data-testid=apply-confirm]');
    await page.waitForSelector('[data-testid=profile-status]');
    await assertJapanese(page, 'configure: applied', seen);
    await page.click('[data-step=verify]');
    await page.click('[data-testid=run-verify]');
    await page.waitForSelector('[data-testid=verify-summary]', { timeout: 120_000 });
    await assertJapanese(page, 'verify: done', seen);
    // Installed tools first: no tool that ran comes after one that is not installed here.
    const results = await page
      .locator('[data-testid=verify-tools] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-result')));
    const firstMissing = results.indexOf('not-found');
    assert.ok(firstMissing === -1 || results.slice(firstMissing).every((r) => r === 'not-found'), results.join(' '));
    await page.click('[data-step=diagnose]');
    await page.fill('[data-testid=diag-host]', lab.hosts[0]!);
    await page.click('[data-testid=diag-run]');
    await page.waitForSelector('[data-testid=diagnose-chain]');
    await page.fill('[data-testid=diag-text]', 'curl: (60) SSL certificate problem: unable to get local issuer certificate');
    await page.click('[data-testid=diag-explain]');
    await page.waitForSelector('[data-testid=explanations]');
    await assertJapanese(page, 'diagnose: checked and explained', seen);
    await assertAccessible(page, 'ja diagnose');
    assert.equal(seen.size, squid ? 21 : 19);
    assertNoPageErrors(page);
  });
});

if (chromiumMissing) it(`browser tests skipped: ${chromiumMissing}`, { skip: chromiumMissing }, () => {});
if (!chromiumMissing && noSquid) it(`NTLM sign-in states not walked: ${noSquid}`, { skip: noSquid }, () => {});
