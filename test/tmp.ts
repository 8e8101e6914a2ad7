import { chromium } from 'playwright-core';
import { startLab } from './lab/lab.js';
import { startUiServer } from '../electron/cli/ui-server.js';
const lab = await startLab();
const proxy = await lab.startProxy({ shape: 'leaf+intermediate', caSubject: 'CN=Zscaler Root CA, O=Zscaler Inc.' });
const store = await lab.writePem('store.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
const server = await startUiServer({
  port: 0,
  staticDir: 'renderer/dist',
  service: { env: { HOME: lab.dir, PATH: process.env.PATH }, platform: 'linux', locale: 'ja-JP' },
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(server.url);
await page.click('summary');
await page.fill('#setting-targets', lab.hosts.join(','));
await page.fill('#setting-proxy', proxy.url);
await page.fill('#setting-publicRootsFile', lab.publicRootsFile);
await page.fill('#setting-trustStorePath', store);
await page.screenshot({ path: 'test-output/try-check.png', fullPage: true });
await page.click('[data-testid=start-check]');
await page.waitForSelector('[data-testid=verdict]');
await page.screenshot({ path: 'test-output/try-result.png', fullPage: true });
await browser.close();
await server.close();
await lab.close();
