import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { load as parseYaml } from 'js-yaml';

const root = new URL('../../', import.meta.url).pathname;
const config = parseYaml(readFileSync(path.join(root, 'build/electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('electron-builder configuration (packaging itself needs the Electron download)', () => {
  it("validates against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(config), ajv.errorsText(validate.errors));
  });
  it('targets NSIS per-user without admin, dmg with entitlements, AppImage and deb', () => {
    assert.equal(config.nsis.perMachine, false);
    assert.equal(config.nsis.allowElevation, false);
    assert.deepEqual(
      config.win.target.map((t: any) => t.target),
      ['nsis'],
    );
    assert.deepEqual(config.mac.target, ['dmg']);
    assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
    assert.ok(existsSync(path.join(root, config.mac.entitlements)));
  });
  it('sets the fuses: no RunAsNode, asar integrity on', () => {
    assert.equal(config.electronFuses.runAsNode, false);
    assert.equal(config.electronFuses.enableEmbeddedAsarIntegrityValidation, true);
    assert.equal(config.electronFuses.onlyLoadAppFromAsar, true);
    assert.equal(config.electronFuses.enableNodeOptionsEnvironmentVariable, false);
  });
  it("unpacks win-ca's roots.exe and crypt32 addons and koffi's Windows addons from the asar archive, and those files exist", () => {
    const winCaLib = path.join(root, 'node_modules/win-ca/lib');
    const present = readdirSync(winCaLib);
    const koffiBuilds = path.join(root, 'node_modules/koffi/build/koffi');
    const koffiWindows = readdirSync(koffiBuilds).filter((d) => d.startsWith('win32_'));
    const glob = (s: string) => new RegExp(`^${s.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
    for (const pattern of config.asarUnpack as string[]) {
      if (pattern.startsWith('node_modules/koffi/')) {
        // node_modules/koffi/build/koffi/win32_*/koffi.node: every Windows build of koffi, and nothing else.
        const [dir, file] = pattern.slice('node_modules/koffi/build/koffi/'.length).split('/');
        assert.equal(file, 'koffi.node', pattern);
        const matched = readdirSync(koffiBuilds).filter((d) => glob(dir!).test(d));
        assert.deepEqual(matched, koffiWindows, `${pattern} matches exactly the Windows builds of koffi`);
        for (const d of matched) assert.ok(existsSync(path.join(koffiBuilds, d, file)), `${d}/${file} exists`);
        continue;
      }
      assert.ok(pattern.startsWith('node_modules/win-ca/lib/'), pattern);
      assert.ok(
        present.some((f) => glob(path.basename(pattern)).test(f)),
        `${pattern} matches nothing in win-ca`,
      );
    }
    assert.ok(present.includes('roots.exe'));
    assert.ok(koffiWindows.length > 0, 'koffi ships Windows builds');
    assert.ok(
      (config.asarUnpack as string[]).some((p) => p.startsWith('node_modules/koffi/')),
      "koffi's Windows addon is unpacked",
    );
  });
  it("the app's node_modules, as electron-builder collects them: what the main bundle leaves external, not what Vite bundled", async () => {
    const require = createRequire(import.meta.url);
    const { getCollectorByPackageManager, PM } = require('app-builder-lib/out/node-module-collector/index.js');
    const { TmpDir } = require('temp-file');
    const tmp = new TmpDir('ca-bridge-builder-test');
    try {
      const collected = await getCollectorByPackageManager(PM.NPM, root, tmp).getNodeModules({ packageName: pkg.name });
      const shipped = new Set<string>(collected.nodeModules.map((m: { name: string }) => m.name));
      assert.ok(shipped.size > 0, 'electron-builder collected no module');
      for (const bundled of ['react', 'react-dom', 'i18next', 'react-i18next', 'scheduler'])
        assert.ok(!shipped.has(bundled), `${bundled} is bundled into renderer/dist; the app must not ship it again`);
      // build/bundle-app.mjs keeps these external: the app loads them from node_modules.
      for (const external of ['win-ca', 'mac-ca', 'pac-resolver', 'quickjs-wasi', 'koffi', 'js-md4'])
        assert.ok(shipped.has(external), `${external} is loaded from node_modules at run time`);
      for (const devOnly of ['httpntlm', 'electron', 'vite', 'typescript']) assert.ok(!shipped.has(devOnly), devOnly);
    } finally {
      await tmp.cleanup();
    }
  });
  it('packages what the app loads: the main bundle, the preload, the renderer', () => {
    assert.equal(pkg.main, 'dist/app/main.mjs');
    for (const file of ['dist/app/main.mjs', 'dist/app/preload.cjs', 'renderer/dist/index.html']) {
      assert.ok(existsSync(path.join(root, file)), `${file} (run npm run build)`);
      assert.ok(
        (config.files as string[]).some((pattern) => file.startsWith(pattern.replace('/**/*', '/'))),
        `${file} is packaged`,
      );
    }
  });
});
