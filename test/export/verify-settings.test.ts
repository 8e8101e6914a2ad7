import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { issue } from '../lab/pki.js';
import type { LabProxy } from '../lab/proxy.js';
import { advicePath, RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { writeWrongExport } from '../helpers/wrong-export.js';
import { labProbeArgs } from '../lab/probe-args.js';

/**
 * verify proves the user's own configuration plus the session snippet, with a negative control per tool.
 * Each case gets a fresh HOME; the machine's global npmrc (cafile) and system gitconfig are replaced by the
 * test's own through the tools' own variables (NPM_CONFIG_GLOBALCONFIG, GIT_CONFIG_NOSYSTEM), never edited.
 * Settings are written the way users write them: the tool's config command, or the file its manual shows.
 */
let lab: Lab;
let proxy: LabProxy;
let store: string;
let right: string;
let wrong: string;
let n = 0;
const run = promisify(execFile);

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({ shape: 'leaf', bypass: ['pypi.org'] });
  store = await lab.writePem('store.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
  right = path.join(lab.dir, 'right');
  const exported = await cli(['export', '--json', '--out', right, ...probeArgs()], await home());
  assert.equal(exported.code, 0, exported.stderr);
  wrong = path.join(lab.dir, 'wrong');
  await writeWrongExport(lab, wrong);
});
after(() => lab.close());

function probeArgs() {
  // Generous: the machine is shared, and each tool runs twice (its request, then its control).
  return [...labProbeArgs(lab, proxy.url, store), '--timeout', '30000'];
}

/** A fresh HOME and an environment with nothing of the machine's TLS settings but PATH. */
async function home(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const dir = path.join(lab.dir, `home-${++n}`);
  await mkdir(dir, { recursive: true });
  const globalNpmrc = path.join(dir, 'global-npmrc');
  await writeFile(globalNpmrc, '');
  return { PATH: advicePath(), RUSTUP_HOME, HOME: dir, NPM_CONFIG_GLOBALCONFIG: globalNpmrc, GIT_CONFIG_NOSYSTEM: '1', ...extra };
}

async function verify(dir: string, env: NodeJS.ProcessEnv) {
  const result = await cli(['verify', '--json', '--dir', dir, ...probeArgs()], env);
  const json = result.json();
  return { code: result.code, tools: Object.fromEntries(json.tools.map((t: any) => [t.name, t])) as Record<string, any>, json };
}

const places = (tool: any) =>
  tool.settings.map((f: any) => (f.source.kind === 'env' ? f.source.name : `${f.source.file}:${f.source.line}`));

interface Case {
  label: string;
  tools: string[];
  setUp: (env: NodeJS.ProcessEnv) => Promise<NodeJS.ProcessEnv | void>;
  /** Where the finding must point: a variable name, or a file under HOME and its line. */
  place: (env: NodeJS.ProcessEnv) => string;
}

const inHome = (env: NodeJS.ProcessEnv, ...parts: string[]) => path.join(env.HOME!, ...parts);

const CASES: Case[] = [
  {
    label: 'NODE_TLS_REJECT_UNAUTHORIZED=0',
    // npm is not among them: its agent sets rejectUnauthorized from strict-ssl, and it really fails (below).
    tools: ['node', 'bun'],
    setUp: async () => ({ NODE_TLS_REJECT_UNAUTHORIZED: '0' }),
    place: () => 'NODE_TLS_REJECT_UNAUTHORIZED',
  },
  {
    label: 'npm config set strict-ssl false',
    tools: ['npm'],
    setUp: async (env) => void (await run('npm', ['config', 'set', 'strict-ssl', 'false', '--location=user'], { env })),
    place: (env) => `${inHome(env, '.npmrc')}:1`,
  },
  {
    label: 'git config --global http.sslVerify false',
    tools: ['git'],
    setUp: async (env) => void (await run('git', ['config', '--global', 'http.sslVerify', 'false'], { env })),
    place: (env) => `${inHome(env, '.gitconfig')}:2`,
  },
  { label: 'GIT_SSL_NO_VERIFY=1', tools: ['git'], setUp: async () => ({ GIT_SSL_NO_VERIFY: '1' }), place: () => 'GIT_SSL_NO_VERIFY' },
  {
    label: 'pip config --user set global.trusted-host',
    tools: ['pip'],
    setUp: async (env) => void (await run('pip', ['config', '--user', 'set', 'global.trusted-host', lab.hosts.join(' ')], { env })),
    place: (env) => `${inHome(env, '.config', 'pip', 'pip.conf')}:2`,
  },
  {
    label: 'PIP_TRUSTED_HOST',
    tools: ['pip'],
    setUp: async () => ({ PIP_TRUSTED_HOST: lab.hosts.join(' ') }),
    place: () => 'PIP_TRUSTED_HOST',
  },
  {
    label: '~/.curlrc insecure',
    tools: ['curl'],
    setUp: async (env) => void (await writeFile(inHome(env, '.curlrc'), '# proxy workaround\ninsecure\n')),
    place: (env) => `${inHome(env, '.curlrc')}:2`,
  },
  {
    label: '~/.wgetrc check_certificate = off',
    tools: ['wget'],
    setUp: async (env) => void (await writeFile(inHome(env, '.wgetrc'), 'check_certificate = off\n')),
    place: (env) => `${inHome(env, '.wgetrc')}:1`,
  },
  {
    label: 'UV_INSECURE_HOST',
    tools: ['uv'],
    setUp: async () => ({ UV_INSECURE_HOST: lab.hosts.join(' ') }),
    place: () => 'UV_INSECURE_HOST',
  },
];

describe('verify proves the user’s configuration, with a negative control per tool', () => {
  it('clean HOME, right CA: each configured tool passes and fails its control', async () => {
    const { code, tools, json } = await verify(right, await home());
    assert.equal(json.proven.kind, 'session-snippet');
    assert.equal(json.proven.vars.NODE_EXTRA_CA_CERTS, path.join(right, 'corporate-ca.pem'));
    for (const name of ['node', 'npm', 'curl', 'git', 'pip', 'python3', 'openssl', 'uv'])
      assert.deepEqual([name, tools[name].result, tools[name].control], [name, 'pass', 'fail'], JSON.stringify(tools[name]));
    // No verify-only settings: npm is proven by the session's NODE_EXTRA_CA_CERTS, not npm_config_cafile.
    assert.equal(tools.npm.setting, 'NODE_EXTRA_CA_CERTS');
    // wget's --ca-certificate is not in the session snippet: reported as the next step, not a failure.
    assert.equal(tools.wget.result, 'not-configured');
    assert.equal(tools.wget.setting, '--ca-certificate');
    assert.equal(
      code,
      0,
      JSON.stringify(json.tools.filter((t: any) => !['pass', 'not-configured', 'not-found', 'skipped'].includes(t.result))),
    );
  });

  for (const c of CASES)
    it(`${c.label}: no PASS with the wrong CA or the right one, and the setting is named`, async () => {
      const env = await home();
      Object.assign(env, (await c.setUp(env)) ?? {});
      for (const dir of [wrong, right]) {
        const { code, tools } = await verify(dir, env);
        assert.equal(code, 1, `${c.label} with ${path.basename(dir)}: exit 1`);
        if (c.label.startsWith('NODE_TLS')) assert.equal(tools.npm.result, dir === wrong ? 'fail' : 'pass', JSON.stringify(tools.npm));
        for (const name of c.tools) {
          assert.equal(tools[name].result, 'verification-off', `${name} with ${path.basename(dir)}: ${JSON.stringify(tools[name])}`);
          assert.ok(places(tools[name]).includes(c.place(env)), `${name} names ${c.place(env)}: ${places(tools[name])}`);
        }
      }
    });

  it('a setting for another host keeps verification on for this one: PASS with the right CA, FAIL with the wrong', async () => {
    const env = await home();
    await run('git', ['config', '--global', 'http.https://git.other.example/.sslVerify', 'false'], { env });
    await run('pip', ['config', '--user', 'set', 'global.trusted-host', 'pypi.other.example'], { env });
    const good = await verify(right, env);
    assert.deepEqual([good.tools.git.result, good.tools.pip.result], ['pass', 'pass']);
    const bad = await verify(wrong, env);
    assert.deepEqual([bad.tools.git.result, bad.tools.pip.result], ['fail', 'fail']);
  });
});

/** The session snippet exactly as `snippets --json` prints it for this machine. */
async function snippetVars(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const said = await cli(['snippets', '--json', '--dir', right, '--shell', 'bash'], env);
  assert.equal(said.code, 0, said.stderr);
  return said.json().vars;
}

/** npm itself, in the user's environment plus the snippet, asked for a package from an inspected site. */
async function npmAnswers(env: NodeJS.ProcessEnv, vars: Record<string, string>): Promise<boolean> {
  const target = `https://${lab.hosts[0]}/`;
  const cache = path.join(env.HOME!, 'npm-cache');
  const said = await run(
    'npm',
    [
      'view',
      'left-pad',
      'version',
      '--registry',
      target,
      '--loglevel',
      'http',
      '--prefer-online',
      '--cache',
      cache,
      '--fetch-retries',
      '0',
    ],
    {
      env: { ...env, ...vars, https_proxy: proxy.url, HTTPS_PROXY: proxy.url, NODE_DEBUG: 'tls' },
    },
  ).catch((e: { stderr: string }) => ({ stderr: e.stderr }));
  return /client emit secureConnect\. authorized: true/.test(said.stderr) && /npm http fetch GET [1-5]\d\d https:/.test(said.stderr);
}

describe('a CA file of the user’s that outranks the snippet', () => {
  it('global npmrc cafile: the snippet adds NPM_CONFIG_CAFILE, npm works with the snippet alone, and verify says what npm does', async () => {
    const env = await home();
    // The user's own CA file holds only roots the bundle holds too (the public roots): safe to override.
    await writeFile(env.NPM_CONFIG_GLOBALCONFIG!, `cafile=${lab.publicRootsFile}\n`);
    const vars = await snippetVars(env);
    assert.equal(vars.NPM_CONFIG_CAFILE, path.join(right, 'ca-bundle.pem'));
    const withoutOverride = Object.fromEntries(Object.entries(vars).filter(([k]) => k !== 'NPM_CONFIG_CAFILE'));
    assert.equal(await npmAnswers(env, withoutOverride), false, 'the cafile really outranks NODE_EXTRA_CA_CERTS');
    assert.equal(await npmAnswers(env, vars), true, 'the pasted snippet alone makes npm work');
    const { tools, json } = await verify(right, env);
    assert.deepEqual([tools.npm.result, tools.npm.setting, tools.npm.control], ['pass', 'NPM_CONFIG_CAFILE', 'fail']);
    assert.deepEqual(
      json.proven.overrides.map((o: any) => [o.name, o.because.source.file, o.because.source.line]),
      [['NPM_CONFIG_CAFILE', env.NPM_CONFIG_GLOBALCONFIG, 1]],
    );
  });

  it('global npmrc cafile with a root the bundle lacks: no override, npm fails as npm does, the file and line named', async () => {
    const env = await home();
    const internal = await issue({ subject: 'CN=Internal PKI Root', ca: true });
    const userCa = path.join(env.HOME!, 'corp-roots.pem');
    await writeFile(userCa, internal.pem + (await readFile(lab.publicRootsFile, 'utf8')));
    await writeFile(env.NPM_CONFIG_GLOBALCONFIG!, `; corporate image\ncafile=${userCa}\n`);
    const vars = await snippetVars(env);
    assert.equal(vars.NPM_CONFIG_CAFILE, undefined, 'never drops a root the user trusted');
    assert.equal(await npmAnswers(env, vars), false);
    const { code, tools, json } = await verify(right, env);
    assert.equal(code, 1);
    assert.equal(tools.npm.result, 'fail');
    assert.deepEqual(places(tools.npm), [`${env.NPM_CONFIG_GLOBALCONFIG}:2`]);
    assert.match(json.proven.blocked[0].missingRoots[0], /Internal PKI Root/);
  });

  it('global pip.conf cert: PIP_CERT of the snippet outranks it, pip works, and verify says so', async () => {
    const globalDir = path.join(lab.dir, `xdg-${++n}`);
    await mkdir(path.join(globalDir, 'pip'), { recursive: true });
    await writeFile(path.join(globalDir, 'pip', 'pip.conf'), `[global]\ncert = ${lab.publicRootsFile}\n`);
    const env = await home({ XDG_CONFIG_DIRS: globalDir });
    const { tools } = await verify(right, env);
    assert.deepEqual([tools.pip.result, tools.pip.control], ['pass', 'fail']);
    const bad = await verify(wrong, env);
    assert.equal(bad.tools.pip.result, 'fail');
  });
});
