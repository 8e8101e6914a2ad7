/**
 * apply --tool nssdb proven with Debian's Chromium, headless, through the lab's inspecting proxy with the
 * test HOME: a certificate error before, the page after, the error again after revert --all, and the
 * HOME byte for byte as it was (the NSS database CA Bridge created is removed with its one entry).
 * apply --tool firefox likewise with Debian's Firefox ESR and a profile in the test HOME (at the same time:
 * both browsers answer from this process's lab).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LabProxy } from '../lab/proxy.js';
import { run } from '../advice/real-tools/harness.js';
import { labWithExport, type LabExport } from './lab-export.js';
import { cli } from '../helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = !existsSync(CHROMIUM)
  ? 'Debian chromium is not installed (bash .ci/run installs it)'
  : spawnSync('certutil', ['--version']).error
    ? 'certutil is not installed (libnss3-tools; bash .ci/run installs it)'
    : null;

const FIREFOX = '/usr/bin/firefox-esr';
const firefoxMissing = !existsSync(FIREFOX)
  ? 'Debian firefox-esr is not installed (.ci/install.d/55-ledger.sh installs it)'
  : spawnSync('certutil', ['--version']).error
    ? 'certutil is not installed (libnss3-tools)'
    : null;

let setup: LabExport;
let proxy: LabProxy;
let root: string;
let exportDir: string;
before(async () => {
  setup = await labWithExport('nssdb');
  ({ proxy, root, exportDir } = setup);
});
after(() => setup?.close());

describe('browsers trust the CA only after apply --tool', { concurrency: 2 }, () => {
  it('error before, page after, error again after revert --all', { skip: missing ?? false, timeout: 300_000 }, async () => {
    const home = mkdtempSync(path.join(root, 'home-'));
    // Chromium's own cache and data folders go outside HOME: they are the browser's, not ours to undo.
    const env = {
      HOME: home,
      PATH: process.env.PATH,
      LANG: 'C.UTF-8',
      XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
      XDG_DATA_HOME: path.join(root, 'xdg-data'),
    };
    // A fresh profile (and no cache) per load, outside HOME: the browser's own files are not ours to undo.
    const load = async (label: string) => {
      const profile = path.join(root, `profile-${label}`);
      return run(
        CHROMIUM,
        [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          `--user-data-dir=${profile}`,
          `--proxy-server=${proxy.url}`,
          '--virtual-time-budget=10000',
          '--dump-dom',
          'https://www.google.com/',
        ],
        env,
        root,
        120_000,
      );
    };
    const beforeApply = await load('before');
    assert.doesNotMatch(beforeApply.output, /hello from /, `Chromium loaded the page without the CA:\n${beforeApply.output}`);
    assert.match(beforeApply.output, /ERR_CERT_AUTHORITY_INVALID|CERT_AUTHORITY_INVALID|net_error -202/, beforeApply.output);

    const applied = await cli(['apply', '--dir', exportDir, '--tool', 'nssdb'], env);
    assert.equal(applied.code, 0, applied.stderr);
    const listed = await run('certutil', ['-L', '-d', `sql:${path.join(home, '.pki', 'nssdb')}`], env, root);
    assert.match(listed.output, /CA Bridge [0-9a-f]{16}\s+C,,/);

    const afterApply = await load('after');
    assert.match(afterApply.output, /hello from /, `Chromium did not load the page with the CA in its NSS database:\n${afterApply.output}`);

    const reverted = await cli(['revert', '--all'], env);
    assert.equal(reverted.code, 0, reverted.stderr);
    assert.deepEqual(
      readdirSync(home).filter((n) => n !== '.config'),
      [],
      'the NSS database CA Bridge created is gone with its entry',
    );
    const afterRevert = await load('reverted');
    assert.doesNotMatch(afterRevert.output, /hello from /, `Chromium still loaded the page after revert:\n${afterRevert.output}`);
  });

  it(
    'Firefox ESR (apply --tool firefox): certificate error before, page after, error again after revert --all',
    { skip: firefoxMissing ?? false, timeout: 300_000 },
    async () => {
      const home = mkdtempSync(path.join(root, 'firefox-home-'));
      const profile = path.join(home, '.mozilla', 'firefox', 'lab.default');
      mkdirSync(profile, { recursive: true });
      // profiles.ini as Firefox writes it; the profile's database is created by Firefox itself on its first run.
      writeFileSync(
        path.join(home, '.mozilla', 'firefox', 'profiles.ini'),
        '[Profile0]\nName=default\nIsRelative=1\nPath=lab.default\nDefault=1\n',
      );
      writeFileSync(path.join(profile, 'user.js'), firefoxPrefs(proxy.port));
      const env = { HOME: home, PATH: process.env.PATH, LANG: 'C.UTF-8', XDG_CACHE_HOME: path.join(root, 'firefox-cache') };
      const nss = () => run('certutil', ['-L', '-d', `sql:${profile}`], env, root);

      assert.equal(await firefoxLoad(profile, env, 'before'), 'certificate error', 'Firefox without the CA');
      const listedBefore = (await nss()).output;
      const applied = await cli(['apply', '--dir', exportDir, '--tool', 'firefox'], env);
      assert.equal(applied.code, 0, applied.stderr);
      assert.match((await nss()).output, /CA Bridge [0-9a-f]{16}\s+C,,/);
      assert.equal(await firefoxLoad(profile, env, 'after'), 'loaded', 'Firefox with the CA in its profile database');

      const reverted = await cli(['revert', '--all'], env);
      assert.equal(reverted.code, 0, reverted.stderr);
      assert.equal((await nss()).output, listedBefore, 'the database lists exactly what it did before');
      assert.equal(await firefoxLoad(profile, env, 'reverted'), 'certificate error', 'Firefox after revert --all');
    },
  );
});

/** The lab proxy for HTTPS, and none of Firefox's own background requests (they would only add noise to the log). */
const firefoxPrefs = (port: number) =>
  [
    ['network.proxy.type', 1],
    ['network.proxy.ssl', '127.0.0.1'],
    ['network.proxy.ssl_port', port],
    ['network.proxy.no_proxies_on', ''],
    ['app.update.enabled', false],
    ['browser.shell.checkDefaultBrowser', false],
    ['datareporting.policy.dataSubmissionEnabled', false],
    ['toolkit.telemetry.enabled', false],
    ['browser.safebrowsing.malware.enabled', false],
    ['browser.safebrowsing.phishing.enabled', false],
    ['network.captive-portal-service.enabled', false],
    ['network.connectivity-service.enabled', false],
  ]
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n') + '\n';

/**
 * Loads the lab page in headless Firefox and reads the verdict from Firefox's own network log (MOZ_LOG):
 * `loaded` once the origin's answer arrived through the TLS connection (its `content-type: text/plain`
 * header: the proxy's CONNECT answer carries none), `certificate error` once NSS rejected the proxy's
 * certificate with SEC_ERROR_UNKNOWN_ISSUER (NSPR error -8179). Headless `--screenshot` never ends on
 * an error page, so Firefox (its whole process group) is stopped once the log has spoken.
 */
async function firefoxLoad(profile: string, env: NodeJS.ProcessEnv, label: string): Promise<'loaded' | 'certificate error' | string> {
  const logDir = mkdtempSync(path.join(root, `firefox-log-${label}-`));
  const log = path.join(logDir, 'net');
  const child = spawn(
    FIREFOX,
    ['--headless', '--no-remote', '--profile', profile, '--screenshot', path.join(logDir, 'page.png'), 'https://www.google.com/'],
    { env: { ...env, MOZ_LOG: 'nsHttp:3,nsSocketTransport:5', MOZ_LOG_FILE: log }, detached: true, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const verdict = await new Promise<string>((resolve) => {
    const read = () => {
      const text = readdirSync(logDir)
        .filter((f) => f.startsWith('net'))
        .map((f) => readFileSync(path.join(logDir, f), 'latin1'))
        .join('');
      if (/ParseLine \[content-type: text\/plain\]/.test(text)) return 'loaded';
      if (/ErrorAccordingToNSPR \[in=-8179 /.test(text)) return 'certificate error';
      return null;
    };
    const done = (v: string) => (watcher.close(), clearTimeout(timer), resolve(v));
    const watcher = watch(logDir, () => {
      const v = read();
      if (v) done(v);
    });
    const timer = setTimeout(() => done(`no verdict in 120 s:\n${read() ?? ''}`), 120_000);
    void exited.then(() => done(read() ?? 'Firefox ended without a verdict in its log'));
  });
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // Already ended (the page loaded and the screenshot was taken).
  }
  await exited;
  return verdict;
}
