import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumMissing = existsSync(CHROMIUM) ? null : 'Debian chromium is not installed (.ci/run installs it)';

/** Debian's Chromium, started as the project's machines require (no sandbox as root, no background traffic). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the current page: no serious or critical violation allowed. Evaluated through CDP, which the page's CSP does not govern. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
  assert.deepEqual(violations, [], `accessibility of ${label}`);
}

export const SCREENSHOTS = path.join(new URL('../../', import.meta.url).pathname, 'test-output', 'screenshots');

export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top: a full-page capture taken while scrolled shows the sticky step menu mid-page.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const errorsByPage = new WeakMap<Page, string[]>();

/**
 * Collects the page's uncaught errors for its whole life, not just until the first render: a test
 * ends with `assertNoPageErrors(page)`, so an exception thrown on any later screen fails it.
 */
export function trackPageErrors(page: Page): void {
  const errors: string[] = [];
  errorsByPage.set(page, errors);
  page.on('pageerror', (e) => errors.push(e.message));
}

export function assertNoPageErrors(page: Page): void {
  const errors = errorsByPage.get(page);
  assert.ok(errors, 'trackPageErrors was not called for this page');
  assert.deepEqual(errors, [], 'uncaught errors in the page');
}

export const VIEWPORTS = { wide: { width: 1280, height: 900 }, narrow: { width: 900, height: 900 } } as const;

/** Screenshots of one state at 1280 and 900 px, light and dark, named `<name>-<width>-<scheme>.png`. */
export async function shootAll(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of Object.values(VIEWPORTS)) {
      await page.setViewportSize(size);
      await assertNoSidewaysScroll(page, `${name} at ${size.width} px`);
      await shoot(page, `${name}-${size.width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(VIEWPORTS.wide);
}

/** No sideways scrolling: the document is no wider than the viewport. */
export async function assertNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const [scroll, client] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [
    number,
    number,
  ];
  assert.ok(scroll <= client, `${label}: page is ${scroll} px wide in a ${client} px viewport`);
}
