/**
 * The page, in real Chromium and both languages, with two inspectors behind a PAC file and a site the
 * inspecting proxy cannot reach (real mitmproxy's own 502 page): both CAs with their routes and sites, the
 * unreachable site shown as such (not inspected), the words from the page's own catalogue.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import { en } from '../../shared/i18n/en.js';
import { ja } from '../../shared/i18n/ja.js';
import { assertAccessible, assertNoPageErrors, chromiumMissing, launchChromium } from '../helpers/browser.js';
import { fingerprint } from '../helpers/certs.js';
import { startLab, type Lab } from '../lab/lab.js';
import { mitmproxyMissing, startMitmproxyInLab, type Mitmproxy } from '../lab/mitmproxy.js';
import { startPacServer, type PacServer } from '../lab/pac.js';
import type { LabProxy } from '../lab/proxy.js';
import { exportThenVerify, openApp, runCheck, text } from './app.js';
import { cli } from '../helpers/cli.js';
import { isolatedEnv } from '../helpers/isolated-env.js';

const skip = chromiumMissing ?? mitmproxyMissing() ?? false;
const LANGS = [
  { locale: 'en-US', M: en },
  { locale: 'ja-JP', M: ja },
] as const;

describe('several inspectors in the page', { skip }, () => {
  let lab: Lab;
  let browser: Browser;
  let proxyA: LabProxy;
  let proxyB: LabProxy;
  let mitm: Mitmproxy;
  let pac: PacServer;
  let store: string;
  const servers: UiServer[] = [];
  before(async () => {
    lab = await startLab();
    browser = await launchChromium();
    proxyA = await lab.startProxy({ caSubject: 'CN=Branch Proxy Root A (lab), O=Example Corp' });
    proxyB = await lab.startProxy({ caSubject: 'CN=Head Office Inspector Root B (lab), O=Example Corp' });
    mitm = await startMitmproxyInLab(lab);
    const hostOf = (url: string) => new URL(url).host;
    pac = await startPacServer({
      '/split.pac': `function FindProxyForURL(url, host) {
        if (host == "pypi.org" || host == "github.com") return "PROXY ${hostOf(proxyA.url)}";
        if (host == "nowhere.invalid") return "PROXY ${hostOf(mitm.url)}";
        return "PROXY ${hostOf(proxyB.url)}"; }`,
    });
    store = await lab.writePem('page-store.pem', [
      proxyA.root.pem,
      proxyB.root.pem,
      mitm.caPem,
      ...Object.values(lab.families).map((f) => f.root.pem),
    ]);
  });
  after(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    await mitm?.close();
    await pac?.close();
    await lab?.close();
  });

  for (const { locale, M } of LANGS) {
    it(`${locale}: both CAs with route and sites; the proxy's error page shown as unreachable through the proxy`, async () => {
      const home = path.join(lab.dir, `home-${locale}`);
      mkdirSync(home, { recursive: true });
      const page = await openApp(browser, servers, locale, home);
      await runCheck(page, lab, {
        targets: ['pypi.org', 'github.com', 'www.google.com', 'letsencrypt.org', 'nowhere.invalid'],
        proxy: `pac+${pac.url('/split.pac')}`,
        trustStore: store,
      });
      assert.equal(await page.textContent('[data-testid=verdict]'), M.verdict.inspected);
      const cas = page.locator('[data-testid=inspection-ca]');
      assert.equal(await cas.count(), 2);
      assert.equal(await page.textContent('#cas-title'), M.result.severalCas.replace('{{count}}', '2'));
      const all = (await page.textContent('[data-testid=inspection-cas]')) ?? '';
      for (const [proxy, sites] of [
        [proxyA, ['pypi.org:443', 'github.com:443']],
        [proxyB, ['www.google.com:443', 'letsencrypt.org:443']],
      ] as const) {
        assert.ok(all.includes(proxy.url), `${proxy.url} is named as a route`);
        for (const site of sites) assert.ok(all.includes(site), site);
        assert.ok(all.includes(fingerprint(proxy.root.pem)));
      }
      assert.ok(!all.includes(fingerprint(mitm.caPem)), "mitmproxy's error page is not an inspection CA");
      const row = page.locator('[data-testid=site-reasons] tbody tr[data-status="unreachable-via-proxy"]');
      assert.equal(await row.count(), 1);
      const rowText = (await row.textContent()) ?? '';
      assert.ok(rowText.includes('nowhere.invalid'));
      assert.ok(rowText.includes(M.status['unreachable-via-proxy']), rowText);
      assert.ok(rowText.includes(M.result.proxyErrorPage), rowText);
      await assertAccessible(page, `several CAs (${locale})`);
      assertNoPageErrors(page);
    });

    it(`${locale}: Verify runs each tool on both routes and names the route where the second inspector's CA is missing`, async () => {
      const home = path.join(lab.dir, `home-routes-${locale}`);
      mkdirSync(home, { recursive: true });
      // Only curl on PATH (fast); the OS trusts proxy A's root only, so export holds A's CA and names B's as not exported.
      const bin = path.join(lab.dir, `bin-curl-${locale}`);
      mkdirSync(bin, { recursive: true });
      symlinkSync('/usr/bin/curl', path.join(bin, 'curl'));
      const onlyA = await lab.writePem(`page-only-a-${locale}.pem`, [
        proxyA.root.pem,
        ...Object.values(lab.families).map((f) => f.root.pem),
      ]);
      const page = await openApp(browser, servers, locale, home, locale, bin);
      await runCheck(page, lab, {
        targets: ['pypi.org', 'github.com', 'www.google.com', 'letsencrypt.org'],
        proxy: `pac+${pac.url('/split.pac')}`,
        trustStore: onlyA,
      });
      await exportThenVerify(page);
      const routes = page.locator('[data-testid=verify-routes] li');
      assert.deepEqual(
        (await routes.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-route')))).sort(),
        [proxyA.url, proxyB.url].sort(),
      );
      const listed = await text(page, '[data-testid=verify-routes]');
      assert.ok(listed.includes(M.verify.toolRoutes.replace('{{count}}', '2')), listed);
      const curl = page.locator('[data-testid=verify-tools] tr[data-tool=curl]');
      assert.equal(await curl.getAttribute('data-result'), 'fail');
      const perRoute = await curl
        .locator('[data-testid=tool-routes] li')
        .evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-route')} ${li.getAttribute('data-result')}`));
      assert.deepEqual(perRoute.sort(), [`${proxyA.url} pass`, `${proxyB.url} fail`].sort());
      const failedLine = await text(page, `[data-testid=verify-tools] tr[data-tool=curl] li[data-route="${proxyB.url}"]`);
      const site = /\b(www\.google\.com|letsencrypt\.org):443\b/.exec(failedLine)?.[0] ?? '?';
      assert.ok(failedLine.includes(M.verify.toolRoute.replace('{{route}}', proxyB.url).replace('{{site}}', site)), failedLine);
      assert.ok(failedLine.includes(M.outcome.fail), failedLine);
      await assertAccessible(page, `verify routes (${locale})`);
      assertNoPageErrors(page);
    });

    it(`${locale}: the page opens with the setup's status; after a vendor change, "the CA changed — refresh" is one button`, async () => {
      const home = path.join(lab.dir, `home-status-${locale}`);
      mkdirSync(home, { recursive: true });
      const dir = path.join(home, 'corporate ca');
      const env = isolatedEnv(home);
      const roots = ['--public-roots', lab.publicRootsFile, '--trust-store', store];
      // Exported while the old product (root A) inspected; now root B re-signs the same sites.
      const exported = await cli(['export', '--out', dir, '--proxy', proxyA.url, ...roots], env);
      assert.equal(exported.code, 0, exported.stderr);
      const page = await openApp(browser, servers, locale, home, locale, process.env.PATH, {
        presets: { proxy: proxyB.url, publicRootsFile: lab.publicRootsFile, trustStorePath: store },
      });
      const button = page.locator('[data-testid=refresh-export]');
      await button.waitFor({ timeout: 90_000 });
      assert.equal(await button.textContent(), M.setupStatus.changed);
      assert.equal(await page.getAttribute('[data-testid=setup-status]', 'data-code'), '10');
      assert.ok(((await page.textContent('[data-testid=setup-status]')) ?? '').includes(fingerprint(proxyB.root.pem)));
      await assertAccessible(page, `setup status, CA changed (${locale})`);
      await button.click();
      await page.waitForSelector('[data-testid=setup-healthy]', { timeout: 120_000 });
      assert.ok(((await page.textContent('[data-testid=setup-healthy]')) ?? '').includes(M.setupStatus.healthy));
      assert.equal(new X509Certificate(readFileSync(path.join(dir, 'corporate-ca.crt'))).fingerprint256, fingerprint(proxyB.root.pem));
      // The CLI agrees, from the same ledger.
      assert.equal((await cli(['status', '--proxy', proxyB.url, ...roots], env)).code, 0);
      assertNoPageErrors(page);
    });
  }
});
