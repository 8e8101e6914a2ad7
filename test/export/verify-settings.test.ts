import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { startLab, type Lab } from '../lab/lab.js';
import { issue, type Issued } from '../lab/pki.js';
import { startOrigin, type Origin } from '../lab/origin.js';
import type { LabProxy } from '../lab/proxy.js';
import { advicePath, RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { isolatedEnv } from '../helpers/isolated-env.js';
import { writeWrongExport } from '../helpers/wrong-export.js';
import { labProbeArgs } from '../lab/probe-args.js';
import { parseCertificates } from '../../electron/core/cert/x509.js';
import { settingPlace } from '../../shared/settings.js';

const certsOf = (data: Buffer) => parseCertificates(data).certs;

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
  // Exported where pip reads this machine's own /etc/pip.conf (if any): export keeps the roots of a CA file
  // of the user's in a merged bundle, so the cases below that let pip read it get a snippet that keeps them.
  const machinePip = await home();
  delete machinePip.PIP_CONFIG_FILE;
  const exported = await cli(['export', '--json', '--out', right, ...probeArgs()], machinePip);
  assert.equal(exported.code, 0, exported.stderr);
  wrong = path.join(lab.dir, 'wrong');
  await writeWrongExport(lab, wrong);
});
after(() => lab.close());

function probeArgs(via = proxy, trustStore = () => store) {
  // Generous: the machine is shared, and each tool runs twice (its request, then its control).
  return [...labProbeArgs(lab, via.url, trustStore()), '--timeout', '30000'];
}

/**
 * A fresh HOME and an environment with nothing of the machine's TLS settings but PATH: its own global
 * npmrc, no system gitconfig, and no pip config files (PIP_CONFIG_FILE=os.devnull, the only way to keep pip
 * from /etc/pip.conf; the cases that use `pip config --user` take it out and say so).
 */
async function home(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const dir = path.join(lab.dir, `home-${++n}`);
  await mkdir(dir, { recursive: true });
  return isolatedEnv(dir, { PATH: advicePath(), RUSTUP_HOME, ...extra });
}

/** pip's user file counts only without PIP_CONFIG_FILE=os.devnull: then pip also reads the machine's global files (read only). */
const withPipUserFiles = (env: NodeJS.ProcessEnv) => {
  delete env.PIP_CONFIG_FILE;
  return env;
};

async function verify(dir: string, env: NodeJS.ProcessEnv, args = probeArgs()) {
  const result = await cli(['verify', '--json', '--dir', dir, ...args], env);
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

/**
 * A PATH holding only `names` (and node and python3: npm's and the JS tools' launchers start node, uv looks for a
 * Python before it would download one): verify then runs just
 * those tools, each twice per export. The clean-HOME case runs every tool; each case after it is about one
 * setting of one or two tools, and its other twenty tools (forty runs a verify) proved nothing more.
 */
async function onlyTools(names: string[]): Promise<string> {
  const bin = path.join(lab.dir, `bin-${++n}`);
  await mkdir(bin);
  for (const name of new Set(['node', 'python3', ...names])) {
    const { stdout } = await run('sh', ['-c', 'command -v "$1"', 'sh', name], { env: { PATH: advicePath() } });
    await symlink(stdout.trim(), path.join(bin, name));
  }
  return bin;
}

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
    setUp: async (env) =>
      void (await run('pip', ['config', '--user', 'set', 'global.trusted-host', lab.hosts.join(' ')], { env: withPipUserFiles(env) })),
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
      env.PATH = await onlyTools(c.label.startsWith('NODE_TLS') ? [...c.tools, 'npm'] : c.tools);
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
    await run('pip', ['config', '--user', 'set', 'global.trusted-host', 'pypi.other.example'], { env: withPipUserFiles(env) });
    env.PATH = await onlyTools(['git', 'pip']);
    const good = await verify(right, env);
    assert.deepEqual([good.tools.git.result, good.tools.pip.result], ['pass', 'pass']);
    const bad = await verify(wrong, env);
    assert.equal(bad.tools.git.result, 'fail');
    // pip reads this machine's /etc/pip.conf here (its user file needs that): where that names a CA file with
    // roots the wrong export has no merged bundle for, PIP_CERT is left as the user has it (not-configured).
    assert.ok(['fail', 'not-configured'].includes(bad.tools.pip.result), JSON.stringify(bad.tools.pip));
  });
});

/** The session snippet exactly as `snippets --json` prints it for this machine. */
async function snippetVars(env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const said = await cli(['snippets', '--json', '--dir', right, '--shell', 'bash'], env);
  assert.equal(said.code, 0, said.stderr);
  return said.json().vars;
}

/** npm itself, in the user's environment plus the snippet, asked for a package from an inspected site. */
async function npmAnswers(env: NodeJS.ProcessEnv, vars: Record<string, string>, via = proxy.url, host = lab.hosts[0]): Promise<boolean> {
  const target = `https://${host}/`;
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
      env: { ...env, ...vars, https_proxy: via, HTTPS_PROXY: via, NODE_DEBUG: 'tls' },
    },
  ).catch((e: { stderr: string }) => ({ stderr: e.stderr }));
  return /client emit secureConnect\. authorized: true/.test(said.stderr) && /npm http fetch GET [1-5]\d\d https:/.test(said.stderr);
}

describe('a CA file of the user’s that outranks the snippet', () => {
  it('global npmrc cafile: the snippet adds NPM_CONFIG_CAFILE, npm works with the snippet alone, and verify says what npm does', async () => {
    const env = await home({ PATH: await onlyTools(['npm']) });
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
    const env = await home({ PATH: await onlyTools(['npm']) });
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

  it('pip.conf cert: PIP_CERT of the snippet outranks it, pip works, and verify says so', async () => {
    // The machine's shape (/etc/pip.conf: [global] cert = …) in a file of the test's own, loaded through PIP_CONFIG_FILE.
    const env = await home({ PATH: await onlyTools(['pip']) });
    env.PIP_CONFIG_FILE = path.join(env.HOME!, 'pip.conf');
    await writeFile(env.PIP_CONFIG_FILE, `[global]\ncert = ${lab.publicRootsFile}\n`);
    const { tools } = await verify(right, env);
    assert.deepEqual([tools.pip.result, tools.pip.control], ['pass', 'fail']);
    const bad = await verify(wrong, env);
    assert.equal(bad.tools.pip.result, 'fail');
  });
});

/** The variables the snippet's text really sets when pasted into bash in this environment (not its JSON). */
async function pastedSnippet(env: NodeJS.ProcessEnv, dir: string): Promise<{ vars: Record<string, string>; json: any }> {
  const said = await cli(['snippets', '--json', '--dir', dir, '--shell', 'bash'], env);
  assert.equal(said.code, 0, said.stderr);
  const json = said.json();
  const { stdout } = await run('bash', ['--norc', '--noprofile', '-c', `${json.text}\nenv -0`], { env, maxBuffer: 1 << 22 });
  const after = Object.fromEntries(
    stdout
      .split('\0')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const vars = Object.fromEntries(Object.entries(after).filter(([k, v]) => env[k] !== v && k in json.vars));
  assert.deepEqual(vars, json.vars, 'the pasted text sets what snippets --json says');
  return { vars, json };
}

/** pip itself, in the user's environment plus the session variables, asked for the index page of an inspected site. */
async function pipAnswers(env: NodeJS.ProcessEnv, vars: Record<string, string>, via = proxy.url, host = lab.hosts[0]): Promise<boolean> {
  const args = ['download', '--no-deps', '--no-cache-dir', '--retries', '0', '-d', path.join(env.HOME!, 'pip-dl')];
  const said = await run('pip', [...args, '--index-url', `https://${host}/simple/`, '-vv', 'six'], {
    env: { ...env, ...vars, https_proxy: via, HTTPS_PROXY: via },
  }).catch((e: { stdout: string; stderr: string }) => e);
  return /"GET \S+ HTTP\/1\.[01]" [1-5]\d\d\b/.test(said.stdout + said.stderr);
}

const fingerprintsIn = async (file: string) => new Set(certsOf(await readFile(file)).map((c) => c.fingerprint256));

describe('a CA file of the user’s with roots the bundle lacks: export keeps them in a merged bundle', () => {
  /** An intranet site under the user's internal PKI, which the proxy lets through uninspected (as proxies do for internal names). */
  let internal: Issued;
  let intranet: Origin;
  let tunnelling: LabProxy;
  let tunnellingStore: string;
  const INTRANET = 'intranet.corp.test';
  before(async () => {
    internal = await issue({ subject: 'CN=Internal PKI Root', ca: true });
    const leaf = await issue({ subject: `CN=${INTRANET}`, hosts: [INTRANET], issuer: internal });
    intranet = await startOrigin({ host: INTRANET, certChainPem: leaf.pem, keyPem: leaf.keyPem });
    lab.upstream.set(`${INTRANET}:443`, { host: '127.0.0.1', port: intranet.port });
    tunnelling = await lab.startProxy({ shape: 'leaf', bypass: ['pypi.org', INTRANET] });
    tunnellingStore = await lab.writePem('store-tunnelling.pem', [
      tunnelling.root.pem,
      ...Object.values(lab.families).map((f) => f.root.pem),
    ]);
  });
  after(() => intranet.close());

  it('global npmrc cafile and pip.conf cert naming an internal root: the pasted snippet alone makes npm and pip work on both sites, and verify says what they do', async () => {
    const env = await home();
    const userCa = path.join(env.HOME!, 'corp-roots.pem');
    await writeFile(userCa, internal.pem + (await readFile(lab.publicRootsFile, 'utf8')));
    // The shape of a corporate image (this machine's too): a global npmrc cafile and a pip.conf [global] cert.
    await writeFile(env.NPM_CONFIG_GLOBALCONFIG!, `; corporate image\ncafile=${userCa}\n`);
    env.PIP_CONFIG_FILE = path.join(env.HOME!, 'pip.conf');
    await writeFile(env.PIP_CONFIG_FILE, `[global]\ncert = ${userCa}\n`);
    const args = probeArgs(tunnelling, () => tunnellingStore);
    const dir = path.join(lab.dir, `merged-${++n}`);
    const exported = await cli(['export', '--json', '--out', dir, ...args], env);
    assert.equal(exported.code, 0, exported.stderr);
    const merged = path.join(dir, 'ca-bundle-merged.pem');
    const bundle = path.join(dir, 'ca-bundle.pem');
    assert.deepEqual([exported.json().merged.file, exported.json().merged.sources, exported.json().merged.added], [merged, [userCa], 1]);
    const has = await fingerprintsIn(merged);
    for (const file of [userCa, bundle])
      for (const fp of await fingerprintsIn(file)) assert.ok(has.has(fp), `${fp} of ${file} is in the merged bundle`);

    const { vars, json } = await pastedSnippet(env, dir);
    assert.match(json.text, /because .*global-npmrc:2 outranks/);
    const answers = async (vs: Record<string, string>) =>
      Promise.all([
        npmAnswers(env, vs, tunnelling.url),
        npmAnswers(env, vs, tunnelling.url, INTRANET),
        pipAnswers(env, vs, tunnelling.url),
        pipAnswers(env, vs, tunnelling.url, INTRANET),
      ]);
    // As the user has it: npm and pip trust the intranet, not the inspection CA.
    assert.deepEqual(await answers({}), [false, true, false, true], 'before: only the intranet site');
    // The bundle alone (what a snippet without the merge would set) drops the internal root.
    const bundleOnly = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v === merged ? bundle : v]));
    assert.deepEqual(await answers(bundleOnly), [true, false, true, false], 'the bundle alone loses the intranet');
    const [withSnippet, proof] = await Promise.all([answers(vars), verify(dir, env, args)]);
    assert.deepEqual(withSnippet, [true, true, true, true], 'the pasted snippet alone: both sites, npm and pip');
    const { tools } = proof;
    assert.deepEqual([tools.npm.result, tools.npm.setting, tools.npm.control], ['pass', 'NPM_CONFIG_CAFILE', 'fail']);
    assert.deepEqual([tools.pip.result, tools.pip.setting, tools.pip.control], ['pass', 'PIP_CERT', 'fail']);
    assert.deepEqual(proof.json.proven.overrides.map((o: any) => [o.name, o.value, o.reason, settingPlace(o.because.source)]).sort(), [
      ['NPM_CONFIG_CAFILE', merged, 'outranks', `${env.NPM_CONFIG_GLOBALCONFIG}:2`],
      ['PIP_CERT', merged, 'keeps', `${env.PIP_CONFIG_FILE}:2`],
      // pip's requests lets REQUESTS_CA_BUNDLE outrank PIP_CERT: it must keep the root too.
      ['REQUESTS_CA_BUNDLE', merged, 'keeps', `${env.PIP_CONFIG_FILE}:2`],
    ]);
  });
});

describe('this machine’s own global configuration, as it is (read only)', () => {
  it('export, the pasted snippet and verify in it: npm and pip get through the inspecting proxy with the snippet, and verify says what they do', async () => {
    // Everything of this machine's (its global npmrc and pip.conf, its *_CA_* variables) but a HOME of the
    // test's own, the proxy variables (verify's own proxy is the lab's) and the test runner's own.
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^((https?|all|no)_proxy|CA_BRIDGE_.*|NODE_OPTIONS|NODE_TEST_CONTEXT)$/i.test(k)),
    );
    Object.assign(env, { PATH: advicePath(), RUSTUP_HOME, HOME: path.join(lab.dir, `machine-home-${++n}`) });
    await mkdir(env.HOME!, { recursive: true });
    const dir = path.join(lab.dir, `machine-${n}`);
    const exported = await cli(['export', '--json', '--out', dir, ...probeArgs()], env);
    assert.equal(exported.code, 0, exported.stderr);
    const { vars, json } = await pastedSnippet(env, dir);
    const [npmWorks, pipWorks, proof] = await Promise.all([npmAnswers(env, vars), pipAnswers(env, vars), verify(dir, env)]);
    assert.deepEqual([npmWorks, pipWorks], [true, true], `the pasted snippet makes npm and pip work here: ${json.text}`);
    assert.deepEqual([proof.tools.npm.result, proof.tools.pip.result], ['pass', 'pass']);
    assert.deepEqual(proof.json.proven.blocked, [], 'every CA file of the machine’s is kept, none left out');
    // Each CA file the machine's settings name is kept whole in the file its variable now points at.
    for (const o of proof.json.proven.overrides) {
      const kept = await fingerprintsIn(o.value);
      for (const fp of await fingerprintsIn(path.resolve(o.because.value)))
        assert.ok(kept.has(fp), `${o.name} keeps ${fp} of ${o.because.value}`);
    }
  });
});
