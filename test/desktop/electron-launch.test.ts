import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;
const pathFile = path.join(root, 'node_modules/electron/path.txt');
const binary = existsSync(pathFile) ? path.join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim()) : null;
const skip =
  binary && existsSync(binary)
    ? false
    : 'no Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1; the machine cannot download it)';

describe('the desktop app launches', { skip }, () => {
  it('opens its window, which runs a check against the lab', async () => {
    const { _electron } = await import('playwright-core');
    const { startLab } = await import('../lab/lab.js');
    const lab = await startLab();
    const app = await _electron.launch({ executablePath: binary!, args: [root], env: { ...process.env, LANG: 'en_US.UTF-8' } });
    try {
      const window = await app.firstWindow();
      await window.click('summary');
      await window.fill('#setting-targets', lab.hosts.join(','));
      await window.fill('#setting-connectTo', lab.connectTo.join('\n'));
      await window.fill('#setting-publicRootsFile', lab.publicRootsFile);
      await window.fill('#setting-trustStorePath', lab.publicRootsFile);
      await window.click('[data-testid=start-check]');
      await window.waitForSelector('[data-testid=verdict]');
      assert.match((await window.textContent('[data-testid=verdict]')) ?? '', /No TLS inspection|インスペクションはありません/);
    } finally {
      await app.close();
      await lab.close();
    }
  });
});
