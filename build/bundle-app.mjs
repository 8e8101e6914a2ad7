// Bundles the Electron front door. The preload must be ONE CommonJS file: a sandboxed preload can
// require nothing but 'electron'. The main process is ESM; win-ca and mac-ca stay external because
// their binaries (roots.exe, crypt32 addons) are unpacked from the asar archive at runtime.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, legalComments: 'none', logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist/app/preload.cjs',
  format: 'cjs',
  external: ['electron'],
});
await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'dist/app/main.mjs',
  format: 'esm',
  // pac-resolver's QuickJS reads its quickjs.wasm next to its own files: it stays in node_modules.
  external: ['electron', 'win-ca', 'mac-ca', 'pac-resolver', 'quickjs-wasi'],
  // Bundled CommonJS dependencies (node-forge) call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// The PAC evaluator's thread (electron/core/proxy/pac/pac-engine.ts starts ./pac-worker.mjs beside main.mjs).
await build({
  ...common,
  entryPoints: ['electron/core/proxy/pac/pac-worker.ts'],
  outfile: 'dist/app/pac-worker.mjs',
  format: 'esm',
  external: ['pac-resolver', 'quickjs-wasi'],
});
