/**
 * `npm start`'s first run through an inspecting proxy, with the real Electron installer code path
 * (@electron/get from node_modules, called as node_modules/electron/install.js calls it) and
 * HTTPS_PROXY. The lab proxy maps the download host (github.com:443) to a dead port: it forges the
 * certificate like an appliance, and after the handshake it cannot reach the site, as a network
 * without internet. Needs `npm run build` (the diagnosis runs the built CLI).
 *
 * The OS store is the machine's own reader, pointed at a file through SSL_CERT_FILE (as OpenSSL
 * honours it): the machine's store is never changed.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deadPort } from '../helpers/dead-port.js';
import { startProxy, type LabProxy } from '../lab/proxy.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
let proxy: LabProxy;
let storeWithCa: string;
let storeWithout: string;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-first-run-'));
  // Nothing listens there: the proxy's upstream leg fails after the handshake, as without internet.
  const port = await deadPort();
  proxy = await startProxy({ upstream: new Map([['github.com:443', { host: '127.0.0.1', port }]]), upstreamCa: [], shape: 'leaf' });
  storeWithCa = path.join(dir, 'store.pem');
  await writeFile(storeWithCa, proxy.root.pem);
  storeWithout = path.join(dir, 'empty-store.pem');
  await writeFile(storeWithout, '');
});
after(async () => {
  await proxy?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The user's environment for the run: their proxy for the installer, their own HOME and cache, none of this machine's CA variables. */
function userEnv(store: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    electron_config_cache: path.join(dir, 'electron-cache'),
    HTTPS_PROXY: proxy.url,
    ELECTRON_GET_USE_PROXY: '1',
    SSL_CERT_FILE: store,
    // The machine's local CA folder must not stand in for the OS store under test.
    SSL_CERT_DIR: path.join(dir, 'no-cert-dir'),
    CA_BRIDGE_UI_NO_OPEN: '1',
    ...extra,
  };
}

interface StartRun {
  output: string;
  /** The browser-mode page, fetched from the URL the run printed. */
  page: { status: number; body: string } | null;
}

/** Runs `node build/ensure-electron.mjs --start` (what npm start runs after the build) until browser mode answers or the run ends. */
function npmStart(env: NodeJS.ProcessEnv): Promise<StartRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'build', 'ensure-electron.mjs'), '--start'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let fetching = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /http:\/\/127\.0\.0\.1:\d+\/\S*/.exec(output)?.[0];
      if (!url || fetching) return;
      fetching = true;
      fetch(url)
        .then(async (res) => ({ status: res.status, body: await res.text() }))
        .then(
          (page) => {
            child.kill('SIGTERM');
            child.once('exit', () => (clearTimeout(timer), resolve({ output, page })));
          },
          (error: Error) => (child.kill('SIGKILL'), reject(error)),
        );
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => {
      if (!fetching) {
        clearTimeout(timer);
        resolve({ output, page: null });
      }
    });
  });
}

describe('npm start on an inspected network (real @electron/get, HTTPS_PROXY, the lab inspecting proxy)', () => {
  it('CA in the OS store: names inspection and the CA, retries with a temporary export, gets past the certificate error, then opens browser mode', async (t) => {
    const run = await npmStart(userEnv(storeWithCa, { CA_BRIDGE_TRUST_OS_CA: '1' }));
    const out = run.output;
    t.diagnostic(out);
    assert.match(
      out,
      /Electron could not be downloaded: the server's certificate was not trusted \(.*(SELF_SIGNED|UNABLE_TO|self-signed|issuer)/i,
      out,
    );
    assert.match(out, /CA Bridge checked github\.com: this network inspects TLS/, out);
    assert.match(out, /CN=Lab Inspection Root CA, O=Example Corp \(SHA-256 [0-9A-F:]{95}\)/, out);
    assert.match(out, /installed in this computer's trust store/, out);
    assert.match(out, /Retrying with NODE_EXTRA_CA_CERTS=/, out);
    // The retry got past the certificate: what stops it now is the missing internet behind the proxy, named as such.
    assert.match(
      out,
      /The CA fixed the certificate error, but:\nElectron could not be downloaded: the download server could not be reached/,
      out,
    );
    assert.doesNotMatch(out, /see the message above/);
    assert.doesNotMatch(out, /NODE_TLS_REJECT_UNAUTHORIZED|strict-ssl/i, 'never suggests turning verification off');
    assert.match(out, /opening the same interface in your browser instead/, out);
    assert.equal(run.page?.status, 200, out);
    assert.match(run.page!.body, /<div id="root">|<script/);
    assert.ok(
      proxy.connectRequests.filter((t) => t === 'github.com:443').length >= 3,
      'installer, CA Bridge probe and retry all went through the proxy',
    );
  });

  it('without consent (no terminal, no CA_BRIDGE_TRUST_OS_CA) it says how to retry, and still opens browser mode', async () => {
    const run = await npmStart(userEnv(storeWithCa));
    assert.match(run.output, /CA_BRIDGE_TRUST_OS_CA=1 npm start/);
    assert.doesNotMatch(run.output, /Retrying with/);
    assert.equal(run.page?.status, 200, run.output);
  });

  it('CA not in the OS store: still names inspection and the fixes, no retry', async () => {
    const run = await npmStart(userEnv(storeWithout, { CA_BRIDGE_TRUST_OS_CA: '1' }));
    const out = run.output;
    assert.match(out, /this network inspects TLS/, out);
    assert.match(out, /NOT in this computer's trust store: ask IT for this CA certificate file/, out);
    assert.match(out, /NODE_EXTRA_CA_CERTS=\/path\/to\/company-ca\.pem npm start/, out);
    assert.doesNotMatch(out, /Retrying with/);
    assert.equal(run.page?.status, 200, out);
  });
});
