import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import { assertAccessible, assertNoPageErrors, chromiumMissing, launchChromium, shootAll } from '../helpers/browser.js';
import { startLab, type Lab } from '../lab/lab.js';
import { startNtlmPasswordProxy, type NtlmPasswordProxy } from '../lab/ntlm-password-proxy.js';
import type { LabProxy } from '../lab/proxy.js';
import { closeAll, exportThenVerify, LANGS, openApp, runCheck, text } from './app.js';

/**
 * Verify behind a proxy that offers only NTLM (it checks the NTLMv2 response against the password), in
 * real Chromium in both languages: the engine signs in, the export is right, and the tools that speak
 * only Basic show "cannot sign in" — the CA is fine — with the proxy and its scheme, the cause says so,
 * and the relay advice (px, cntlm) is the next step. curl signs in with its own NTLM and passes.
 */
let lab: Lab;
let inner: LabProxy;
let ntlm: NtlmPasswordProxy;
let store: string;
let browser: Browser;
const servers: UiServer[] = [];
const PASSWORD = 'Verify-Ntlm-Pw1';

before(async () => {
  if (chromiumMissing) return;
  lab = await startLab({ sites: [{ host: 'www.google.com', family: 'gts', leafAlg: 'ecdsa' }] });
  inner = await lab.startProxy({});
  ntlm = await startNtlmPasswordProxy({ parentPort: inner.port, user: 'alice', password: PASSWORD });
  store = await lab.writePem('verify-ntlm-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), inner.root.pem]);
  browser = await launchChromium();
});
after(() => closeAll(browser, servers, ntlm, inner, lab));

describe('verify through an NTLM-only proxy, in Chromium', { skip: chromiumMissing ?? false }, () => {
  for (const { lang, locale, M } of LANGS) {
    it(`${lang}: Basic-only tools show "cannot sign in" (the CA is fine) with the relay advice; curl passes with NTLM`, async () => {
      const home = path.join(lab.dir, `home-verify-ntlm-${lang}`);
      mkdirSync(home, { recursive: true });
      const page = await openApp(browser, servers, locale, home);
      if (!(await page.isVisible('#setting-proxyUser'))) await page.click('details.advanced summary');
      await page.fill('#setting-proxyUser', 'alice');
      await page.fill('#setting-proxyPassword', PASSWORD);
      await runCheck(page, lab, { targets: ['www.google.com'], proxy: ntlm.url, trustStore: store });
      assert.equal(await text(page, '[data-testid=verdict]'), M.verdict.inspected);
      await exportThenVerify(page, 180_000);
      assert.equal(await page.getAttribute('[data-testid=verify-summary]', 'data-cause'), 'proxy-auth');
      assert.equal(await text(page, '[data-testid=verify-summary]'), M.verifyCause['proxy-auth']);
      const node = page.locator('[data-testid=verify-tools] tr[data-tool=node]');
      assert.equal(await node.getAttribute('data-result'), 'proxy-auth');
      assert.equal(await node.locator('.badge').textContent(), M.outcome['proxy-auth']);
      const said = M.verify.toolProxyAuth.replace('{{proxy}}', ntlm.url).replace('{{schemes}}', 'NTLM');
      assert.equal(await node.locator('[data-testid=tool-proxy-auth]').textContent(), said);
      assert.equal(await page.getAttribute('[data-testid=verify-tools] tr[data-tool=curl]', 'data-result'), 'pass');
      assert.equal(await page.locator('[data-testid=relay-advice]').count(), 1, 'the relay advice is the next step');
      assert.equal(await page.getAttribute('[data-testid=relay-advice]', 'data-proxy'), `127.0.0.1:${ntlm.port}`);
      assert.ok(!(await page.textContent('body'))!.includes(PASSWORD));
      await assertAccessible(page, `${lang} verify proxy-auth`);
      await shootAll(page, `${lang}-verify-proxy-auth`);
      assertNoPageErrors(page);
    });
  }
});

if (chromiumMissing) it(`verify proxy-auth browser tests skipped: ${chromiumMissing}`, { skip: chromiumMissing }, () => {});
