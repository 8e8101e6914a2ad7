/**
 * "Set these up for me" (Configure) and Health, in real Chromium, on a HOME of the test's own that holds
 * npm, git and pip configuration and an insecure `strict-ssl=false`: the preview shows exactly the lines
 * apply then writes; Undo gives back sha256-identical files; Health names the insecure line with file and
 * line; Fix (proven with the real npm through the lab's inspecting proxy) removes it; Undo puts it back.
 * Run from next-steps.test.ts, in its Chromium session and lab.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { diffLines } from 'diff';
import type { UiServer } from '../../electron/cli/ui-server.js';
import type { en } from '../../shared/i18n/en.js';
import { ADVICE_TOOLS } from '../advice/real-tools/advice-path.js';
import { assertAccessible, assertNoPageErrors, shootAll } from '../helpers/browser.js';
import type { Lab } from '../lab/lab.js';
import { openApp, runCheck, text } from './app.js';
import { assertJapanese } from './japanese.js';

export interface LedgerPageCase {
  lab: Lab;
  browser: Browser;
  servers: UiServer[];
  lang: 'en' | 'ja';
  locale: string;
  M: typeof en;
  home: string;
}

const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null);

/** The lines a change added and removed, from the files themselves (not from anything the engine said). */
function changedLines(before: string, after: string) {
  const added: string[] = [];
  const removed: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
    if (part.added) added.push(...lines);
    if (part.removed) removed.push(...lines);
  }
  return { added, removed };
}

/** The lines a preview row shows as added or removed, without the sign. */
const shownLines = async (page: Page, row: string, kind: 'add' | 'remove') =>
  (await page.locator(`[data-testid=plan-${row}] [data-kind=${kind}]`).allTextContents()).map((l) => l.replace(/\n$/, '').slice(1));

/**
 * PATH for the engine: npm (with node), git, pip, and Chromium with certutil (the `nssdb` row, whose
 * change certutil makes), so "installed" means exactly these four rows.
 */
function toolBin(dir: string): string {
  const bin = path.join(dir, 'bin');
  if (existsSync(bin)) return bin;
  mkdirSync(bin, { recursive: true });
  for (const [name, target] of [
    ['node', process.execPath],
    ['npm', '/usr/bin/npm'],
    ['git', '/usr/bin/git'],
    ['pip', path.join(ADVICE_TOOLS, 'venv', 'bin', 'pip')],
    ['chromium', '/usr/bin/chromium'],
    ['certutil', '/usr/bin/certutil'],
  ] as const)
    symlinkSync(target, path.join(bin, name));
  return bin;
}

export async function setupAndHealth({ lab, browser, servers, lang, locale, M, home }: LedgerPageCase): Promise<void> {
  const proxy = await lab.startProxy({});
  const files = {
    npm: path.join(home, '.npmrc'),
    git: path.join(home, '.gitconfig'),
    pip: path.join(home, '.config', 'pip', 'pip.conf'),
  };
  mkdirSync(path.dirname(files.pip), { recursive: true });
  writeFileSync(files.npm, 'save-exact=true\nstrict-ssl=false\n');
  writeFileSync(files.git, '[user]\n\tname = Messy User\n');
  writeFileSync(files.pip, '[global]\ntimeout = 30'); // no final newline
  const original = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, sha(f)]));
  const originalText = Object.fromEntries(Object.entries(files).map(([k, f]) => [k, readFileSync(f, 'utf8')]));

  // The engine's world: this HOME, the three tools, and the inspecting proxy as the user's environment has
  // it (Fix's proofs go through it, as the user's tools would). pip reads its user file (no PIP_CONFIG_FILE).
  const page = await openApp(browser, servers, locale, home, locale, toolBin(lab.dir), {
    env: { HTTPS_PROXY: proxy.url, https_proxy: proxy.url, PIP_CONFIG_FILE: undefined },
  });
  const store = await lab.writePem(`store-ledger-${lang}.pem`, [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
  await runCheck(page, lab, { targets: lab.hosts.slice(0, 3), proxy: proxy.url, trustStore: store });
  await page.click('[data-testid=to-export]');
  const exportDir = path.join(home, 'export 書き出し');
  await page.fill('[data-testid=export-dir]', exportDir);
  await page.click('[data-testid=run-export]');
  await page.waitForSelector('[data-testid=export-result]');
  const bundle = path.join(exportDir, 'ca-bundle.pem');

  // Configure → "Set these up for me": the engine's dry run, shown per file; nothing written yet.
  await page.click('[data-step=configure]');
  assert.equal(await text(page, '#setup-title'), M.setup.title);
  await page.click('[data-testid=setup-preview]');
  await page.waitForSelector('[data-testid=setup-plan]');
  assert.deepEqual(
    await page
      .locator('[data-testid=setup-plan] [data-testid^=plan-]:not([data-testid^=plan-admin])')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-testid')} ${r.getAttribute('data-state')}`)),
    ['plan-npm change', 'plan-pip change', 'plan-git change', 'plan-nssdb change'],
  );
  assert.deepEqual(await shownLines(page, 'npm', 'add'), [`cafile=${bundle}`]);
  assert.deepEqual(await shownLines(page, 'pip', 'add'), [`cert = ${bundle}`]);
  assert.deepEqual(await shownLines(page, 'git', 'add'), ['[http]', `\tsslCAInfo = "${bundle}"`]);
  for (const row of ['npm', 'pip', 'git']) assert.deepEqual(await shownLines(page, row, 'remove'), [], `${row}: nothing removed`);
  assert.equal(await page.locator('[data-testid=plan-npm] [data-testid=runs]').count(), 0, 'npm is a file CA Bridge writes itself');
  assert.equal(await text(page, '[data-testid=plan-nssdb] [data-testid=runs]'), M.setup.runs.replace('{{program}}', 'certutil'));
  const nssdb = path.join(home, '.pki', 'nssdb');
  assert.equal(existsSync(nssdb), false, 'the preview created no database');
  // The system store of this computer needs administrator rights: shown, marked, never included.
  assert.equal(await page.locator('[data-testid=plan-admin]').count(), 1);
  assert.equal(await page.locator('[data-testid=plan-admin] input').count(), 0);
  for (const [tool, file] of Object.entries(files)) assert.equal(sha(file), original[tool], `${tool}: the preview wrote nothing`);
  await assertAccessible(page, `${lang} setup preview`);
  await shootAll(page, `${lang}-configure-setup-preview`);
  if (lang === 'ja') await assertJapanese(page, 'configure: setup preview');

  // Apply: exactly the previewed lines, in the files themselves.
  const previewed = {
    npm: await shownLines(page, 'npm', 'add'),
    pip: await shownLines(page, 'pip', 'add'),
    git: await shownLines(page, 'git', 'add'),
  };
  await page.click('[data-testid=setup-apply]');
  await page.waitForSelector('[data-testid=setup-result]');
  assert.deepEqual(
    await page
      .locator('[data-testid=setup-result] li')
      .evaluateAll((li) => li.map((l) => `${l.getAttribute('data-tool')} ${l.getAttribute('data-outcome')}`)),
    ['npm applied', 'pip applied', 'git applied', 'nssdb applied'],
  );
  assert.match(execFileSync('certutil', ['-L', '-d', `sql:${nssdb}`], { encoding: 'utf8' }), /CA Bridge [0-9a-f]{16}\s+C,,/);
  for (const [tool, file] of Object.entries(files)) {
    const change = changedLines(originalText[tool]!, readFileSync(file, 'utf8'));
    assert.deepEqual(change.added, previewed[tool as keyof typeof previewed], `${tool}: the file got exactly the previewed lines`);
    assert.deepEqual(change.removed, [], `${tool}: nothing of the user's removed`);
  }

  // Undo: that run, byte for byte.
  await page.click('[data-testid=setup-for-me] [data-testid=undo-run]');
  await page.waitForSelector('[data-testid=setup-for-me] [data-testid=undo-results]');
  assert.deepEqual(await page.locator('[data-testid=undo-results] li').evaluateAll((li) => li.map((l) => l.getAttribute('data-outcome'))), [
    'entry-removed',
    'restored',
    'restored',
    'restored',
  ]);
  for (const [tool, file] of Object.entries(files)) assert.equal(sha(file), original[tool], `${tool}: sha256-identical after Undo`);
  assert.equal(existsSync(path.join(nssdb, 'cert9.db')), false, 'the database CA Bridge had created is gone again');
  await assertAccessible(page, `${lang} setup undone`);

  // The CA in place again (Fix removes an insecure line only for a tool whose CA setting is in place).
  await page.click('[data-testid=setup-preview]');
  await page.waitForSelector('[data-testid=setup-plan]');
  await page.click('[data-testid=setup-apply]');
  // The new run, not the undone one's results: its Undo is offered again.
  await page.waitForSelector('[data-testid=setup-for-me] [data-testid=undo-run]');
  const beforeFix = sha(files.npm);

  // Health: the insecure line with its file and line.
  await page.click('[data-step=health]');
  await page.waitForSelector('[data-testid=health-findings]');
  const insecure = page.locator('[data-testid=health-finding][data-kind=verification-off]');
  assert.equal(await insecure.count(), 1, await text(page, 'main'));
  assert.equal(await insecure.locator('[data-testid=finding-where]').textContent(), `${files.npm}:3`);
  assert.ok((await insecure.textContent())!.includes(M.health.meaning['verification-off']));
  assert.ok((await insecure.textContent())!.includes(M.health.severity.high));
  await assertAccessible(page, `${lang} health`);
  await shootAll(page, `${lang}-health-findings`);
  if (lang === 'ja') await assertJapanese(page, 'health: findings');

  // Fix: proven with the real npm (through the inspecting proxy), the line removed, nothing else.
  assert.match(await page.inputValue('#fix-url'), /^https:\/\/[^/]+\/$/, 'the site comes from the check');
  await page.click('[data-testid=health-fix-run]');
  await page.waitForSelector('[data-testid=health-fixed]', { timeout: 180_000 });
  assert.deepEqual(
    await page
      .locator('[data-testid=health-fixed] li')
      .evaluateAll((li) => li.map((l) => `${l.getAttribute('data-tool')} ${l.getAttribute('data-outcome')}`)),
    ['npm removed'],
  );
  assert.equal(readFileSync(files.npm, 'utf8'), `cafile=${bundle}\nsave-exact=true\n`);
  // The page scans again at once (the fix's result and the new scan's start are one render).
  await page.waitForSelector('[data-testid=health-findings]');
  assert.equal(await insecure.count(), 0, 'the re-scan no longer finds it');
  await assertAccessible(page, `${lang} health fixed`);
  await shootAll(page, `${lang}-health-fixed`);
  if (lang === 'ja') await assertJapanese(page, 'health: fixed');

  // Undo the fix: the line is back (sha256), and the page says it switches an insecure setting on again.
  await page.click('[data-testid=health-fixed] [data-testid=undo-run]');
  await page.waitForSelector('[data-testid=health-fixed] [data-testid=undo-results]');
  assert.equal(sha(files.npm), beforeFix);
  assert.ok((await text(page, '[data-testid=health-fixed] [data-testid=undo-results]')).includes(M.setup.reenables.split('{{')[0]!));
  await page.waitForSelector('[data-testid=health-finding][data-kind=verification-off]');
  assertNoPageErrors(page);
}
