// Compiles the engine, the CLI and the contract (shared/, electron/core/, electron/cli/) to dist/, one .js per
// .ts, with source maps. esbuild only strips types, file by file, as tsx does when the tests run the sources;
// the type check is `npm run typecheck` (tsc over the same folders and the tests), so the build does not check
// the same files a second time.
import { build } from 'esbuild';
import { chmodSync, readdirSync } from 'node:fs';
import path from 'node:path';

const FOLDERS = ['shared', 'electron/core', 'electron/cli'];
const entryPoints = FOLDERS.flatMap((folder) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => path.join(folder, file)),
);

await build({
  entryPoints,
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
// npm links the bin for `npm install -g`/`npx`; a direct run (the Windows lane, the fleet scripts) needs the mode.
chmodSync('dist/electron/cli/bin.js', 0o755);
