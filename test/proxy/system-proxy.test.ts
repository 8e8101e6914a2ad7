/**
 * System proxy discovery, used when --proxy is not given: GNOME through the real `gsettings` with a
 * private keyfile backend (XDG_CONFIG_HOME of the test), KDE through a private kioslaverc, macOS and
 * Windows on recorded `scutil --proxy` and `reg query` output replayed through the command runner.
 * Detection then goes where the setting says, and says where the setting came from.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startUiServer } from '../../electron/cli/ui-server.js';
import { detect } from '../../electron/core/detect.js';
import { parseProxyChoice } from '../../electron/core/proxy/select.js';
import { matchesBypass } from '../../electron/core/proxy/system/bypass.js';
import { macosSettings } from '../../electron/core/proxy/system/macos.js';
import type { CommandRunner } from '../../electron/core/proxy/system/types.js';
import { proxyUrlFromProxyServer, windowsSettings } from '../../electron/core/proxy/system/windows.js';
import { kioslavercSettings } from '../../electron/core/proxy/system/kde.js';
import { cli } from '../helpers/cli.js';
import { startLab, type Lab } from '../lab/lab.js';
import { startPacServer, type PacServer } from '../lab/pac.js';
import type { LabProxy } from '../lab/proxy.js';
import { callOperation, uiSessionToken } from '../helpers/ui-session.js';
import { closedPort } from '../lab/servers.js';

const exec = promisify(execFile);
const fixture = (name: string) => readFile(new URL(`../fixtures/proxy/${name}`, import.meta.url), 'utf8');

let lab: Lab;
let proxy: LabProxy;
let pac: PacServer;
let store: string;
let home: string;
let emptyResolvConf: string;
let deadPort: number;

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({});
  store = await lab.writePem('system-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), proxy.root.pem]);
  pac = await startPacServer({ '/corp.pac': `function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:${proxy.port}"; }` });
  home = await mkdtemp(path.join(tmpdir(), 'ca-bridge-sysproxy-'));
  emptyResolvConf = path.join(home, 'resolv.conf');
  await writeFile(emptyResolvConf, 'nameserver 127.0.0.1\n');
  deadPort = await closedPort();
});
after(async () => {
  await pac.close();
  await proxy.close();
  await lab.close();
  await rm(home, { recursive: true, force: true });
});

const targets = () => ['github.com', 'pypi.org', 'www.google.com'];

/** Runs the engine as the CLI would without --proxy, with the command runner replaying recorded output. */
async function detectWithSystem(platform: NodeJS.Platform, run: CommandRunner) {
  const choice = parseProxyChoice(undefined);
  assert.ok(choice.ok);
  return detect({
    targets: targets().map((host) => ({ host, port: 443 })),
    proxy: choice.value,
    connectTo: lab.connectToMappings,
    timeoutMs: 6000,
    concurrency: 4,
    env: {},
    publicRootsFile: lab.publicRootsFile,
    trustStorePath: store,
    // Auto-detect on: the WPAD search looks under no suffix of this machine and asks no real DNS server.
    proxyDiscovery: { platform, run, wpad: { hostName: 'pc', resolvConfPath: emptyResolvConf, dnsServers: [`127.0.0.1:${deadPort}`] } },
  });
}

const statusOf = (report: { targets: { host: string; status: string }[] }) =>
  Object.fromEntries(report.targets.map((t) => [t.host, t.status]));

describe('macOS: recorded `scutil --proxy` output', () => {
  it('manual HTTPS proxy with exceptions: github.com goes direct (clean), the rest through the proxy', async () => {
    const text = (await fixture('scutil-manual.txt')).replace('@PORT@', String(proxy.port));
    const calls: string[] = [];
    const report = await detectWithSystem('darwin', async (command, args) => {
      calls.push([command, ...args].join(' '));
      return command === 'scutil' ? text : null;
    });
    assert.deepEqual(calls, ['scutil --proxy']);
    assert.deepEqual(statusOf(report), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.equal(report.verdict, 'partial');
    assert.equal(report.proxySource?.kind, 'macos');
    assert.equal(report.proxySource!.detail, `127.0.0.1:${proxy.port}`);
  });

  it('a PAC URL with auto-discovery also on: no WPAD file, so the PAC file decides, and the user is told', async () => {
    const text = (await fixture('scutil-pac.txt')).replace('@PAC@', pac.url('/corp.pac'));
    const report = await detectWithSystem('darwin', async (command) => (command === 'scutil' ? text : null));
    assert.equal(report.verdict, 'inspected');
    assert.equal(report.proxySource?.kind, 'macos');
    assert.match(report.proxySource!.detail, /^http:\/\/127\.0\.0\.1:\d+\/corp\.pac$/);
    assert.deepEqual(report.proxySource!.notes, [{ code: 'wpad-no-domain', setting: 'macos' }, { code: 'wpad-dhcp-not-asked' }]);
  });

  it('no proxy configured, or scutil missing: the environment decides', async () => {
    const none = await fixture('scutil-none.txt');
    assert.equal(macosSettings(none), null);
    const report = await detectWithSystem('darwin', async () => null);
    assert.equal(report.proxySource?.kind, 'none');
    assert.deepEqual(statusOf(report), { 'github.com': 'clean', 'pypi.org': 'clean', 'www.google.com': 'clean' });
  });
});

describe('Windows: recorded `reg query` output of Internet Settings', () => {
  it('ProxyEnable + per-scheme ProxyServer + ProxyOverride: the https= entry is used, overrides go direct', async () => {
    const text = (await fixture('reg-manual.txt')).replaceAll('@PORT@', String(proxy.port));
    const report = await detectWithSystem('win32', async (command, args) => (command === 'reg' && args.length === 2 ? text : null));
    assert.deepEqual(statusOf(report), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.equal(report.proxySource?.kind, 'windows');
    assert.equal(report.proxySource!.detail, `127.0.0.1:${proxy.port}`);
  });

  it('AutoConfigURL and the auto-detect flag: the PAC file decides, WPAD noted', async () => {
    const main = (await fixture('reg-pac.txt')).replace('@PAC@', pac.url('/corp.pac'));
    const connections = await fixture('reg-connections.txt');
    const report = await detectWithSystem('win32', async (_command, args) => (args.includes('/v') ? connections : main));
    assert.equal(report.verdict, 'inspected');
    assert.match(report.proxySource!.detail, /^http:\/\/127\.0\.0\.1:\d+\/corp\.pac$/);
    assert.deepEqual(report.proxySource!.notes, [{ code: 'wpad-no-domain', setting: 'windows' }, { code: 'wpad-dhcp-not-asked' }]);
  });

  it('ProxyServer forms', () => {
    assert.equal(proxyUrlFromProxyServer('proxy.corp:8080'), 'http://proxy.corp:8080');
    assert.equal(proxyUrlFromProxyServer('http=a:1;https=b:2'), 'http://b:2');
    assert.equal(proxyUrlFromProxyServer('http=a:1;ftp=c:3'), null);
    assert.equal(proxyUrlFromProxyServer('https=http://b:2'), 'http://b:2');
    // Disabled proxy, no PAC, no auto-detect: nothing.
    assert.equal(windowsSettings('    ProxyEnable    REG_DWORD    0x0\r\n    ProxyServer    REG_SZ    a:1\r\n', null), null);
  });
});

const gsettingsMissing = existsSync('/usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml')
  ? null
  : 'gsettings-desktop-schemas is not installed (.ci/install.d/60-proxy.sh installs it)';

describe('GNOME: the real gsettings, with a private keyfile backend', { skip: gsettingsMissing ?? false }, () => {
  let env: NodeJS.ProcessEnv;
  before(async () => {
    const config = path.join(home, 'gnome-config');
    await mkdir(config, { recursive: true });
    // keyfile backend: settings live in XDG_CONFIG_HOME/glib-2.0/settings/keyfile, never in the user's dconf.
    env = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: config,
      GSETTINGS_BACKEND: 'keyfile',
      XDG_CURRENT_DESKTOP: 'ubuntu:GNOME',
    };
  });
  const gset = (...args: string[]) => exec('gsettings', ['set', ...args], { env });

  it('manual mode with ignore-hosts: detection goes through the proxy, ignored hosts direct', async () => {
    await gset('org.gnome.system.proxy', 'mode', 'manual');
    await gset('org.gnome.system.proxy.https', 'host', '127.0.0.1');
    await gset('org.gnome.system.proxy.https', 'port', String(proxy.port));
    await gset('org.gnome.system.proxy', 'ignore-hosts', "['localhost', 'git*.com']");
    const run = await cli(
      [
        'detect',
        '--json',
        '--targets',
        targets().join(','),
        ...lab.connectToArgs,
        '--public-roots',
        lab.publicRootsFile,
        '--trust-store',
        store,
      ],
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    assert.deepEqual(statusOf(report), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.deepEqual(report.proxySource, { kind: 'gnome', detail: `127.0.0.1:${proxy.port}`, notes: [] });
    const text = await cli(
      ['detect', '--targets', 'pypi.org', ...lab.connectToArgs, '--public-roots', lab.publicRootsFile, '--trust-store', store],
      env,
    );
    assert.match(
      text.stdout,
      new RegExp(
        `Proxy: http://127\\.0\\.0\\.1:${proxy.port} \\(from GNOME proxy settings \\(gsettings\\): 127\\.0\\.0\\.1:${proxy.port}\\)`,
      ),
    );
  });

  it('browser mode with an empty proxy field uses the same GNOME setting', async () => {
    const server = await startUiServer({
      port: 0,
      staticDir: new URL('../../renderer/dist', import.meta.url).pathname,
      service: { env, platform: 'linux', locale: 'en-US' },
    });
    try {
      const token = await uiSessionToken(server);
      const body = {
        targets: 'pypi.org',
        connectTo: lab.connectTo,
        publicRootsFile: lab.publicRootsFile,
        trustStorePath: store,
      };
      const answer = await callOperation(server, token, 'detect', body);
      const result = JSON.parse(answer);
      assert.equal(result.ok, true, answer);
      assert.equal(result.value.proxySource.kind, 'gnome');
      assert.equal(result.value.targets[0].status, 'inspected');
    } finally {
      await server.close();
    }
  });

  it('auto mode with a PAC URL', async () => {
    await gset('org.gnome.system.proxy', 'mode', 'auto');
    await gset('org.gnome.system.proxy', 'autoconfig-url', pac.url('/corp.pac'));
    const run = await cli(
      ['detect', '--json', '--targets', targets().join(','), '--public-roots', lab.publicRootsFile, '--trust-store', store],
      env,
    );
    assert.equal(run.json().verdict, 'inspected');
    assert.equal(run.json().proxySource.kind, 'gnome');
  });

  it('mode none: the environment decides; --proxy overrides the system setting', async () => {
    await gset('org.gnome.system.proxy', 'mode', 'none');
    const run = await cli(['detect', '--json', '--targets', 'pypi.org', '--public-roots', lab.publicRootsFile, '--trust-store', store], {
      ...env,
      HTTPS_PROXY: proxy.url,
    });
    assert.deepEqual(run.json().proxySource, { kind: 'environment', detail: 'HTTPS_PROXY', notes: [] });
    await gset('org.gnome.system.proxy', 'mode', 'manual');
    const direct = await cli(
      [
        'detect',
        '--json',
        '--proxy',
        'direct',
        '--targets',
        'pypi.org',
        ...lab.connectToArgs,
        '--public-roots',
        lab.publicRootsFile,
        '--trust-store',
        store,
      ],
      env,
    );
    assert.equal(direct.json().proxySource.kind, 'option');
    assert.equal(direct.json().targets[0].status, 'clean');
  });

  it('outside a GNOME session the GNOME settings are not consulted (as Chromium does)', async () => {
    const run = await cli(
      ['detect', '--json', '--targets', 'pypi.org', ...lab.connectToArgs, '--public-roots', lab.publicRootsFile, '--trust-store', store],
      {
        ...env,
        XDG_CURRENT_DESKTOP: 'sway',
      },
    );
    assert.equal(run.json().proxySource.kind, 'none');
  });
});

describe('KDE: kioslaverc', () => {
  it('manual https proxy, both spellings, and NoProxyFor', async () => {
    const config = path.join(home, 'kde-config');
    await mkdir(config, { recursive: true });
    await writeFile(
      path.join(config, 'kioslaverc'),
      `[Proxy Settings]\nProxyType=1\nhttpsProxy=http://127.0.0.1 ${proxy.port}\nNoProxyFor=github.com,.example\n\n[Other]\nProxyType=0\n`,
    );
    const env = { HOME: home, XDG_CONFIG_HOME: config, XDG_CURRENT_DESKTOP: 'KDE' };
    const run = await cli(
      [
        'detect',
        '--json',
        '--targets',
        targets().join(','),
        ...lab.connectToArgs,
        '--public-roots',
        lab.publicRootsFile,
        '--trust-store',
        store,
      ],
      env,
    );
    assert.deepEqual(statusOf(run.json()), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.equal(run.json().proxySource.kind, 'kde');
    assert.equal(kioslavercSettings('[Proxy Settings]\nProxyType=1\nhttpsProxy=http://p.corp:3128/\n')?.proxyUrl, 'http://p.corp:3128');
    assert.equal(kioslavercSettings('[Proxy Settings]\nProxyType=2\nProxy Config Script=http://w/p.pac\n')?.pacUrl, 'http://w/p.pac');
    assert.equal(kioslavercSettings('[Proxy Settings]\nProxyType=0\n'), null);
  });
});

describe('bypass lists', () => {
  it('wildcards, .suffixes, ports, CIDR (also macOS short form), <local>', () => {
    assert.ok(matchesBypass('a.corp.example', 443, ['*.corp.example'], false));
    assert.ok(matchesBypass('corp.example', 443, ['.corp.example'], false));
    assert.ok(!matchesBypass('xcorp.example', 443, ['.corp.example'], false));
    assert.ok(matchesBypass('10.1.2.3', 443, ['10.0.0.0/8'], false));
    assert.ok(matchesBypass('169.254.9.9', 443, ['169.254/16'], false));
    assert.ok(!matchesBypass('11.1.2.3', 443, ['10.0.0.0/8'], false));
    assert.ok(matchesBypass('intranet', 443, [], true));
    assert.ok(!matchesBypass('intranet.corp', 443, [], true));
    assert.ok(matchesBypass('a.example', 8443, ['a.example:8443'], false));
    assert.ok(!matchesBypass('a.example', 443, ['a.example:8443'], false));
  });
  it('entries written as URLs (http://host, https://host:port) match their host', () => {
    assert.ok(matchesBypass('intranet.example', 443, ['http://intranet.example'], false));
    assert.ok(matchesBypass('intranet.example', 8443, ['HTTPS://intranet.example:8443'], false));
    assert.ok(matchesBypass('a.corp.example', 443, ['http://*.corp.example'], false));
    assert.ok(!matchesBypass('other.example', 443, ['http://intranet.example'], false));
  });
  it('is bounded: the first 500 entries of 300 characters each are read, a backtracking pattern answers', () => {
    const filler = Array.from({ length: 500 }, (_, i) => `filler${i}.example`);
    assert.ok(matchesBypass('late.example', 443, [...filler.slice(1), 'late.example'], false), 'entry 500 is read');
    assert.ok(!matchesBypass('late.example', 443, [...filler, 'late.example'], false), 'entry 501 is not');
    const long = 'x'.repeat(300) + '.example';
    assert.ok(matchesBypass(long, 443, [long.slice(0, 299) + '*'], false));
    assert.ok(!matchesBypass(long, 443, [long], false), 'an entry is cut at 300 characters');
    // A pattern that makes a backtracking matcher explode; globMatch walks it without backtracking.
    assert.equal(matchesBypass('a'.repeat(250), 443, ['*a*a*a*a*a*a*a*a*a*a*a*a*b'.repeat(10)], false), false);
  });
});
