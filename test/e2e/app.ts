import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startUiServer, type UiServer } from '../../electron/cli/ui-server.js';
import type { ServiceContext } from '../../electron/core/service/service.js';
import { en } from '../../shared/i18n/en.js';
import { ja } from '../../shared/i18n/ja.js';
import { RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { trackPageErrors } from '../helpers/browser.js';
import type { Lab } from '../lab/lab.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

const staticDir = new URL('../../renderer/dist', import.meta.url).pathname;

/** The two languages the page tests walk, each with its catalogue. */
export const LANGS = [
  { lang: 'en', locale: 'en-US', M: en },
  { lang: 'ja', locale: 'ja-JP', M: ja },
] as const;

/** Closes what a page test started: Chromium first (its pages hold connections to the servers), then the rest in order. */
export async function closeAll(
  browser: Browser | undefined,
  servers: UiServer[],
  ...rest: ({ close(): Promise<unknown> } | undefined)[]
): Promise<void> {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  for (const started of rest) await started?.close();
}

/** A fresh HOME folder inside the lab for one page's user (`name` says which test it is for). */
export const freshHome = (lab: Lab, name: string) => mkdtempSync(path.join(lab.dir, `home-${name}-`));

/** Browser mode on its own server with its own HOME, in a fresh Chromium context speaking `locale`. */
export async function openApp(
  browser: Browser,
  servers: UiServer[],
  locale: string,
  home: string,
  serverLocale = locale,
  /** The PATH the engine finds tools on (Verify's tools); this process's PATH unless given. */
  toolPath = process.env.PATH,
  /** More of the engine's world: environment variables, and proxy discovery pointed at a lab. */
  extra: {
    env?: NodeJS.ProcessEnv;
    proxyDiscovery?: ServiceContext['proxyDiscovery'];
    log?: ServiceContext['log'];
    presets?: ServiceContext['presets'];
  } = {},
): Promise<Page> {
  const server = await startUiServer({
    port: 0,
    staticDir,
    // A rustup-installed cargo finds its toolchains under the real user's RUSTUP_HOME, as it would for a user.
    service: {
      // Verify proves the user's own configuration: the machine's global npmrc (cafile) and system gitconfig are
      // swapped for absent ones through the tools' own variables, so the page's user is this test's alone.
      env: {
        HOME: home,
        PATH: toolPath,
        RUSTUP_HOME,
        ...machineConfigOff(home),
        ...extra.env,
      },
      platform: 'linux',
      locale: serverLocale,
      ...(extra.proxyDiscovery ? { proxyDiscovery: extra.proxyDiscovery } : {}),
      ...(extra.log ? { log: extra.log } : {}),
      // The settings the page opens with, as `ca-bridge ui --proxy … --trust-store …` hands them out.
      ...(extra.presets ? { presets: extra.presets } : {}),
    },
  });
  servers.push(server);
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  trackPageErrors(page);
  await page.goto(server.url);
  await page.waitForSelector('[data-testid=start-check]');
  return page;
}

export interface CheckSettings {
  targets: string[];
  proxy: string;
  trustStore: string;
}

/** Fills the advanced settings (the lab's public roots, never the machine's) and starts a check. */
export async function startCheck(page: Page, lab: Lab, settings: CheckSettings): Promise<void> {
  if (!(await page.isVisible('#setting-targets'))) await page.click('details.advanced summary');
  await page.fill('#setting-targets', settings.targets.join(','));
  await page.fill('#setting-proxy', settings.proxy);
  await page.fill('#setting-publicRootsFile', lab.publicRootsFile);
  await page.fill('#setting-trustStorePath', settings.trustStore);
  await page.click('[data-testid=start-check]');
}

export async function runCheck(page: Page, lab: Lab, settings: CheckSettings): Promise<void> {
  await startCheck(page, lab, settings);
  await page.waitForSelector('[data-testid=verdict]', { timeout: 60_000 });
}

/** From a finished check: export into `exported` (under the page's HOME), then run Verify and wait for its summary. */
export async function exportThenVerify(page: Page, verifyTimeoutMs = 120_000): Promise<void> {
  await page.click('[data-testid=to-export]');
  await page.fill('[data-testid=export-dir]', 'exported');
  await page.click('[data-testid=run-export]');
  await page.waitForSelector('[data-testid=export-result]');
  await page.click('[data-step=verify]');
  await page.click('[data-testid=run-verify]');
  await page.waitForSelector('[data-testid=verify-summary]', { timeout: verifyTimeoutMs });
}

export const text = (page: Page, selector: string): Promise<string> => page.textContent(selector).then((t) => t ?? '');
