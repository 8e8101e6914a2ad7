import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import { assertAccessible, assertNoPageErrors, chromiumMissing, launchChromium, shoot, shootAll } from '../helpers/browser.js';
import { fingerprint } from '../helpers/certs.js';
import { startLab, type Lab } from '../lab/lab.js';
import { makeProxyCa } from '../lab/proxy.js';
import { mitmproxyMissing, startMitmproxyInLab, type Mitmproxy } from '../lab/mitmproxy.js';
import { openApp as openAppOn, runCheck as runCheckOn, type CheckSettings } from './app.js';

let lab: Lab;
let browser: Browser;
let mitm: Mitmproxy | null = null;
const servers: UiServer[] = [];

before(async () => {
  if (chromiumMissing) return;
  lab = await startLab();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  await mitm?.close();
  await lab?.close();
});

const openApp = (locale: string, home: string): Promise<Page> => openAppOn(browser, servers, locale, home);
const runCheck = (page: Page, settings: CheckSettings) => runCheckOn(page, lab, settings);

/** Check → Result → Export → Configure → Verify → Diagnose, asserting what a user sees at each step. */
async function wholeFlow(page: Page, lang: 'ja' | 'en', proxyUrl: string, caPem: string, vendor: string, home: string) {
  const text = (selector: string) => page.textContent(selector).then((t) => t ?? '');
  await assertAccessible(page, `${lang} check`);
  await shoot(page, `${lang}-1-check`);
  await shootAll(page, `${lang}-1-check`);
  const store = await lab.writePem(`store-${lang}.pem`, [caPem, ...Object.values(lab.families).map((f) => f.root.pem)]);
  await runCheck(page, { targets: lab.hosts, proxy: proxyUrl, trustStore: store });

  // Result
  assert.match(
    await text('[data-testid=verdict]'),
    lang === 'ja' ? new RegExp(`${vendor} による TLS インスペクションを検出しました`) : new RegExp(`TLS inspection by ${vendor} detected`),
  );
  assert.equal(await text('[data-testid=vendor]'), vendor);
  assert.equal(await text('[data-testid=ca-fingerprint]'), fingerprint(caPem));
  assert.equal(await page.getAttribute('[data-testid=ca-source]', 'data-source'), 'trust-store');
  assert.equal(await page.locator('[data-testid=issuer-matrix] tbody tr').count(), lab.hosts.length);
  assert.match(
    await text('[data-testid=chain-diagram]'),
    lang === 'ja' ? /この PC.*インスペクション用プロキシ/ : /This PC.*Inspection proxy/,
  );
  await assertAccessible(page, `${lang} result`);
  await shoot(page, `${lang}-2-result`);
  await shootAll(page, `${lang}-2-result`);
  // Layout a worried user relies on, at 1280 px: the next action in view without scrolling, the
  // connection path on one line; at 1280 and 900 px the fingerprint never breaks inside a byte.
  const next = (await page.locator('[data-testid=to-export]').boundingBox())!;
  assert.ok(next.y + next.height <= 900, `Next is in view (at ${Math.round(next.y)} px)`);
  const nodeTops = (await page.evaluate(
    `[...document.querySelectorAll('.path .node')].map((n) => n.getBoundingClientRect().top)`,
  )) as number[];
  assert.equal(new Set(nodeTops).size, 1, 'the connection path does not wrap at 1280 px');
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 900 });
    const lines = (await page.evaluate(
      `[...document.querySelectorAll('[data-testid=ca-fingerprint] .fp-group')].map((g) => new Set([...g.getClientRects()].map((r) => Math.round(r.top))).size)`,
    )) as number[];
    assert.deepEqual(lines, [1, 1, 1, 1], `fingerprint groups of eight bytes stay whole at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Export
  await page.click('[data-testid=to-export]');
  const exportDir = path.join(lab.dir, `export ${lang} 山田`);
  await page.fill('[data-testid=export-dir]', exportDir);
  await page.click('[data-testid=run-export]');
  await page.waitForSelector('[data-testid=export-result]');
  const written = await text('[data-testid=export-result]');
  for (const file of ['corporate-ca.pem', 'corporate-ca.crt', 'ca-bundle.pem']) {
    assert.ok(written.includes(path.join(exportDir, file)), file);
    assert.ok(existsSync(path.join(exportDir, file)), `${file} on disk`);
  }
  await assertAccessible(page, `${lang} export`);
  await shoot(page, `${lang}-3-export`);
  await shootAll(page, `${lang}-3-export`);

  // Configure
  await page.click('[data-testid=export-result] button.primary');
  await page.waitForSelector('[data-testid=env-snippet]');
  const snippet = await text('[data-testid=env-snippet]');
  assert.ok(snippet.includes(`export NODE_EXTRA_CA_CERTS='${path.join(exportDir, 'corporate-ca.pem')}'`), snippet);
  assert.ok(snippet.includes(`export SSL_CERT_FILE='${path.join(exportDir, 'ca-bundle.pem')}'`));
  assert.match(snippet, lang === 'ja' ? /検証を無効にしないでください/ : /Never turn verification off/);
  await page.click('.snippet .copy button');
  await page.waitForSelector('.snippet .copy-status:not(:empty)');
  assert.equal(await page.evaluate('navigator.clipboard.readText()'), snippet, 'the copy button copies exactly the snippet');
  await page.click('#tab-fish');
  assert.equal(await text('.snippet .copy-status'), '', '"Copied" is reset when another shell is shown');
  await page.locator('[data-testid=env-snippet]', { hasText: 'set -gx NODE_EXTRA_CA_CERTS' }).waitFor();
  await page.click('#tab-bash');
  await page.locator('[data-testid=env-snippet]', { hasText: 'export NODE_EXTRA_CA_CERTS' }).waitFor();
  assert.equal(await page.locator('[data-testid=other-tools] [data-testid=tool-node]').count(), 0, 'node is installed: shown first');
  assert.equal(await page.locator('[data-testid=tool-node]').count(), 1);
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=apply-preview]');
  assert.ok((await text('[data-testid=apply-diff]')).includes('NODE_EXTRA_CA_CERTS'), 'the preview shows the lines Apply adds');
  assert.equal(existsSync(path.join(home, '.profile')), false, 'the preview writes nothing');
  await page.click('[data-testid=apply-confirm]');
  await page.waitForSelector('[data-testid=profile-status]');
  assert.ok((await text('[data-testid=profile-status]')).includes(path.join(home, '.profile')));
  await assertAccessible(page, `${lang} configure`);
  await shoot(page, `${lang}-4-configure`);
  await shootAll(page, `${lang}-4-configure`);
  await page.click('[data-testid=revert]');
  await page.locator('[data-testid=profile-status]', { hasText: /Removed|削除/ }).waitFor();

  // Verify
  await page.click('[data-step=verify]');
  await page.click('[data-testid=run-verify]');
  await page.waitForSelector('[data-testid=verify-summary]', { timeout: 60_000 });
  assert.match(
    await text('[data-testid=verify-summary]'),
    lang === 'ja' ? /すべての確認に成功しました/ : /Everything that could run passed/,
  );
  for (const tool of ['node', 'curl', 'openssl'])
    assert.equal(await page.getAttribute(`[data-tool="${tool}"]`, 'data-result'), 'pass', tool);
  await assertAccessible(page, `${lang} verify`);
  await shoot(page, `${lang}-5-verify`);
  await shootAll(page, `${lang}-5-verify`);

  // Diagnose
  await page.click('[data-step=diagnose]');
  await page.fill('[data-testid=diag-host]', lab.hosts[0]!);
  await page.click('[data-testid=diag-run]');
  await page.waitForSelector('[data-testid=diagnose-chain] [data-code=inspected]');
  await page.fill('[data-testid=diag-text]', 'npm ERR! code SELF_SIGNED_CERT_IN_CHAIN\nnpm ERR! errno SELF_SIGNED_CERT_IN_CHAIN');
  await page.click('[data-testid=diag-explain]');
  await page.waitForSelector('[data-testid=explanations] [data-id=npm-cert]');
  assert.match(await text('[data-testid=explanations]'), lang === 'ja' ? /この環境では/ : /On this machine/);
  await assertAccessible(page, `${lang} diagnose`);
  await shoot(page, `${lang}-6-diagnose`);
  await shootAll(page, `${lang}-6-diagnose`);
  assertNoPageErrors(page);
}

describe('browser mode end to end in Chromium', { skip: chromiumMissing ?? false }, () => {
  it('Japanese, on the lab: the whole flow from Check to Verify, and Diagnose', async () => {
    const ca = await makeProxyCa(
      'ecdsa',
      'CN=Zscaler Root CA, O=Zscaler Inc., C=US',
      'CN=Zscaler Intermediate Root CA (zscalerthree.net) (t) , O=Zscaler Inc.',
    );
    const proxy = await lab.startProxy({ ca, shape: 'leaf+intermediate' });
    const home = path.join(lab.dir, 'home-ja');
    await wholeFlow(await openApp('ja-JP', home), 'ja', proxy.url, ca.root.pem, 'Zscaler', home);
  });

  it('English, on real mitmproxy: the whole flow from Check to Verify, and Diagnose', { skip: mitmproxyMissing() ?? false }, async () => {
    mitm = await startMitmproxyInLab(lab);
    const home = path.join(lab.dir, 'home-en');
    await wholeFlow(await openApp('en-US', home), 'en', mitm.url, mitm.caPem, 'mitmproxy', home);
  });

  it('a root only the proxy vouches for cannot be exported without confirming its fingerprint; the language can be switched', async () => {
    const proxy = await lab.startProxy({ shape: 'leaf+root', caSubject: 'CN=Unknown Corp Root, O=Unknown' });
    const page = await openApp('en-US', path.join(lab.dir, 'home-gate'));
    await runCheck(page, { targets: lab.hosts.slice(0, 3), proxy: proxy.url, trustStore: lab.publicRootsFile });
    assert.equal(await page.getAttribute('[data-testid=ca-source]', 'data-source'), 'presented-chain');
    await page.click('[data-step=export]');
    const exportDir = path.join(lab.dir, 'export-gate');
    await page.fill('[data-testid=export-dir]', exportDir);
    await page.click('[data-testid=run-export]');
    await page.waitForSelector('[data-testid=untrusted-dialog]');
    assert.equal(await page.textContent('[data-testid=untrusted-fingerprint]'), fingerprint(proxy.root.pem));
    assert.equal(await page.isDisabled('[data-testid=untrusted-accept]'), true, 'no export before the user says they compared');
    await assertAccessible(page, 'untrusted confirmation');
    await shoot(page, 'en-3-export-untrusted');
    assert.equal(existsSync(exportDir), false);
    await page.check('[data-testid=untrusted-compared]');
    await page.click('[data-testid=untrusted-accept]');
    await page.waitForSelector('[data-testid=export-result]');
    assert.ok(existsSync(path.join(exportDir, 'corporate-ca.pem')));
    await page.selectOption('[data-testid=language]', 'ja');
    await page.locator('h2', { hasText: 'CA をエクスポート' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assertNoPageErrors(page);
  });
});

if (chromiumMissing) it(`browser tests skipped: ${chromiumMissing}`, { skip: chromiumMissing }, () => {});
