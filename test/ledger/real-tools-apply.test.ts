/**
 * `apply --tool` proven with the real tools through the lab's inspecting proxy, in isolated HOMEs, with
 * no CA variable set at all: each tool fails before, passes after apply (only its own configuration file
 * hands it the CA), and after `revert --all` every file is byte-identical (sha256) and the tool fails again.
 * The table (rows × applied, proven, reverted) is printed at the end.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { LabProxy } from '../lab/proxy.js';
import { REAL_TOOL_CASES, type RealToolCase } from '../advice/real-tools/cases.js';
import { baseEnv, isolatedHome, run } from '../advice/real-tools/harness.js';
import { labWithExport, type LabExport } from './lab-export.js';
import { cli } from '../helpers/cli.js';

const INSPECTED = 'www.google.com';

/** The ledger row each real-tool case is applied with (pnpm's cases share npm's .npmrc line through their own row). */
const ROW_OF: Record<string, string> = {
  npm: 'npm',
  'pnpm 10': 'pnpm',
  'yarn-4': 'yarn-4',
  pip: 'pip',
  git: 'git',
  curl: 'curl',
  wget: 'wget',
  cargo: 'cargo',
  aws: 'aws',
};

const table: string[] = [];
let setup: LabExport;
let proxy: LabProxy;
let root: string;
let exportDir: string;

before(async () => {
  setup = await labWithExport('ledger-real');
  ({ proxy, root, exportDir } = setup);
});

after(async () => {
  await setup?.close();
  console.log(
    [
      '| row | applied | proven (fails before, passes after, no CA variable) | reverted (sha256, fails again) |',
      '|---|---|---|---|',
      ...table,
    ].join('\n'),
  );
});

/** sha256 of every regular file under HOME, links as their target text. */
function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      const info = lstatSync(full);
      // npm's cache (removed before each proof) is the tool's, not the user's configuration.
      if (info.isDirectory()) {
        if (name !== 'npm-cache') walk(full);
      } else if (info.isFile()) out.set(path.relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** No variable that hands any tool a CA (the machine's own are not inherited: baseEnv builds the environment from nothing). */
const CA_VARIABLE = /CA_?(CERT|BUNDLE|INFO|FILE|PATH)|CERT_FILE|CAFILE|SSL_CERT|TOOL_OPTIONS/i;

describe('apply --tool with the real tools, no CA variable set', { timeout: 900_000 }, () => {
  for (const testCase of REAL_TOOL_CASES) {
    const label = testCase.label ?? testCase.row;
    const row = ROW_OF[label];
    if (!row) continue;
    it(`${label} (apply --tool ${row})`, { skip: testCase.missing() ?? false, timeout: 300_000 }, async () => {
      const home = isolatedHome(root, label);
      const attempt = async (tc: RealToolCase) => {
        // npm answers a repeated request from its cache without connecting: each proof starts without one.
        rmSync(path.join(home, 'npm-cache'), { recursive: true, force: true });
        const call = tc.invoke(`https://${INSPECTED}/`, home, { host: '127.0.0.1', port: proxy.port, url: proxy.url });
        const env = { ...baseEnv(home, proxy.url, tc.extraPath?.(home) ?? []), ...call.env };
        for (const name of Object.keys(env)) assert.doesNotMatch(name, CA_VARIABLE, `${name} would hand the tool a CA`);
        return { env, ran: await run(call.command, call.args, env, path.join(home, 'work')) };
      };
      const first = await attempt(testCase);
      assert.ok(!testCase.passedTls(first.ran.output), `${label} passed before apply:\n${first.ran.output}`);
      // The user's configuration before apply: what revert must give back, byte for byte.
      const before = hashes(home);

      // apply runs in the tool's own environment (its CARGO_HOME, AWS_CONFIG_FILE… move its file).
      const applied = await cli(['apply', '--dir', exportDir, '--tool', row], first.env);
      assert.equal(applied.code, 0, applied.stderr);
      const written = (/ in (\/\S+)/.exec(applied.stdout) ?? [])[1];
      const withSetting = await attempt(testCase);
      assert.ok(testCase.passedTls(withSetting.ran.output), `${label} did not pass after apply --tool ${row}:\n${withSetting.ran.output}`);

      const reverted = await cli(['revert', '--all'], first.env);
      assert.equal(reverted.code, 0, reverted.stderr);
      const now = hashes(home);
      for (const [file, sha] of before) assert.equal(now.get(file), sha, `${file} is not byte-identical after revert --all`);
      // Files apply created are gone; what the tools themselves wrote during the proofs (caches) is theirs.
      assert.ok(!written || !now.has(path.relative(home, written)) || before.has(path.relative(home, written)), `${written} left behind`);
      const again = await attempt(testCase);
      assert.ok(!testCase.passedTls(again.ran.output), `${label} still passed after revert --all:\n${again.ran.output}`);
      table.push(
        `| ${label} | ${written ? path.relative(home, written) : '?'} | fails before, passes after | byte-identical, fails again |`,
      );
    });
  }
});
