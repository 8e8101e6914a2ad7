// `npm start` on a fresh checkout: install skips Electron's binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1
// on build machines without internet); fetch it the first time the app is started.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
if (!existsSync(path.join(electronDir, 'path.txt'))) {
  console.log('Downloading Electron (first start only)…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  if (result.status !== 0) {
    console.error('Electron could not be downloaded. On machines without internet use "npx ca-bridge ui" (browser mode) instead.');
    process.exit(1);
  }
}
