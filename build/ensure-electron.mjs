// `npm start` on a fresh checkout: install skips Electron's binary (ELECTRON_SKIP_BINARY_DOWNLOAD=1 on
// build machines without internet); fetch it the first time the app is started, then start the app.
// When the download fails, name the real failure (the error's cause chain), and when it is a
// certificate error, let CA Bridge's own engine (the built CLI) check the download host through the
// proxy the installer used: on an inspecting network with the CA in the OS store, retry with that CA
// (CA_BRIDGE_TRUST_OS_CA=1, or a yes at the prompt). When Electron still cannot be had, open the same
// interface in the browser instead, so `npm start` always runs the main job.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { certificateAdvice, failureKind, fallback, otherAdvice } from './electron-download-advice.mjs';
import { fill } from '../dist/shared/i18n/fill.js';
import { MESSAGES } from '../dist/shared/i18n/index.js';
import { languageFromEnvironment } from '../dist/electron/cli/language.js';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.dirname(require.resolve('electron/package.json'));
const cli = path.join(root, 'dist', 'electron', 'cli', 'bin.js');
const LIMITS = { encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 };
/** The user's language, as the ca-bridge command chooses it (LC_ALL, LC_MESSAGES, LANG; the OS locale on Windows). */
const w = MESSAGES[languageFromEnvironment(process.env)].cli.firstRun;

/** One download attempt in a child process (NODE_EXTRA_CA_CERTS is read only at start-up): its JSON line. */
function download(env) {
  const run = spawnSync(process.execPath, [path.join(import.meta.dirname, 'electron-fetch.mjs')], {
    ...LIMITS,
    env: { ...env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
  });
  const line = (run.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    const reason = run.error?.message ?? fill(w.helperEnded, { status: String(run.status ?? run.signal) });
    return { ok: false, chain: [{ name: 'Error', code: run.error?.code ?? null, message: reason }] };
  }
}

/** The proxy @electron/get used: HTTPS_PROXY and friends only under ELECTRON_GET_USE_PROXY, as in its proxy.js. */
function installerProxy(env) {
  if (!env.ELECTRON_GET_USE_PROXY) return 'direct';
  return env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || 'direct';
}

/** The host the archive comes from: the mirror's, else GitHub's. */
function downloadHost(env) {
  try {
    return env.ELECTRON_MIRROR ? new URL(env.ELECTRON_MIRROR).host : 'github.com';
  } catch {
    return 'github.com';
  }
}

/** Runs the built CLI with --json; null when it could not answer. */
function caBridge(args, env) {
  const run = spawnSync(process.execPath, [cli, ...args, '--json'], { ...LIMITS, env, timeout: 120_000 });
  try {
    return run.status === 0 ? JSON.parse(run.stdout) : null;
  } catch {
    return null;
  }
}

/** CA Bridge's own check of the download host, through the proxy the installer used. */
function diagnose(env) {
  const host = downloadHost(env);
  const probe = ['--targets', host, '--proxy', installerProxy(env)];
  const detection = existsSync(cli) ? caBridge(['detect', ...probe], env) : null;
  const ca = detection?.inspectionCa;
  if (!detection || detection.verdict === 'clean' || detection.verdict === 'inconclusive' || !ca) return { host, probe, inspected: false };
  return {
    host,
    probe,
    inspected: true,
    vendor: detection.vendor?.name ?? null,
    subject: ca.subject,
    fingerprint: ca.fingerprint256,
    inStore: ca.source === 'trust-store',
  };
}

async function agreed(env) {
  if (/^(1|yes|true)$/i.test(env.CA_BRIDGE_TRUST_OS_CA ?? '')) return true;
  if (!process.stdin.isTTY) {
    console.error(w.notAsked);
    return false;
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(w.askRetry);
  rl.close();
  return /^(y(es)?|はい)$/i.test(answer.trim());
}

/**
 * Exports the CA with CA Bridge into a temporary folder and gives it to the retry, together with any
 * NODE_EXTRA_CA_CERTS the user already has (Node reads one file). The folder is removed afterwards.
 */
function retryWithCa(env, diagnosis) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ca-bridge-electron-'));
  try {
    const exported = caBridge(['export', '--out', dir, '--force', ...diagnosis.probe], env);
    if (!exported) return null;
    const own = env.NODE_EXTRA_CA_CERTS && existsSync(env.NODE_EXTRA_CA_CERTS) ? readFileSync(env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
    const extra = path.join(dir, 'extra-ca.pem');
    writeFileSync(extra, `${own}\n${readFileSync(path.join(dir, 'corporate-ca.pem'), 'utf8')}`);
    console.error(fill(w.retrying, { file: extra }));
    return download({ ...env, NODE_EXTRA_CA_CERTS: extra });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Unpacks the archive now in @electron/get's cache with Electron's own installer (no network needed). */
function extract(env) {
  const run = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    ...LIMITS,
    env,
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
  return run.status === 0;
}

function start(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

function browserMode() {
  console.error(w.browserMode);
  start(process.execPath, [cli, 'ui', ...(process.env.CA_BRIDGE_UI_NO_OPEN ? ['--no-open'] : [])]);
}

async function ensureElectron() {
  if (existsSync(path.join(electronDir, 'path.txt'))) return true;
  console.log(w.downloading);
  const env = process.env;
  let outcome = download(env);
  if (outcome.ok) return extract(env);
  let kind = failureKind(outcome.chain);
  if (kind !== 'certificate') {
    console.error([...otherAdvice(outcome.chain, kind, w), ...fallback(w)].join('\n'));
    return false;
  }
  const diagnosis = diagnose(env);
  console.error(certificateAdvice(outcome.chain, diagnosis, w).join('\n'));
  if (!diagnosis.inspected || !diagnosis.inStore || !(await agreed(env))) return false;
  outcome = retryWithCa(env, diagnosis) ?? outcome;
  if (outcome.ok) return extract(env);
  kind = failureKind(outcome.chain);
  console.error([kind === 'certificate' ? w.stillFailing : w.fixedBut, ...otherAdvice(outcome.chain, kind, w)].join('\n'));
  return false;
}

// `--start` (npm start): then run the app, or browser mode; without it (npm run dist): only ensure, exit 1 on failure.
const ready = await ensureElectron();
if (!process.argv.includes('--start')) process.exit(ready ? 0 : 1);
if (ready) start(require('electron'), ['.']);
else browserMode();
