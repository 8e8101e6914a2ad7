import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { appendFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { advicePath, cargoRunsProbe, RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { labProbeArgs } from '../lab/probe-args.js';
import { issue } from '../lab/pki.js';

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
let bins: Record<string, string>;
let n = 0;
// pip's script names its own Python; python3 itself is left off (its three probes would only add time).
const TOOLS = ['node', 'npm', 'curl', 'git', 'pip'];
// Rows apply sets through their own files, run as real tools where this machine has them. Not Java: its probe
// (two keytool runs for the control's store, two compiled single-file runs) took 12 s alone here, too much for CI.
const FILE_ROWS = ['node', 'wget', 'aws', 'cargo'];
const found = (tool: string) =>
  execFileSync('sh', ['-c', `command -v ${tool} || true`], { env: { PATH: advicePath() }, encoding: 'utf8' }).trim();

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({ shape: 'leaf', bypass: ['pypi.org'] });
  store = await lab.writePem('store.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
  // Each case puts on PATH only the tools it looks at (nothing of /usr/bin: the rest are "not installed" at once), so verify stays short.
  bins = {};
  for (const tools of [TOOLS, ['node', 'npm'], ['node'], ['node', 'curl'], ['node', 'npm', 'curl', 'git'], FILE_ROWS]) {
    const bin = path.join(lab.dir, `bin-${tools.join('-')}`);
    await mkdir(bin);
    for (const tool of tools) if (found(tool)) await symlink(found(tool), path.join(bin, tool));
    bins[tools.join(' ')] = bin;
  }
  exported = path.join(lab.dir, 'export');
  const done = await cli(['export', '--json', '--out', exported, ...probeArgs()], await home(['node']));
  assert.equal(done.code, 0, done.stderr);
});
after(() => lab.close());

// One site: the tools make their request to it, and verify's own per-site checks are not what this file tests.
const probeArgs = () => [
  ...labProbeArgs(lab, proxy.url, store).map((a) => (a === lab.hosts.join(',') ? lab.hosts[0]! : a)),
  '--timeout',
  '30000',
];

/** A fresh HOME: nothing of the machine's TLS settings, its own empty global npmrc, no system gitconfig, no pip files. */
async function home(tools = TOOLS): Promise<NodeJS.ProcessEnv> {
  const dir = path.join(lab.dir, `home-${++n}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'global-npmrc'), '');
  return {
    PATH: bins[tools.join(' ')],
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
    const [empty, rows, block, insecure] = await Promise.all([
      home(['node', 'npm']),
      home(),
      home(['node', 'curl']),
      home(['node', 'npm', 'curl', 'git']),
    ]);
    // The flag's run: the same HOME as `rows`, node alone on PATH.
    const rowsNodeOnly = { ...rows, PATH: bins.node };
    // pip reads its user file only without PIP_CONFIG_FILE (it then reads this machine's /etc/pip.conf too, read only).
    delete rows.PIP_CONFIG_FILE;
    await apply(rows, '--tool', 'npm', '--tool', 'curl', '--tool', 'git', '--tool', 'pip');
    await apply(block, '--shell', 'bash', '--profile', path.join(block.HOME!, '.bashrc'));
    // The user's own settings that switch verification off, beside what apply wrote: the control still catches them.
    await apply(insecure, '--tool', 'npm', '--tool', 'curl');
    await promisify(execFile)('npm', ['config', 'set', 'strict-ssl', 'false', '--location=user'], { env: insecure });
    await appendFile(path.join(insecure.HOME!, '.curlrc'), 'insecure\n');

    const text = (lang: string) => cli(['verify', '--lang', lang, '--dir', exported, ...probeArgs()], insecure);
    const [session, applied, asked, blockRun, insecureRun, en, ja] = await Promise.all([
      verify(empty),
      verify(rows),
      verify(rowsNodeOnly, '--prove', 'session'),
      verify(block),
      verify(insecure),
      text('en'),
      text('ja'),
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

    // The CLI text says which configuration was proven and the next step, in both languages.
    assert.match(en.stdout, /plus what CA Bridge applied and is still in effect/);
    assert.match(en.stdout, /Next step: ca-bridge apply --tool git/);
    assert.match(ja.stdout, /CA Bridge が適用して今も有効なもの/);
    assert.match(ja.stdout, /次の手順: ca-bridge apply --tool git/);
  });

  it('a .curlrc cacert naming a file without the corporate CA: verify names the line and apply --tool curl; apply repoints it to the merged bundle; curl passes; revert is byte-exact', async () => {
    const env = await home(['node', 'curl']);
    // The user's own CA file: an internal root plus the public roots, no corporate CA.
    const internal = await issue({ subject: 'CN=Internal PKI Root', ca: true });
    const theirs = path.join(env.HOME!, 'corp-roots.pem');
    await writeFile(theirs, internal.pem + (await readFile(lab.publicRootsFile, 'utf8')));
    const curlrc = path.join(env.HOME!, '.curlrc');
    const original = `# IT said so\r\ncacert = ${theirs}\r\nsilent`;
    await writeFile(curlrc, original);
    const dir = path.join(env.HOME!, 'export');
    const done = await cli(['export', '--json', '--out', dir, ...probeArgs()], env);
    assert.equal(done.code, 0, done.stderr);
    const merged = path.join(dir, 'ca-bundle-merged.pem');
    assert.ok(done.json().merged.sources.includes(theirs), 'export keeps the roots of the .curlrc file');

    const before = await cli(['verify', '--json', '--dir', dir, ...probeArgs()], env);
    const curl = before.json().tools.find((t: any) => t.name === 'curl');
    assert.equal(curl.result, 'fail', JSON.stringify(curl));
    assert.deepEqual(
      curl.settings.map((f: any) => [f.setting, f.source.file, f.source.line]),
      [['cacert', curlrc, 2]],
    );
    assert.equal(curl.applyTool, 'curl');

    // Against an export whose merged bundle lacks those roots, apply refuses and changes nothing.
    const refused = await cli(['apply', '--dir', exported, '--tool', 'curl'], env);
    assert.equal(refused.code, 1, refused.stdout);
    assert.equal(await readFile(curlrc, 'latin1'), original);
    const applied = await cli(['apply', '--dir', dir, '--tool', 'curl'], env);
    assert.equal(applied.code, 0, applied.stdout + applied.stderr);
    const after = await readFile(curlrc, 'latin1');
    assert.equal(
      after,
      original.replace(`cacert = ${theirs}`, `cacert = "${merged}"`),
      'only that line changed, CRLF and no final newline kept',
    );
    // curl itself, as the user runs it, through the inspecting proxy.
    const said = await promisify(execFile)(
      'curl',
      ['-sS', '-o', devNull, '-w', '%{http_code}', '--proxy', proxy.url, `https://${lab.hosts[0]}/`],
      { env },
    );
    assert.match(said.stdout, /^[1-5]\d\d$/);
    assert.notEqual(said.stdout, '000');
    const proven = await cli(['verify', '--json', '--dir', dir, ...probeArgs()], env);
    const curlAfter = proven.json().tools.find((t: any) => t.name === 'curl');
    assert.deepEqual([proven.json().proven.kind, curlAfter.result, curlAfter.control], ['applied', 'pass', 'fail']);

    assert.equal((await cli(['revert', '--tool', 'curl'], env)).code, 0);
    assert.equal(await readFile(curlrc, 'latin1'), original);
  });
});

const tools = (run: { tools: Record<string, any> }) => run.tools;

// Independent HOMEs on the shared lab: run at the same time (the tools' runs overlap, the file's wall time hardly grows).
describe('verify --prove applied: the user’s shells after the block; rows configured by their own files', { concurrency: true }, () => {
  it('a later export in ~/.bashrc pointing at a wrong CA wins over the block: named with its file and line, never PASS; one that cannot be evaluated is not proven', async () => {
    const env = await home(['node', 'curl']);
    // The real apply writes the block into ~/.profile (no ~/.bash_profile here): what a login bash reads.
    await apply(env, '--shell', 'bash');
    const profile = path.join(env.HOME!, '.profile');
    assert.match(await readFile(profile, 'utf8'), /NODE_EXTRA_CA_CERTS/);
    // The user's own lines, read by every interactive bash after the login files: an old CA file, and a curl bundle from a command.
    const wrong = await issue({ subject: 'CN=Old Corporate Root', ca: true });
    const old = path.join(env.HOME!, 'old-ca.pem');
    await writeFile(old, wrong.pem);
    const bashrc = path.join(env.HOME!, '.bashrc');
    await writeFile(bashrc, `# my settings\nexport NODE_EXTRA_CA_CERTS="${old}"\nexport CURL_CA_BUNDLE="$(cat ~/.curl-bundle-path)"\n`);
    await writeFile(path.join(env.HOME!, '.curl-bundle-path'), path.join(exported, 'ca-bundle.pem'));

    // What the user's terminal really has: the login session reads ~/.profile, the terminal's bash then ~/.bashrc.
    const shell = await promisify(execFile)(
      '/bin/bash',
      ['-lc', 'printf "%s|" "$NODE_EXTRA_CA_CERTS"; exec /bin/bash -ic \'printf %s "$NODE_EXTRA_CA_CERTS"\''],
      { env },
    );
    assert.equal(shell.stdout, `${path.join(exported, 'corporate-ca.pem')}|${old}`);

    const [run, en, ja] = await Promise.all([
      verify(env),
      cli(['verify', '--lang', 'en', '--dir', exported, ...probeArgs()], env),
      cli(['verify', '--lang', 'ja', '--dir', exported, ...probeArgs()], env),
    ]);
    console.log(
      'BEFORE',
      run.code,
      JSON.stringify(Object.values(run.tools).map((t: any) => [t.name, t.result, t.control, t.settings])),
      en.stdout,
    );
    assert.equal(run.json.proven.kind, 'applied');
    assert.equal(run.json.proven.vars.NODE_EXTRA_CA_CERTS, old);
    assert.equal(run.tools.node.result, 'fail', JSON.stringify(run.tools.node));
    assert.deepEqual(
      run.tools.node.settings.map((f: any) => [f.setting, f.source.file, f.source.line]),
      [['NODE_EXTRA_CA_CERTS', bashrc, 2]],
    );
    assert.equal(run.tools.curl.result, 'unproven', JSON.stringify(run.tools.curl));
    assert.deepEqual(
      run.tools.curl.settings.map((f: any) => [f.setting, f.source.file, f.source.line, f.unevaluable]),
      [['CURL_CA_BUNDLE', bashrc, 3, 'substitution']],
    );
    assert.equal(run.code, 1);
    for (const [said, words] of [
      [en.stdout, [`${bashrc}:2`, 'after CA Bridge’s block', `${bashrc}:3`, 'cannot know']],
      [ja.stdout, [`${bashrc}:2`, 'CA Bridge のブロックより後', `${bashrc}:3`, '証明できません']],
    ] as const)
      for (const word of words) assert.ok(said.includes(word), `${word} in:\n${said}`);
  });

  it('apply --tool wget, aws, cargo: each real tool passes by its own applied setting and fails its control', async () => {
    const env: NodeJS.ProcessEnv = { ...(await home(FILE_ROWS)), RUSTUP_HOME };
    await apply(env, '--tool', 'wget', '--tool', 'aws', '--tool', 'cargo');
    const run = await verify(env);
    assert.equal(run.json.proven.kind, 'applied');
    assert.deepEqual([...new Set(run.json.proven.applied.map((a: any) => a.tool))].sort(), ['aws', 'cargo', 'wget']);
    const expected = FILE_ROWS.filter((t) => t !== 'node' && found(t) && (t !== 'cargo' || cargoRunsProbe()));
    assert.ok(expected.includes('wget') && expected.includes('aws'), `tools here: ${expected}`);
    for (const name of expected) assert.deepEqual([name, ...row(run.tools[name])], [name, 'pass', 'fail'], JSON.stringify(run.tools[name]));
    assert.equal(run.tools.aws.setting, path.join(env.HOME!, '.aws', 'config'));
    assert.equal(run.tools.wget.setting, path.join(env.HOME!, '.wgetrc'));
    assert.equal(
      run.code,
      0,
      JSON.stringify(run.json.tools.filter((t: any) => !['pass', 'not-found', 'not-configured'].includes(t.result))),
    );
  });
});
