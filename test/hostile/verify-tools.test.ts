/**
 * verify's tool checks pass only on positive proof: the site's own HTTP answer over a verified
 * connection. A proxy that answers 407 to everything, or hangs up on every connection, produced no
 * certificate error either, and once made git "PASS". Tool texts never carry the proxy password.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseProxyUrl, type ProxySpec } from '../../electron/core/proxy/proxy-url.js';
import { checkTools, type ToolCheck, type ToolContext } from '../../electron/core/verify/tools.js';
import { advicePath, cargoRunsProbe, installedTools, RUSTUP_HOME, VERIFY_TOOL_NAMES } from '../advice/real-tools/advice-path.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { closeServer, listen, SocketTracker } from '../lab/servers.js';
import { machineConfigOff } from '../helpers/isolated-env.js';

const USER = 'dev user';
const PASSWORD = 'p/ss@w%rd:#é';
const servers: { server: net.Server; sockets: SocketTracker }[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-verify-hostile-'));
let lab: Lab;
let inspecting: LabProxy;
let goodFiles: ToolContext['files'];

/** A proxy that treats every connection the same way, whatever is asked. */
async function hostileProxy(onConnection: (socket: net.Socket) => void): Promise<number> {
  const sockets = new SocketTracker();
  const server = net.createServer((socket) => onConnection(sockets.track(socket)));
  servers.push({ server, sockets });
  return listen(server);
}

before(async () => {
  lab = await startLab({ sites: [{ host: 'www.google.com', family: 'gts', leafAlg: 'ecdsa' }] });
  inspecting = await lab.startProxy();
  const caPem = path.join(dir, 'corporate-ca.pem');
  const bundle = path.join(dir, 'ca-bundle.pem');
  writeFileSync(caPem, inspecting.root.pem);
  writeFileSync(path.join(dir, 'corporate-ca.crt'), new X509Certificate(inspecting.root.pem).raw);
  writeFileSync(
    bundle,
    Object.values(lab.families)
      .map((f) => f.root.pem)
      .join('') + inspecting.root.pem,
  );
  goodFiles = { caPem, bundle };
  writeFileSync(path.join(dir, 'global-npmrc'), '');
});

after(async () => {
  for (const { server, sockets } of servers) {
    sockets.destroyAll();
    await closeServer(server);
  }
  await lab.close();
  rmSync(dir, { recursive: true, force: true });
});

const proxySpec = (url: string): ProxySpec => {
  const parsed = parseProxyUrl(url);
  assert.ok(parsed.ok, url);
  return parsed.value;
};

function run(proxy: ProxySpec): Promise<ToolCheck[]> {
  return checkTools({
    target: { host: 'www.google.com', port: 443 },
    proxy,
    dial: null,
    files: goodFiles,
    timeoutMs: 8000,
    // The machine's global npmrc (cafile) and system gitconfig are kept out: verify runs the user's own configuration.
    env: {
      PATH: advicePath(),
      HOME: dir,
      RUSTUP_HOME,
      ...machineConfigOff(dir),
    },
  });
}

/** Tools the session snippet sets no variable of their own for: wget and Java do not trust the CA as the user has them. */
const NOT_CONFIGURED_HERE = new Set(['wget', 'java']);

const CARGO = cargoRunsProbe();

/** Every tool the catalogue proves that runs on these machines (CI installs them: .ci/install.d/50-advice.sh). */
const EXPECTED = installedTools([...VERIFY_TOOL_NAMES, ...(CARGO ? ['cargo'] : [])], console.log);

// A cargo too old for the probe's sparse registry fails whatever the export: it proves nothing either way here.
const ran = (checks: ToolCheck[]) =>
  checks.filter((c) => c.result !== 'not-found' && c.result !== 'skipped' && (CARGO || c.name !== 'cargo'));

/**
 * `proxy-auth` where the proxy answered 407 and the tool's output says so: it could not sign in, which is
 * no certificate failure either; a tool that hides the 407 (uv) stays `fail`.
 */
function assertNothingPasses(checks: ToolCheck[], label: string, expected: readonly ToolCheck['result'][] = ['fail']) {
  const results = ran(checks);
  assert.deepEqual(results.map((c) => c.name).sort(), [...EXPECTED].sort(), `${label}: every tool must run: ${JSON.stringify(checks)}`);
  for (const c of results) {
    // A tool the snippet sets nothing for is judged as the user has it: "not configured", never a pass.
    assert.ok([...expected, 'not-configured'].includes(c.result), `${label}: ${c.name} ${c.result} (${c.error})`);
    assert.ok(c.error && c.error.length > 3, `${label}: ${c.name} fails without its own text`);
  }
}

function assertNoSecret(checks: ToolCheck[]) {
  const text = JSON.stringify(checks);
  const forms = [
    PASSWORD,
    encodeURIComponent(PASSWORD),
    Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
    Buffer.from(`${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}`).toString('base64'),
    Buffer.from(`${USER}:${PASSWORD}`, 'latin1').toString('base64'),
  ];
  for (const form of forms) assert.ok(!text.includes(form), `the password leaks as ${form}: ${text}`);
}

describe('verify tools need positive proof', () => {
  it('through an honest inspecting proxy with the right export, every installed tool passes (the control)', async () => {
    const checks = await run(proxySpec(inspecting.url));
    const results = ran(checks);
    assert.deepEqual(results.map((c) => c.name).sort(), [...EXPECTED].sort(), JSON.stringify(checks));
    for (const c of results) assert.equal(c.result, NOT_CONFIGURED_HERE.has(c.name) ? 'not-configured' : 'pass', `${c.name}: ${c.error}`);
    // Each pass is backed by a failed negative control.
    for (const c of results.filter((r) => r.result === 'pass')) assert.equal(c.control, 'fail', c.name);
  });

  it('a proxy answering 407 to everything: no tool passes, each says why', async () => {
    const port = await hostileProxy((socket) =>
      socket.once('data', () =>
        socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="x"\r\nContent-Length: 0\r\n\r\n'),
      ),
    );
    const checks = await run(proxySpec(`http://127.0.0.1:${port}`));
    assertNothingPasses(checks, '407', ['proxy-auth', 'fail']);
    const git = checks.find((c) => c.name === 'git')!;
    assert.match(git.error!, /407/);
    assert.equal(git.result, 'proxy-auth');
  });

  it('the same proxy, given credentials with / @ % : # and non-ASCII: nothing passes, the password never appears', async () => {
    const port = await hostileProxy((socket) =>
      socket.once('data', (request) => {
        // Echo what a careless proxy might: the credentials it was sent, in its reason phrase.
        const sent = /Proxy-Authorization: ([^\r\n]*)/i.exec(String(request))?.[1] ?? '';
        socket.end(`HTTP/1.1 407 Denied ${sent}\r\nProxy-Authenticate: Basic realm="x"\r\nContent-Length: 0\r\n\r\n`);
      }),
    );
    const url = `http://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`;
    const checks = await run(proxySpec(url));
    assertNothingPasses(checks, '407 with credentials', ['proxy-auth', 'fail']);
    assertNoSecret(checks);
  });

  it('a proxy closing every connection: no tool passes', async () => {
    const port = await hostileProxy((socket) => socket.destroy());
    assertNothingPasses(await run(proxySpec(`http://127.0.0.1:${port}`)), 'closing');
  });

  it('a proxy that accepts CONNECT, then closes: no tool passes', async () => {
    const port = await hostileProxy((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 Connection established\r\n\r\n')));
    assertNothingPasses(await run(proxySpec(`http://127.0.0.1:${port}`)), 'CONNECT then close');
  });
});

describe('verify tools and --connect-to', () => {
  it('only node, curl and openssl follow it; every other tool is skipped with the reason, never run against the real host', async () => {
    // Port 1 refuses: the tools that follow --connect-to run (and fail there), the others must not run at all.
    const checks = await checkTools({
      target: { host: 'www.google.com', port: 443 },
      proxy: null,
      dial: { host: '127.0.0.1', port: 1 },
      files: goodFiles,
      timeoutMs: 8000,
      env: { PATH: advicePath(), HOME: dir, RUSTUP_HOME },
    });
    const by = (result: string) =>
      checks
        .filter((c) => c.result === result && EXPECTED.includes(c.name))
        .map((c) => c.name)
        .sort();
    assert.deepEqual(by('fail'), ['curl', 'node', 'openssl']);
    assert.deepEqual(by('skipped'), EXPECTED.filter((name) => !['curl', 'node', 'openssl'].includes(name)).sort());
    for (const c of checks.filter((c) => c.result === 'skipped')) assert.match(c.error!, /cannot follow --connect-to/);
  });
});

/** Runs verify's tools with a fake `cargo` first on PATH that answers the probe with `stderr` and `exit`. */
async function cargoAnswering(label: string, stderr: string, exit: number) {
  const bin = path.join(dir, `${label}-bin`);
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, 'cargo'), `#!/bin/sh\ncat >&2 <<'EOF'\n${stderr}\nEOF\nexit ${exit}\n`, { mode: 0o755 });
  return cargoCheck({ PATH: `${bin}:/usr/bin:/bin`, HOME: dir }, 8000);
}

/** verify's cargo check through the inspecting proxy with the good export, in `env`. */
async function cargoCheck(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ToolCheck> {
  const checks = await checkTools({
    target: { host: 'www.google.com', port: 443 },
    proxy: proxySpec(inspecting.url),
    dial: null,
    files: goodFiles,
    timeoutMs,
    env,
  });
  return checks.find((c) => c.name === 'cargo')!;
}

describe('verify tools too old for their check', () => {
  it('a cargo without sparse registries is skipped with the reason, not failed', async () => {
    // What Debian 12's cargo 0.66 answers to the probe.
    const cargo = await cargoAnswering('old-cargo', 'error: usage of sparse registries requires `-Z sparse-registry`', 101);
    assert.equal(cargo.result, 'skipped', JSON.stringify(cargo));
    assert.match(cargo.error!, /predates sparse registries/);
  });
  it('a cargo that cannot start (rustup with no toolchain for this user) is skipped with its own words, not failed', async () => {
    const cargo = await cargoAnswering(
      'no-toolchain',
      "error: rustup could not choose a version of cargo to run, because one wasn't specified explicitly, and no default is configured.",
      1,
    );
    assert.equal(cargo.result, 'skipped', JSON.stringify(cargo));
    assert.match(cargo.error!, /no default toolchain.*rustup could not choose a version/);
  });
});

describe("verify's cargo reads the user's cargo configuration", () => {
  it(
    "proves with the user's $CARGO_HOME/config.toml (http.cainfo) while the index cache stays in the run's folder",
    { skip: !CARGO && 'no cargo with sparse registries here' },
    async () => {
      const cargoBin = path.dirname(
        execFileSync('sh', ['-c', 'command -v cargo'], { env: { PATH: advicePath() }, encoding: 'utf8' }).trim(),
      );
      const cargoHome = path.join(dir, 'user cargo');
      mkdirSync(cargoHome, { recursive: true });
      const config = path.join(cargoHome, 'config.toml');
      // The user's own CA setting, written as cargo's reference shows it, beside a line of theirs.
      writeFileSync(config, `[net]\nretry = 2\n[http]\ncainfo = ${JSON.stringify(goodFiles.bundle)}\ncheck-revoke = false\n`);
      // Only cargo on PATH: the other tools are not installed for this run.
      const cargo = await cargoCheck({ PATH: cargoBin, HOME: dir, RUSTUP_HOME, CARGO_HOME: cargoHome }, 30_000);
      // cargo trusts the file its config names (it outranks SSL_CERT_FILE of the shared block; only
      // CARGO_HTTP_CAINFO would outrank it), so the CA that cannot be right passes too: by the user's setting, named.
      // Without the user's config carried in, this was a plain "pass" by SSL_CERT_FILE, which is not what their cargo does.
      assert.equal(cargo.result, 'pass-by-user-setting', JSON.stringify(cargo));
      assert.deepEqual(
        cargo.settings.map((s) => `${s.setting} ${s.source.kind === 'file' ? `${s.source.file}:${s.source.line}` : ''}`),
        [`http.cainfo ${config}:4`],
      );
      assert.deepEqual(readdirSync(cargoHome).sort(), ['config.toml'], 'no cache or index written into the user CARGO_HOME');
    },
  );
});
