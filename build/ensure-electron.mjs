// `npm start` on a fresh checkout: install skips Electron's binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1
// on build machines without internet); fetch it the first time the app is started.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { downloadAdvice } from './electron-download-advice.mjs';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
if (!existsSync(path.join(electronDir, 'path.txt'))) {
  console.log('Downloading Electron (first start only)…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024,
    timeout: 15 * 60_000,
  });
  if (result.status !== 0) {
    // The installer's stack trace helps nobody; its one line naming the failure does.
    console.error(downloadAdvice(`${result.stderr ?? ''}\n${result.error?.message ?? ''}`).join('\n'));
    process.exit(1);
  }
}
