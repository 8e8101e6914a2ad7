import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import {
  assertAccessible,
  assertNoPageErrors,
  assertNoSidewaysScroll,
  chromiumMissing,
  launchChromium,
  shootAll,
} from '../helpers/browser.js';
import { fingerprint } from '../helpers/certs.js';
import { startLab, type Lab } from '../lab/lab.js';
import { closeAll, freshHome, LANGS, openApp, runCheck, startCheck, text } from './app.js';

/**
 * What a user on a difficult corporate network meets, in real Chromium, in both languages: every
 * assertion is on what the page says and offers (words from the catalogue of the page's language).
 */
let lab: Lab;
let browser: Browser;
const servers: UiServer[] = [];

before(async () => {
  if (chromiumMissing) return;
  lab = await startLab();
  browser = await launchChromium();
});
after(() => closeAll(browser, servers, lab));

const newHome = () => freshHome(lab, 'unhappy');
const storeWith = (name: string, pems: string[]) => lab.writePem(name, [...pems, ...Object.values(lab.families).map((f) => f.root.pem)]);

async function assertNoExportOffered(page: Page) {
  assert.equal(await page.locator('[data-testid=to-export]').count(), 0, 'no Export button under an Inconclusive verdict');
}

describe('unhappy paths in Chromium', { skip: chromiumMissing ?? false }, () => {
  for (const { lang, locale, M } of LANGS) {
    it(`${lang}: proxy refused — the cause in one sentence, each site's reason, a next step, no Export`, async () => {
      const proxy = await lab.startProxy({ mode: 'refuse' });
      const page = await openApp(browser, servers, locale, newHome());
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: proxy.url, trustStore: lab.publicRootsFile });
      assert.equal(await text(page, '[data-testid=verdict]'), M.verdict.inconclusive);
      assert.equal(await page.getAttribute('[data-testid=confidence]', 'data-level'), 'none');
      assert.equal(await page.getAttribute('[data-testid=cause]', 'data-code'), 'proxy-refused');
      assert.equal(await text(page, '[data-testid=cause-text]'), M.cause['proxy-refused']);
      assert.equal(await text(page, '[data-testid=next-step]'), M.next['proxy-refused']);
      const rows = page.locator('[data-testid=site-reasons] tbody tr');
      assert.equal(await rows.count(), 3);
      for (const row of await rows.all()) {
        assert.equal(await row.getAttribute('data-code'), 'proxy-refused');
        assert.ok((await row.textContent())!.includes(M.reason['proxy-refused']));
      }
      await assertNoExportOffered(page);
      // The report for IT: in the page's language, each site's reason, Markdown.
      await page.click(`button:has-text("${M.result.copyReport}")`);
      await page.locator('.copy-status', { hasText: M.result.reportCopied }).waitFor();
      const report = (await page.evaluate('navigator.clipboard.readText()')) as string;
      assert.ok(report.startsWith(`## ${M.report.title}`), report);
      assert.ok(report.includes(`| ${lab.hosts[0]}:443 | ${M.status.error} | ${M.reason['proxy-refused']} |`), report);
      assert.ok(report.includes(M.verdict.inconclusive));
      assert.doesNotMatch(report, /undefined|null/);
      // "Save as JSON": the engine's result, downloaded as it is.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=save-json]')]);
      assert.match(download.suggestedFilename(), /^ca-bridge-.*\.json$/);
      const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
        verdict: string;
        targets: { error: { code: string } }[];
      };
      assert.equal(saved.verdict, 'inconclusive');
      assert.deepEqual(
        saved.targets.map((x) => x.error.code),
        ['proxy-refused', 'proxy-refused', 'proxy-refused'],
      );
      await assertAccessible(page, `${lang} proxy refused`);
      await assertNoSidewaysScroll(page, 'proxy refused');
      await shootAll(page, `${lang}-result-proxy-refused`);
      // A reload keeps the language, the settings and the result.
      await page.reload();
      await page.waitForSelector('[data-testid=verdict]');
      assert.equal(await text(page, '[data-testid=verdict]'), M.verdict.inconclusive);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await page.click('[data-step=check]');
      await page.click('details.advanced summary');
      assert.equal(await page.inputValue('#setting-proxy'), proxy.url);
      assertNoPageErrors(page);
    });

    it(`${lang}: 407 — names the authentication scheme; a wrong password is named as such and never shown or stored`, async () => {
      const proxy = await lab.startProxy({ auth: { user: 'alice', password: 'right-one' } });
      const page = await openApp(browser, servers, locale, newHome());
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: proxy.url, trustStore: lab.publicRootsFile });
      assert.equal(await page.getAttribute('[data-testid=cause]', 'data-code'), 'proxy-auth-required');
      assert.equal(
        await text(page, '[data-testid=cause-text]'),
        `${M.cause['proxy-auth-required']} ${M.auth.scheme.replace('{{scheme}}', 'Basic')}`,
      );
      assert.equal(await text(page, '[data-testid=next-step]'), M.authNext.browser);
      await assertNoExportOffered(page);
      await assertAccessible(page, `${lang} 407`);
      await shootAll(page, `${lang}-result-407`);

      const withPassword = proxy.url.replace('http://', 'http://alice:Wr0ng-S3cret@');
      await page.click('[data-step=check]');
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: withPassword, trustStore: lab.publicRootsFile });
      await page.locator('[data-testid=cause-text]', { hasText: M.auth.rejected }).waitFor();
      const body = (await page.textContent('body'))!;
      assert.ok(!body.includes('Wr0ng-S3cret'), 'the password is not on the page');
      await page.click(`button:has-text("${M.result.copyReport}")`);
      await page.locator('.copy-status', { hasText: M.result.reportCopied }).waitFor();
      assert.ok(!((await page.evaluate('navigator.clipboard.readText()')) as string).includes('Wr0ng-S3cret'), 'nor in the report');
      assert.ok(!((await page.evaluate('JSON.stringify(sessionStorage)')) as string).includes('Wr0ng-S3cret'), 'nor in storage');
      assertNoPageErrors(page);
    });

    it(`${lang}: one reachable well-known site re-signed by a CA of the OS store — a verdict with moderate confidence`, async () => {
      const proxy = await lab.startProxy({ caSubject: 'CN=Example Corp Inspection Root, O=Example Corp', blocked: lab.hosts.slice(1) });
      const page = await openApp(browser, servers, locale, newHome());
      const store = await storeWith(`store-one-${lang}.pem`, [proxy.root.pem]);
      await runCheck(page, lab, { targets: lab.hosts, proxy: proxy.url, trustStore: store });
      assert.equal(await text(page, '[data-testid=verdict]'), M.verdict.inspected);
      assert.equal(await page.getAttribute('[data-testid=confidence]', 'data-level'), 'moderate');
      assert.equal(await text(page, '[data-testid=confidence]'), M.confidence['one-known-site-trust-store']);
      assert.equal(await page.getAttribute('[data-testid=ca-source]', 'data-source'), 'trust-store');
      assert.equal(await text(page, '[data-testid=ca-fingerprint]'), fingerprint(proxy.root.pem));
      assert.equal(await page.locator('[data-testid=to-export]').count(), 1, 'Export is offered');
      assert.equal(await page.locator('[data-testid=add-sites]').count(), 1, 'internal sites can be added');
      await assertAccessible(page, `${lang} one site`);
      await shootAll(page, `${lang}-result-one-site`);
      assertNoPageErrors(page);
    });

    it(`${lang}: untrusted root — its own warning, IT's fingerprint compared (match, mismatch), IT's file imported (PEM, DER, P7B)`, async () => {
      const proxy = await lab.startProxy({ shape: 'leaf+root', caSubject: `CN=Unknown Corp Root ${lang}, O=Unknown` });
      const home = newHome();
      const page = await openApp(browser, servers, locale, home);
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: proxy.url, trustStore: lab.publicRootsFile });
      await page.waitForSelector('[data-testid=untrusted-root]');
      assert.equal(await page.getAttribute('[data-testid=ca-source]', 'data-source'), 'presented-chain');
      const real = fingerprint(proxy.root.pem);
      // Formatting does not count: lower case, spaces instead of colons, a "SHA256 Fingerprint=" prefix.
      await page.fill('[data-testid=it-fingerprint]', `SHA256 Fingerprint=${real.toLowerCase().replace(/:/g, ' ')}`);
      assert.equal(await page.getAttribute('[data-testid=it-fingerprint-verdict]', 'data-verdict'), 'match');
      assert.equal(await text(page, '[data-testid=it-fingerprint-verdict]'), M.result.fpMatch);
      await assertAccessible(page, `${lang} untrusted match`);
      await shootAll(page, `${lang}-result-untrusted-match`);
      const wrong = real.slice(0, -1) + (real.endsWith('0') ? '1' : '0');
      await page.fill('[data-testid=it-fingerprint]', wrong);
      assert.equal(await page.getAttribute('[data-testid=it-fingerprint-verdict]', 'data-verdict'), 'mismatch');
      assert.equal(await text(page, '[data-testid=it-fingerprint-verdict]'), M.result.fpMismatch);
      await page.fill('[data-testid=it-fingerprint]', 'not a fingerprint');
      assert.equal(await page.getAttribute('[data-testid=it-fingerprint-verdict]', 'data-verdict'), 'invalid');
      await assertAccessible(page, `${lang} untrusted mismatch`);

      // "Use the certificate file IT gave me": PEM, DER and PKCS#7, no confirmation needed for the user's own file.
      const pem = path.join(lab.dir, `it-${lang}.pem`);
      writeFileSync(pem, proxy.root.pem);
      const der = path.join(lab.dir, `it-${lang}.cer`);
      execFileSync('openssl', ['x509', '-in', pem, '-outform', 'DER', '-out', der]);
      const p7b = path.join(lab.dir, `it-${lang}.p7b`);
      execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', pem, '-outform', 'DER', '-out', p7b]);
      await page.click('[data-testid=use-it-file]');
      for (const [kind, file] of [
        ['pem', pem],
        ['der', der],
        ['p7b', p7b],
      ] as const) {
        const dir = path.join(home, `from-it-${kind}`);
        await page.fill('[data-testid=export-dir]', dir);
        await page.fill('[data-testid=from-file]', file);
        await page.click('[data-testid=run-export]');
        await page.waitForSelector('[data-testid=export-result]');
        assert.equal(await page.locator('[data-testid=untrusted-dialog]').count(), 0, kind);
        assert.equal(await text(page, '[data-testid=exported-fingerprint]'), real, kind);
        assert.ok(existsSync(path.join(dir, 'corporate-ca.pem')), kind);
      }
      await assertAccessible(page, `${lang} export from IT's file`);
      await shootAll(page, `${lang}-export-from-it-file`);
      // A broken file: the error is worded, and the previous success card is gone.
      const broken = path.join(lab.dir, `broken-${lang}.pem`);
      writeFileSync(broken, 'not a certificate\n');
      await page.fill('[data-testid=from-file]', broken);
      await page.click('[data-testid=run-export]');
      await page.waitForSelector('[data-testid=error]');
      assert.equal(await page.getAttribute('[data-testid=error]', 'data-code'), 'bad-import');
      assert.ok((await text(page, '[data-testid=error] p')).includes(M.error['bad-import']));
      assert.equal(await page.locator('[data-testid=export-result]').count(), 0, 'no stale success card under the error');
      await assertAccessible(page, `${lang} export error`);
      await shootAll(page, `${lang}-export-error`);
      assertNoPageErrors(page);
    });

    it(`${lang}: a relative export folder lands in the home folder, and the page says so first`, async () => {
      const proxy = await lab.startProxy({ caSubject: `CN=Relative Corp Root ${lang}` });
      const home = newHome();
      const page = await openApp(browser, servers, locale, home);
      const store = await storeWith(`store-rel-${lang}.pem`, [proxy.root.pem]);
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: proxy.url, trustStore: store });
      await page.click('[data-testid=to-export]');
      await page.fill('[data-testid=export-dir]', 'my certs');
      const expected = path.join(home, 'my certs');
      assert.equal(await text(page, '[data-testid=relative-note]'), M.export.relative.replace('{{dir}}', expected));
      await page.click('[data-testid=run-export]');
      await page.waitForSelector('[data-testid=export-result]');
      assert.ok(existsSync(path.join(expected, 'corporate-ca.pem')));
      assert.ok((await text(page, '[data-testid=export-result]')).includes(path.join(expected, 'corporate-ca.pem')));
      await assertAccessible(page, `${lang} relative export`);
      await shootAll(page, `${lang}-export-relative`);
      assertNoPageErrors(page);
    });

    it(`${lang}: failed Verify — the sites are now signed by another CA than the exported one, and the page says what to do`, async () => {
      const first = await lab.startProxy({ caSubject: `CN=First Corp Root ${lang}` });
      const second = await lab.startProxy({ caSubject: `CN=Second Corp Root ${lang}` });
      const home = newHome();
      const page = await openApp(browser, servers, locale, home);
      const store = await storeWith(`store-verify-${lang}.pem`, [first.root.pem, second.root.pem]);
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: first.url, trustStore: store });
      await page.click('[data-testid=to-export]');
      await page.fill('[data-testid=export-dir]', path.join(home, 'exported'));
      await page.click('[data-testid=run-export]');
      await page.waitForSelector('[data-testid=export-result]');
      // The network changes its inspection CA (a new appliance, another office).
      await page.click('[data-step=check]');
      await page.click('details.advanced summary');
      await page.fill('#setting-proxy', second.url);
      await page.click('[data-step=verify]');
      await page.click('[data-testid=run-verify]');
      // Per-tool progress: each tool's outcome shows while the others still run.
      await page.waitForSelector('[data-testid=verify-live] li[data-tool]', { timeout: 120_000 });
      await page.waitForSelector('[data-testid=verify-summary]', { timeout: 120_000 });
      assert.equal(await page.getAttribute('[data-testid=verify-summary]', 'data-passed'), 'false');
      assert.equal(await page.getAttribute('[data-testid=verify-summary]', 'data-cause'), 'different-ca');
      assert.equal(await text(page, '[data-testid=verify-summary]'), M.verifyCause['different-ca']);
      assert.equal(await page.locator('[data-testid=verify-recheck]').count(), 1, 'offers to check again');
      for (const row of await page.locator('[data-testid=verify-sites] tbody tr').all())
        assert.equal(await row.getAttribute('data-extra'), 'fail');
      assert.equal(await page.getAttribute('[data-tool="node"]', 'data-result'), 'fail');
      await assertAccessible(page, `${lang} failed verify`);
      await page.setViewportSize({ width: 900, height: 900 });
      await assertNoSidewaysScroll(page, 'failed verify at 900 px');
      await shootAll(page, `${lang}-verify-failed`);
      assertNoPageErrors(page);
    });

    it(`${lang}: Cancel abandons a check that hangs; nothing from it appears later`, async () => {
      const proxy = await lab.startProxy({ mode: 'hang' });
      const page = await openApp(browser, servers, locale, newHome());
      await startCheck(page, lab, { targets: lab.hosts.slice(0, 2), proxy: proxy.url, trustStore: lab.publicRootsFile });
      await page.click('[data-testid=cancel-check]');
      assert.equal(await text(page, '[data-testid=cancelled]'), M.common.cancelled);
      assert.equal(await page.isEnabled('[data-testid=start-check]'), true);
      await assertAccessible(page, `${lang} cancelled`);
      await shootAll(page, `${lang}-check-cancelled`);
      // The engine gives up on the hanging proxy after its 10 s per-site limit; the page must ignore that answer.
      await page.waitForTimeout(12_000);
      assert.equal(await page.locator('[data-testid=verdict]').count(), 0);
      assert.equal(await page.getAttribute('[data-step=check]', 'aria-current'), 'step');
      assertNoPageErrors(page);
    });
  }
});

if (chromiumMissing) it(`browser tests skipped: ${chromiumMissing}`, { skip: chromiumMissing }, () => {});
