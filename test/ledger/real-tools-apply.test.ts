/**
 * `apply --tool` proven with the real tools through the lab's inspecting proxy, in isolated HOMEs, with
 * no CA variable set at all: each tool fails before, passes after apply (only its own configuration file
 * hands it the CA), and after `revert --all` every file is byte-identical (sha256) and the tool fails again.
 * The table (rows × applied, proven, reverted) is printed at the end.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, lstatSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { LabProxy } from '../lab/proxy.js';
import { REAL_TOOL_CASES, type RealToolCase } from '../advice/real-tools/cases.js';
import { baseEnv, isolatedHome, run } from '../advice/real-tools/harness.js';
import { labWithExport, type LabExport } from './lab-export.js';
import { cli } from '../helpers/cli.js';
import { canHide, hideMissing, MACHINE_FILES, withoutMachineFiles } from '../helpers/machine-files.js';

const INSPECTED = 'www.google.com';

/** The ledger row each real-tool case is applied with (pnpm's cases share npm's .npmrc line through their own row). */
const ROW_OF: Record<string, string> = {
  npm: 'npm',
  'pnpm 10': 'pnpm',
  'yarn-4': 'yarn-4',
  'yarn 1': 'yarn',
  pip: 'pip',
  git: 'git',
  curl: 'curl',
  wget: 'wget',
  cargo: 'cargo',
  aws: 'aws',
};

/** Yarn 1 (classic), pinned by .ci/install.d/55-ledger.sh: the ledger's `yarn` row (the advice lane has no Yarn 1 case). */
const YARN1_BIN = path.resolve('.tools/ledger/yarn-1.22.22/bin');
const YARN1: RealToolCase = {
  row: 'yarn',
  label: 'yarn 1',
  missing: () =>
    existsSync(path.join(YARN1_BIN, 'yarn')) ? null : `${YARN1_BIN}/yarn is missing (bash .ci/install.d/55-ledger.sh installs it)`,
  extraPath: () => [YARN1_BIN],
  ways: ['persistent'],
  // `yarn info` words every failure alike ("Received invalid response"); `add` names the TLS error.
  invoke: (url, home) => {
    writeFileSync(path.join(home, 'work', 'package.json'), '{"name":"lab-project","version":"1.0.0","license":"MIT"}\n');
    return {
      command: 'yarn',
      args: ['add', 'left-pad', '--registry', url, '--non-interactive', '--no-lockfile', '--network-timeout', '60000'],
      env: {
        // Run as root, Yarn 1 takes /usr/local/share as the home of its .yarnrc (this machine's) unless FAKEROOTKEY
        // is set; it also reads PREFIX/etc/npmrc and PREFIX/etc/yarnrc, PREFIX being Node's own (/usr: this
        // machine's global npmrc, which names a cafile). Both are moved into the test HOME, where nothing is.
        FAKEROOTKEY: '1',
        PREFIX: path.join(home, 'no-prefix'),
        YARN_CACHE_FOLDER: path.join(home, '.cache', 'yarn'),
        // Otherwise Yarn 1 writes lastUpdateCheck into ~/.yarnrc (docs/ledger.md: a file changed since is kept).
        YARN_DISABLE_SELF_UPDATE_CHECK: 'true',
      },
    };
  },
  // The origin answers text, not registry JSON: Yarn got past TLS when it says the answer is malformed
  // (before apply: "unable to verify the first certificate").
  passedTls: (out) => /Received malformed response from registry/.test(out) && !/certificate|CERT_/i.test(out),
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
const CA_VARIABLE = /_CA_|CA_?(CERT|BUNDLE|INFO|FILE|PATH)|CERT_FILE|CAFILE|SSL_CERT|SSL_ROOTS|TOOL_OPTIONS/i;
/** This machine's own CA variables (NODE_EXTRA_CA_CERTS, PIP_CERT, CURL_CA_BUNDLE…): none may reach a tool. */
const MACHINE_CA_VARIABLES = Object.keys(process.env).filter((name) => CA_VARIABLE.test(name) || /CERT|^SSL_/i.test(name));

it(
  'the machine files a tool reads whatever HOME says read as empty inside the proofs, and stay as they are outside',
  { skip: !canHide },
  async () => {
    for (const file of MACHINE_FILES.pip!.filter((f) => existsSync(f))) {
      const outside = readFileSync(file);
      const hidden = withoutMachineFiles('pip', { command: 'cat', args: [file] });
      const seen = await run(hidden.command, hidden.args, { PATH: process.env.PATH }, root);
      assert.deepEqual([seen.code, seen.output], [0, ''], `${file} inside the proof`);
      assert.deepEqual(readFileSync(file), outside, `${file} is the machine's, unchanged`);
    }
  },
);

// Several tools at once (each in its own HOME): the lab answers from this process meanwhile.
describe('apply --tool with the real tools, no CA variable set', { timeout: 900_000, concurrency: 4 }, () => {
  for (const testCase of [...REAL_TOOL_CASES, YARN1]) {
    const label = testCase.label ?? testCase.row;
    const row = ROW_OF[label];
    if (!row) continue;
    it(`${label} (apply --tool ${row})`, { skip: testCase.missing() ?? hideMissing(row) ?? false, timeout: 300_000 }, async () => {
      const home = isolatedHome(root, label);
      const attempt = async (tc: RealToolCase) => {
        // npm answers a repeated request from its cache without connecting: each proof starts without one.
        rmSync(path.join(home, 'npm-cache'), { recursive: true, force: true });
        const call = tc.invoke(`https://${INSPECTED}/`, home, { host: '127.0.0.1', port: proxy.port, url: proxy.url });
        const env: NodeJS.ProcessEnv = { ...baseEnv(home, proxy.url, tc.extraPath?.(home) ?? []), ...call.env };
        // The advice lane's pip case sets PIP_CONFIG_FILE='' (no file); here not even that: no variable at all.
        delete env.PIP_CONFIG_FILE;
        for (const name of Object.keys(env)) assert.doesNotMatch(name, CA_VARIABLE, `${name} would hand the tool a CA`);
        for (const name of MACHINE_CA_VARIABLES) assert.ok(!(name in env), `this machine's ${name} reached the tool`);
        const hidden = withoutMachineFiles(row, call);
        return { env, ran: await run(hidden.command, hidden.args, env, path.join(home, 'work')) };
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
