/**
 * Browser mode in a real browser: the one-time link opens the app once, the session survives a
 * reload, no cookie is ever set, progress streams with the session in a header, and the spent link
 * opens nothing. Needs the built interface (renderer/dist) and Debian's chromium.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startUiServer, type UiServer } from '../../electron/cli/ui-server.js';
import { chromiumMissing, launchChromium } from '../helpers/browser.js';

const staticDir = new URL('../../renderer/dist', import.meta.url).pathname;
const skip = chromiumMissing ?? (existsSync(path.join(staticDir, 'index.html')) ? undefined : 'the interface is not built (npm run build)');

let server: UiServer;
let browser: Browser;
before(async () => {
  if (skip) return;
  const home = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-session-'));
  server = await startUiServer({ port: 0, staticDir, service: { env: { HOME: home }, platform: 'linux', locale: 'en-US' } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

describe('browser mode session in a real browser', { skip }, () => {
  it('opens once, survives a reload, sets no cookie, streams progress; the spent link opens nothing', { timeout: 60_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const status = (name: string) =>
      page
        .waitForResponse((r) => new URL(r.url()).pathname === `/api/${name}` && r.request().method() !== 'OPTIONS')
        .then((r) => r.status());
    const firstEnv = status('getEnvironment');
    const firstEvents = status('events');
    await page.goto(server.url);
    await page.waitForSelector('[data-testid=start-check]');
    assert.equal(await firstEnv, 200);
    assert.equal(await firstEvents, 200);
    assert.equal(new URL(page.url()).hash, '', 'the code stays in the address bar');
    assert.deepEqual(await context.cookies(), []);

    const reloadEnv = status('getEnvironment');
    await page.reload();
    await page.waitForSelector('[data-testid=start-check]');
    assert.equal(await reloadEnv, 200, 'a reload lost the session');

    // Another tab or another user with the same link: the code was spent on the first load.
    const other = await (await browser.newContext()).newPage();
    const spent = other.waitForResponse((r) => new URL(r.url()).pathname === '/api/session').then((r) => r.status());
    const otherEnv = other.waitForResponse((r) => new URL(r.url()).pathname === '/api/getEnvironment').then((r) => r.status());
    await other.goto(server.url);
    assert.equal(await spent, 401);
    assert.equal(await otherEnv, 401);
  });
});
