import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import { en } from '../../shared/i18n/en.js';
import { fill } from '../../shared/i18n/fill.js';
import { assertAccessible, assertNoPageErrors, chromiumMissing, launchChromium, shootAll, VIEWPORTS } from '../helpers/browser.js';
import { fingerprint } from '../helpers/certs.js';
import { reportSections } from '../helpers/report-sections.js';
import { startLab, type Lab } from '../lab/lab.js';
import { closeAll, freshHome, LANGS, openApp, runCheck, text } from './app.js';
import { assertJapanese } from './japanese.js';
import { setupAndHealth } from './ledger-page.js';

/**
 * The page never leaves a user at a dead end, in real Chromium and both languages: a clean network,
 * a proxy that cannot reach the sites, a root only the proxy vouches for (a true modal), a reload that
 * drops the password; and the report for IT, copied from the page, read field by field.
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

type M = typeof en;

const newHome = () => freshHome(lab, 'next');
/** What a catalogue sentence looks like on the page: backticks become code, which has no backticks. */
const shown = (s: string) => s.replace(/`/g, '');

/** The report's sections as copied: heading → its lines (blank lines dropped). */
async function copiedReport(page: Page, M: M): Promise<Map<string, string[]>> {
  await page.click(`button:has-text("${M.result.copyReport}")`);
  await page.locator('.copy-status', { hasText: M.result.reportCopied }).first().waitFor();
  const md = (await page.evaluate('navigator.clipboard.readText()')) as string;
  assert.doesNotMatch(md, /undefined|null|\{\{|&#x2F;/, md);
  return reportSections(md);
}

const activeTestId = (page: Page) =>
  page.evaluate('document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.id ?? ""');

describe('next steps and the report for IT in Chromium', { skip: chromiumMissing ?? false }, () => {
  for (const { lang, locale, M } of LANGS) {
    it(`${lang}: a clean network — a way on from Result, Export, Configure and Verify; the legend speaks of CAs; the report asks the right thing`, async () => {
      const proxy = await lab.startProxy({ mode: 'passthrough' });
      const page = await openApp(browser, servers, locale, newHome());
      // The first screen names the symptom the user arrives with.
      assert.equal(await text(page, '[data-testid=symptom]'), shown(M.check.symptom));
      // Configure and Verify before any export: why, and a button to Export.
      for (const step of ['configure', 'verify'] as const) {
        await page.click(`[data-step=${step}]`);
        assert.equal(await text(page, '[data-testid=need-export]'), M.needExport[step]);
        await page.click('[data-testid=to-export-step]');
        assert.equal(await page.getAttribute('[data-step=export]', 'aria-current'), 'step', `${step} leads to Export`);
      }
      await page.click('[data-step=check]');
      // The status run as the page opens (no proxy given yet) reached no site and says so…
      assert.equal(await text(page, '[data-testid=setup-not-checked]'), M.setupStatus.notChecked);
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: proxy.url, trustStore: lab.publicRootsFile });
      assert.equal(await text(page, '[data-testid=verdict]'), M.verdict.clean);
      // …which is no longer true once this check has reached every site.
      assert.equal(await page.locator('[data-testid=setup-not-checked]').count(), 0, 'stale "no site could be reached"');
      // At 900 px each host name in the matrix stays on one line (it was cut "www.google.co|m").
      await page.setViewportSize(VIEWPORTS.narrow);
      const lines = await page.evaluate(
        `[...document.querySelectorAll('[data-testid=issuer-matrix] tbody th')].map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return cell.textContent + ': ' + new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        })`,
      );
      assert.deepEqual(
        lines,
        lab.hosts.slice(0, 3).map((host) => `${host}: 1`),
      );
      assert.equal(await page.locator('[data-testid=clean-next] h3').textContent(), M.clean.title);
      assert.ok((await text(page, '[data-testid=clean-next]')).includes(shown(M.clean.stillFails)));
      assert.equal(await text(page, '[data-testid=matrix-caption]'), M.clean.matrixCaption);
      assert.equal(await page.locator('[data-testid=vendor]').count(), 0, 'no product row on a clean network');
      await assertAccessible(page, `${lang} clean result`);
      await shootAll(page, `${lang}-result-clean`);
      if (lang === 'ja') await assertJapanese(page, 'result: clean');

      const report = await copiedReport(page, M);
      const R = M.report;
      assert.deepEqual(report.get(R.requestTitle), [`- ${R.request.clean}`]);
      assert.deepEqual(report.get(R.networkTitle)![0], `- **${R.proxy}**: ${proxy.url}`);
      assert.deepEqual(report.get(R.verdictTitle), [`- ${M.verdict.clean}`, `- ${M.confidence['several-sites']}`]);
      assert.equal(report.has(R.ca), false);
      assert.deepEqual(report.get(R.triedTitle), [`- ${M.tried['proxy-typed']}`]);
      assert.equal(report.get(R.sitesTitle)!.length, 2 + 3);

      // "Explain an error message": Diagnose, with the cursor in the box for the message.
      await page.click('[data-testid=clean-explain]');
      assert.equal(await page.getAttribute('[data-step=diagnose]', 'aria-current'), 'step');
      await page.locator('#diag-text:focus').waitFor();
      // Export on a clean network: why there is nothing to export, and only IT's file can be exported.
      await page.click('[data-step=export]');
      assert.equal(await page.getAttribute('[data-testid=export-none]', 'data-kind'), 'clean');
      assert.ok((await text(page, '[data-testid=export-none]')).includes(M.exportNone.clean));
      assert.equal(await page.isDisabled('[data-testid=run-export]'), true, 'no doomed Export without a file');
      assert.equal(await text(page, '[data-testid=need-file]'), M.exportNone.needFile);
      await assertAccessible(page, `${lang} export on a clean network`);
      await shootAll(page, `${lang}-export-clean`);
      if (lang === 'ja') await assertJapanese(page, 'export: clean');
      await page.fill('[data-testid=from-file]', '/some/file.pem');
      assert.equal(await page.isEnabled('[data-testid=run-export]'), true, "IT's file can be exported");
      await page.click('[data-testid=export-explain]');
      await page.locator('#diag-text:focus').waitFor();
      assertNoPageErrors(page);
    });

    it(`${lang}: a proxy that cannot reach the sites (502) is not said to refuse them`, async () => {
      const proxy = await lab.startProxy({});
      const page = await openApp(browser, servers, locale, newHome());
      await runCheck(page, lab, {
        targets: ['gone-1.example.test', 'gone-2.example.test'],
        proxy: proxy.url,
        trustStore: lab.publicRootsFile,
      });
      assert.equal(await page.getAttribute('[data-testid=cause]', 'data-code'), 'proxy-error');
      assert.equal(await text(page, '[data-testid=cause-text]'), fill(M.proxyStatus.cause, { status: 502 }));
      assert.equal(await text(page, '[data-testid=next-step]'), M.proxyStatus.next);
      for (const row of await page.locator('[data-testid=site-reasons] tbody tr').all())
        assert.ok((await row.textContent())!.includes(fill(M.proxyStatus.reason, { status: 502 })));
      // Export: nothing identified yet, so the way on is to check again.
      await page.click('[data-step=export]');
      assert.equal(await page.getAttribute('[data-testid=export-none]', 'data-kind'), 'inconclusive');
      await page.click('[data-testid=export-check]');
      assert.equal(await page.getAttribute('[data-step=check]', 'aria-current'), 'step');
      assertNoPageErrors(page);
    });

    it(`${lang}: a root only the proxy sent — the pasted fingerprint goes into a true modal; Escape closes it; focus lands on the written files; the report asks IT to confirm`, async () => {
      const proxy = await lab.startProxy({ shape: 'leaf+root', caSubject: `CN=Unknown Corp Root ${lang}, O=Unknown` });
      const home = newHome();
      const page = await openApp(browser, servers, locale, home);
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: proxy.url, trustStore: lab.publicRootsFile });
      const real = fingerprint(proxy.root.pem);
      await page.fill('[data-testid=it-fingerprint]', real.toLowerCase());
      const report = await copiedReport(page, M);
      assert.deepEqual(report.get(M.report.requestTitle), [`- ${fill(M.report.request.untrusted, { fingerprint: `\`${real}\`` })}`]);
      const ca = report.get(M.report.ca)!;
      assert.equal(ca[0], `- **${M.report.subject}**: CN=Unknown Corp Root ${lang}, O=Unknown`);
      assert.equal(ca[1], `- **${M.report.fingerprint}**: \`${real}\``);
      assert.match(ca[2]!, new RegExp(`^- \\*\\*${M.report.validity}\\*\\*: `));
      assert.equal(ca[3], `- **${M.report.source}**: ${M.source['presented-chain']}`);

      await page.click('[data-testid=to-export]');
      const exportDir = path.join(home, 'exported');
      await page.fill('[data-testid=export-dir]', exportDir);
      await page.click('[data-testid=run-export]');
      await page.waitForSelector('[data-testid=untrusted-dialog]');
      assert.equal(
        await page.inputValue('[data-testid=dialog-fingerprint]'),
        real.toLowerCase(),
        'the fingerprint pasted on Result is carried in',
      );
      assert.equal(await page.getAttribute('[data-testid=dialog-fingerprint-verdict]', 'data-verdict'), 'match');
      assert.equal(await page.evaluate('document.querySelector("[data-testid=untrusted-dialog]").matches(":modal")'), true);
      // Truly modal: Tab never leaves the dialog, and the page behind cannot be clicked.
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Tab');
        assert.equal(
          await page.evaluate('!!document.activeElement?.closest("[data-testid=untrusted-dialog]")'),
          true,
          `Tab ${i + 1} stays inside`,
        );
      }
      await assert.rejects(page.click('[data-step=check]', { timeout: 1500 }), 'the step menu behind the dialog is inert');
      await assertAccessible(page, `${lang} untrusted dialog`);
      await shootAll(page, `${lang}-export-untrusted-dialog`);
      if (lang === 'ja') await assertJapanese(page, 'export: untrusted dialog');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-testid=untrusted-dialog]', { state: 'detached' });
      assert.equal(existsSync(exportDir), false, 'Escape exports nothing');
      // A different pasted fingerprint forbids the export whatever the box says.
      await page.click('[data-testid=run-export]');
      await page.fill('[data-testid=dialog-fingerprint]', real.slice(0, -1) + (real.endsWith('0') ? '1' : '0'));
      await page.check('[data-testid=untrusted-compared]');
      assert.equal(await page.isDisabled('[data-testid=untrusted-accept]'), true);
      await page.fill('[data-testid=dialog-fingerprint]', real);
      await page.click('[data-testid=untrusted-accept]');
      await page.waitForSelector('[data-testid=export-result]');
      await page.locator('[data-testid=written-title]:focus').waitFor({ timeout: 5000 });
      assert.equal(await activeTestId(page), 'written-title', 'focus on the result, not <body>');
      assert.ok(existsSync(path.join(exportDir, 'corporate-ca.pem')));
      assertNoPageErrors(page);
    });

    it(`${lang}: the password field looks like the others; a reload asks for the password again; the path never breaks a name mid-word`, async () => {
      const proxy = await lab.startProxy({ caSubject: `CN=Very Long Corporate Inspection Root Certificate Authority ${lang}` });
      const page = await openApp(browser, servers, locale, newHome());
      await page.click('details.advanced summary');
      const heights = await Promise.all(
        ['#setting-proxyUser', '#setting-proxyPassword', '#setting-proxy'].map(async (s) =>
          Math.round((await page.locator(s).boundingBox())!.height),
        ),
      );
      assert.deepEqual(new Set(heights).size, 1, `field heights ${heights.join(', ')}`);
      await page.fill('#setting-proxyUser', 'alice');
      await page.fill('#setting-proxyPassword', 'S3cret-pw');
      await page.reload();
      await page.waitForSelector('[data-testid=start-check]');
      assert.equal(await text(page, '[data-testid=password-again]'), M.check.passwordAgain);
      // The Japanese walk opens every <details>: open the settings only if they are closed.
      if (lang === 'ja') await assertJapanese(page, 'check: password again');
      if (!(await page.isVisible('#setting-proxyPassword'))) await page.click('details.advanced summary');
      await page.fill('#setting-proxyPassword', 'S3cret-pw');
      assert.equal(await page.locator('[data-testid=password-again]').count(), 0, 'typed again: the request goes');
      await page.fill('#setting-proxyUser', '');
      await page.fill('#setting-proxyPassword', '');

      const store = await lab.writePem(`store-next-${lang}.pem`, [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
      await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: proxy.url, trustStore: store });
      for (const width of [1280, 900]) {
        await page.setViewportSize({ width, height: 900 });
        // Each word of each name in the path lies on one line: a break only ever falls between words.
        const split = (await page.evaluate(`(() => {
          const out = [];
          const walker = document.createTreeWalker(document.querySelector('[data-testid=chain-diagram]'), NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.textContent.matchAll(/\\S+/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (tops.size > 1) out.push(m[0]);
            }
          }
          return out;
        })()`)) as string[];
        assert.deepEqual(split, [], `no name broken mid-word at ${width} px`);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      assertNoPageErrors(page);
    });
  }
});

if (chromiumMissing) it(`browser tests skipped: ${chromiumMissing}`, { skip: chromiumMissing }, () => {});

describe('"Set these up for me" and Health in Chromium', { skip: chromiumMissing ?? false }, () => {
  for (const { lang, locale, M } of LANGS)
    it(
      `${lang}: the preview shows the exact lines, apply writes them, Undo gives every byte back; Health names the insecure line, Fix removes it with a proof, Undo puts it back`,
      {
        timeout: 600_000,
      },
      () => setupAndHealth({ lab, browser, servers, lang, locale, M, home: newHome() }),
    );
});
