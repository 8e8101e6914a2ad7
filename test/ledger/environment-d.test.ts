/**
 * apply --tool environment.d and --tool java, checked with systemd's own user-environment generator (what a
 * Linux desktop session really gets from ~/.config/environment.d), then proven with the real uv and java
 * through the lab's inspecting proxy using exactly that generated environment: fail before, pass after,
 * and after revert --all every file byte-identical and the generator adds nothing again.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LabProxy } from '../lab/proxy.js';
import { REAL_TOOL_CASES } from '../advice/real-tools/cases.js';
import { baseEnv, isolatedHome, run } from '../advice/real-tools/harness.js';
import { labWithExport, type LabExport } from './lab-export.js';
import { cli } from '../helpers/cli.js';

const GENERATOR = '/usr/lib/systemd/user-environment-generators/30-systemd-environment-d-generator';
const missing = existsSync(GENERATOR) ? null : `${GENERATOR} is not here (Debian's systemd package ships it)`;

let setup: LabExport;
let proxy: LabProxy;
let root: string;
let exportDir: string;
before(async () => {
  setup = await labWithExport('envd');
  ({ proxy, root, exportDir } = setup);
});
after(() => setup?.close());

/** The variables the generator adds for this HOME, parsed from its KEY="value" output (systemd's own quoting). */
async function sessionEnvironment(home: string): Promise<Record<string, string>> {
  const clean = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), PATH: '/usr/bin:/bin' };
  const out = await run(GENERATOR, [], clean, home);
  assert.equal(out.code, 0, out.output);
  const vars: Record<string, string> = {};
  for (const line of out.output.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    const raw = m[2]!;
    vars[m[1]!] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(["\\$`])/g, '$1') : raw;
  }
  for (const name of Object.keys(clean)) delete vars[name];
  return vars;
}

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (lstatSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

describe('the desktop session environment (environment.d) and the Java trust store', { skip: missing ?? false }, () => {
  for (const label of ['uv', 'java']) {
    const testCase = REAL_TOOL_CASES.find((c) => c.row === label)!;
    it(
      `${label}: fails before, passes with the generated session environment, fails after revert --all`,
      { skip: testCase.missing() ?? false, timeout: 300_000 },
      async () => {
        const home = isolatedHome(root, label);
        const attempt = async (session: Record<string, string>) => {
          const call = testCase.invoke('https://www.google.com/', home, { host: '127.0.0.1', port: proxy.port, url: proxy.url });
          const env = { ...baseEnv(home, proxy.url, testCase.extraPath?.(home) ?? []), ...call.env, ...session };
          return run(call.command, call.args, env, path.join(home, 'work'));
        };
        const env = { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), PATH: process.env.PATH };
        const beforeSession = await sessionEnvironment(home);
        const first = await attempt(beforeSession);
        assert.ok(!testCase.passedTls(first.output), `${label} passed before apply:\n${first.output}`);
        const homeBefore = hashes(home);
        const exportBefore = hashes(exportDir);

        const applied = await cli(['apply', '--dir', exportDir, '--tool', label === 'java' ? 'java' : 'environment.d'], env);
        assert.equal(applied.code, 0, applied.stderr);
        const session = await sessionEnvironment(home);
        if (label === 'java') assert.match(session.JAVA_TOOL_OPTIONS ?? '', /-Djavax\.net\.ssl\.trustStore=".*java-truststore\.p12"/);
        else assert.equal(session.SSL_CERT_FILE, path.join(exportDir, 'ca-bundle.pem'));
        const withSession = await attempt(session);
        assert.ok(testCase.passedTls(withSession.output), `${label} did not pass with the session environment:\n${withSession.output}`);

        const reverted = await cli(['revert', '--all'], env);
        assert.equal(reverted.code, 0, reverted.stderr);
        const homeAfter = hashes(home);
        for (const [file, sha] of homeBefore) assert.equal(homeAfter.get(file), sha, `${file} changed`);
        for (const file of homeAfter.keys())
          assert.ok(homeBefore.has(file) || !file.startsWith('.config/environment.d'), `${file} left behind`);
        assert.deepEqual(hashes(exportDir), exportBefore, 'the export folder is as it was (the Java store apply made is gone)');
        assert.deepEqual(await sessionEnvironment(home), beforeSession);
        const again = await attempt(await sessionEnvironment(home));
        assert.ok(!testCase.passedTls(again.output), `${label} still passed after revert --all:\n${again.output}`);
      },
    );
  }
});
