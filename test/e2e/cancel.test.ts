/**
 * Cancel in the page stops the work on the server for real, in Chromium against browser mode: a check
 * whose proxy never answers has its connection closed, and a verify whose tool never ends has the
 * tool's whole process group gone. Each waits on events (a connection, a file, the engine's log line
 * for the end of the operation), never on a sleep.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { UiServer } from '../../electron/cli/ui-server.js';
import type { Logger } from '../../electron/core/operations/log.js';
import { en } from '../../shared/i18n/en.js';
import { assertNoPageErrors, chromiumMissing, launchChromium } from '../helpers/browser.js';
import { runningInGroup, STALLING_TOOL, whenFileAppears } from '../helpers/process-group.js';
import { startSilentServer } from '../helpers/silent-server.js';
import { startLab, type Lab } from '../lab/lab.js';
import { openApp, runCheck, startCheck } from './app.js';

let lab: Lab;
let browser: Browser;
const servers: UiServer[] = [];
/** Left running by a failed test (no Cancel reached them): ended here, so that a failure cannot hold the run for 600 s. */
const leftovers: (() => unknown)[] = [];

before(async () => {
  if (chromiumMissing) return;
  lab = await startLab();
  browser = await launchChromium();
});
after(async () => {
  for (const end of leftovers) await end();
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  await lab?.close();
});

/**
 * The page leaves each site its default time limit (seconds); the probe's own limit is put far beyond the
 * test, on the request as the page sent it, so that only the cancellation can end the operation in time.
 */
async function withoutTimeLimit(page: Page, operation: 'detect' | 'verify'): Promise<void> {
  await page.route(`**/api/${operation}`, (route) =>
    route.continue({ postData: JSON.stringify({ ...(route.request().postDataJSON() as object), timeoutMs: 600_000 }) }),
  );
}

/** The engine's log, watched for the line runOperation writes when an operation ends (whatever its outcome). */
function endOfOperation(name: string): { log: Logger; ended: Promise<string> } {
  let done!: (line: string) => void;
  const ended = new Promise<string>((resolve) => (done = resolve));
  return { log: { log: (_level, message) => void (message.startsWith(`${name}: `) && done(message)) }, ended };
}

describe('Cancel in the page', { skip: chromiumMissing ?? (process.platform !== 'linux' && 'reads /proc') }, () => {
  // Generous limits: without the cancellation, the proxy and the tool hold the operation for 600 s.
  it('a check through a proxy that never answers: Cancel closes the connection and ends the operation', { timeout: 120_000 }, async () => {
    const silent = await startSilentServer();
    leftovers.push(silent.close);
    try {
      const home = path.join(lab.dir, 'home-cancel-check');
      mkdirSync(home, { recursive: true });
      const watch = endOfOperation('detect');
      const page = await openApp(browser, servers, 'en-US', home, 'en-US', process.env.PATH, { log: watch.log });
      const proxy = `http://127.0.0.1:${silent.port}`;
      await withoutTimeLimit(page, 'detect');
      await startCheck(page, lab, { targets: [lab.hosts[0]!], proxy, trustStore: lab.publicRootsFile });
      await silent.accepted;
      const closed = silent.allClosed();
      await page.click('[data-testid=cancel-check]');
      await closed;
      await watch.ended;
      // The page says so (waited for: React renders after the click).
      await page.locator('[role=status]', { hasText: en.common.cancelled }).waitFor();
      assertNoPageErrors(page);
    } finally {
      await silent.close();
    }
  });

  it(
    'a verify whose tool never ends: Cancel kills the tool with its whole process group and ends the operation',
    { timeout: 180_000 },
    async () => {
      const home = path.join(lab.dir, 'home-cancel-verify');
      const bin = path.join(lab.dir, 'bin-cancel-verify');
      const marks = path.join(lab.dir, 'marks-cancel-verify');
      for (const dir of [home, bin, marks]) mkdirSync(dir, { recursive: true });
      // Only a curl that never ends is on this PATH: verify starts it, and waits.
      writeFileSync(path.join(bin, 'curl'), STALLING_TOOL);
      chmodSync(path.join(bin, 'curl'), 0o755);
      const watch = endOfOperation('verify');
      const proxy = await lab.startProxy({});
      const store = await lab.writePem('cancel-verify.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
      const page = await openApp(browser, servers, 'en-US', home, 'en-US', bin, { env: { MARKS: marks }, log: watch.log });
      await runCheck(page, lab, { targets: lab.hosts, proxy: proxy.url, trustStore: store });
      await page.click('[data-testid=to-export]');
      await page.fill('[data-testid=export-dir]', 'exported');
      await page.click('[data-testid=run-export]');
      await page.waitForSelector('[data-testid=export-result]');
      await page.click('[data-step=verify]');
      const started = whenFileAppears(marks, 'pids');
      await withoutTimeLimit(page, 'verify');
      await page.click('[data-testid=run-verify]');
      await started;
      const [toolPid, helperPid] = readFileSync(path.join(marks, 'pids'), 'utf8').trim().split(' ').map(Number);
      leftovers.push(() => {
        try {
          process.kill(-toolPid!, 'SIGKILL');
        } catch {
          // Already gone, as it should be.
        }
      });
      // The two pids the tool wrote; its `mv` may still be finishing, so the group is not counted.
      const group = (await runningInGroup(toolPid!)).map((line) => Number(line.split(' ')[0]));
      assert.ok(
        group.includes(toolPid!) && group.includes(helperPid!),
        `the tool and its helper run in a group of their own: ${group.join(', ')}`,
      );
      await page.click('[data-testid=cancel-verify]');
      await watch.ended;
      assert.deepEqual(await runningInGroup(toolPid!), [], `process group ${toolPid} still runs after Cancel`);
      // The page says so (waited for: React renders after the click).
      await page.locator('[role=status]', { hasText: en.common.cancelled }).waitFor();
      await proxy.close();
      assertNoPageErrors(page);
    },
  );
});
