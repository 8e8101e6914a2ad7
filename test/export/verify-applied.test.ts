import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { appendFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { advicePath } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { labProbeArgs } from '../lab/probe-args.js';

/**
 * verify proves what apply wrote when the ledger records it (issue 18): the tools run with the user's HOME
 * and environment, the lines apply wrote in their own files, the profile block's variables, and no session
 * variable. Real npm, node, curl, git and pip through the lab's inspecting proxy, each case in its own HOME.
 * Only these tools are on PATH (a folder of links), so each verify stays short.
 */
let lab: Lab;
let proxy: LabProxy;
let store: string;
let exported: string;
let bin: string;
let n = 0;
const TOOLS = ['node', 'npm', 'curl', 'git', 'pip', 'python3'];

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({ shape: 'leaf', bypass: ['pypi.org'] });
  store = await lab.writePem('store.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
  bin = path.join(lab.dir, 'bin');
  await mkdir(bin);
  for (const tool of TOOLS) {
    const found = execFileSync('sh', ['-c', `command -v ${tool}`], { env: { PATH: advicePath() }, encoding: 'utf8' }).trim();
    await symlink(found, path.join(bin, tool));
  }
  exported = path.join(lab.dir, 'export');
  const done = await cli(['export', '--json', '--out', exported, ...probeArgs()], await home());
  assert.equal(done.code, 0, done.stderr);
});
after(() => lab.close());

const probeArgs = () => [...labProbeArgs(lab, proxy.url, store), '--timeout', '30000'];

/** A fresh HOME: nothing of the machine's TLS settings, its own empty global npmrc, no system gitconfig, no pip files. */
async function home(): Promise<NodeJS.ProcessEnv> {
  const dir = path.join(lab.dir, `home-${++n}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'global-npmrc'), '');
  return {
    PATH: `${bin}:/usr/bin:/bin`,
    HOME: dir,
    NPM_CONFIG_GLOBALCONFIG: path.join(dir, 'global-npmrc'),
    GIT_CONFIG_NOSYSTEM: '1',
    PIP_CONFIG_FILE: devNull,
  };
}

async function apply(env: NodeJS.ProcessEnv, ...args: string[]) {
  const done = await cli(['apply', '--dir', exported, '--json', ...args], env);
  assert.equal(done.code, 0, done.stderr + done.stdout);
}

async function verify(env: NodeJS.ProcessEnv, ...extra: string[]) {
  const result = await cli(['verify', '--json', '--dir', exported, ...extra, ...probeArgs()], env);
  const json = result.json();
  return { code: result.code, tools: Object.fromEntries(json.tools.map((t: any) => [t.name, t])) as Record<string, any>, json };
}

const row = (t: any) => [t.result, t.control];

describe('verify --prove: the applied state when the ledger records one, else the session snippet', () => {
  it('ledger empty, tool rows applied, block applied, --prove session, and the control in applied mode', async () => {
    const [empty, rows, block, insecure] = await Promise.all([home(), home(), home(), home()]);
    // pip reads its user file only without PIP_CONFIG_FILE (it then reads this machine's /etc/pip.conf too, read only).
    delete rows.PIP_CONFIG_FILE;
    await apply(rows, '--tool', 'npm', '--tool', 'curl', '--tool', 'git', '--tool', 'pip');
    await apply(block, '--shell', 'bash', '--profile', path.join(block.HOME!, '.bashrc'));
    // The user's own settings that switch verification off, beside what apply wrote: the control still catches them.
    await apply(insecure, '--tool', 'npm', '--tool', 'curl');
    await promisify(execFile)('npm', ['config', 'set', 'strict-ssl', 'false', '--location=user'], { env: insecure });
    await appendFile(path.join(insecure.HOME!, '.curlrc'), 'insecure\n');

    const [session, applied, asked, blockRun, insecureRun] = await Promise.all([
      verify(empty),
      verify(rows),
      verify(rows, '--prove', 'session'),
      verify(block),
      verify(insecure),
    ]);

    // Nothing applied: the snippet is proven, chosen by the ledger.
    assert.deepEqual([session.json.proven.kind, session.json.proven.chosenBy], ['session-snippet', 'ledger']);
    assert.equal(session.tools.node.result, 'pass');
    assert.equal(session.tools.npm.setting, 'NODE_EXTRA_CA_CERTS');

    // Tool rows applied: no session variable at all; each applied row passes by its own file and fails its control.
    assert.deepEqual([applied.json.proven.kind, applied.json.proven.chosenBy], ['applied', 'ledger']);
    assert.deepEqual(applied.json.proven.vars, {});
    assert.deepEqual(applied.json.proven.applied.map((a: any) => a.tool).sort(), ['curl', 'git', 'npm', 'pip']);
    const file = (...parts: string[]) => path.join(rows.HOME!, ...parts);
    for (const [name, setting] of [
      ['npm', file('.npmrc')],
      ['curl', file('.curlrc')],
      ['git', file('.gitconfig')],
      ['pip', file('.config', 'pip', 'pip.conf')],
    ])
      assert.deepEqual([name, tools(applied)[name!].setting, ...row(tools(applied)[name!])], [name, setting, 'pass', 'fail']);
    // node has nothing applied (no profile block): "not configured" with its variable as the next step, not fail.
    assert.deepEqual([applied.tools.node.result, applied.tools.node.setting], ['not-configured', 'NODE_EXTRA_CA_CERTS']);
    assert.equal(applied.tools.node.applyTool, undefined);
    assert.equal(applied.code, 0, JSON.stringify(applied.json.tools));

    // The flag picks the snippet even with the ledger recording an applied state.
    assert.deepEqual([asked.json.proven.kind, asked.json.proven.chosenBy], ['session-snippet', 'flag']);
    assert.equal(asked.tools.node.result, 'pass');

    // The profile block applied: its variables as a new shell gets them; tools with their own files but no row are not configured.
    assert.equal(blockRun.json.proven.kind, 'applied');
    assert.equal(blockRun.json.proven.vars.NODE_EXTRA_CA_CERTS, path.join(exported, 'corporate-ca.pem'));
    assert.deepEqual(row(blockRun.tools.node), ['pass', 'fail']);
    assert.deepEqual(row(blockRun.tools.curl), ['pass', 'fail']);

    // The negative control in applied mode: the user's strict-ssl=false and .curlrc insecure are named, never PASS.
    assert.equal(insecureRun.json.proven.kind, 'applied');
    for (const name of ['npm', 'curl'])
      assert.equal(insecureRun.tools[name].result, 'verification-off', JSON.stringify(insecureRun.tools[name]));
    assert.equal(insecureRun.code, 1);
    // A row apply has its own line for, not applied here: the next step is apply --tool.
    assert.deepEqual([insecureRun.tools.git.result, insecureRun.tools.git.applyTool], ['not-configured', 'git']);
  });

  it('the CLI text says which configuration was proven, in both languages', async () => {
    const env = await home();
    await apply(env, '--tool', 'npm');
    const [en, ja] = await Promise.all(['en', 'ja'].map((lang) => cli(['verify', '--lang', lang, '--dir', exported, ...probeArgs()], env)));
    assert.match(en!.stdout, /plus what CA Bridge applied and is still in effect/);
    assert.match(en!.stdout, /Next step: ca-bridge apply --tool git/);
    assert.match(ja!.stdout, /CA Bridge が適用して今も有効なもの/);
    assert.match(ja!.stdout, /次の手順: ca-bridge apply --tool git/);
  });
});

const tools = (run: { tools: Record<string, any> }) => run.tools;
