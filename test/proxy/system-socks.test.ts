/**
 * SOCKS entries in the OS proxy settings, read as Chromium reads them: Windows `socks=` (SOCKS 4,
 * the name resolved here), macOS SOCKSProxy, GNOME org.gnome.system.proxy.socks and KDE socksProxy
 * (SOCKS 5, the name resolved by the proxy); an https proxy in the same setting wins. Detection then
 * goes through the lab SOCKS server, whose log shows which version was spoken and whether it was
 * handed names or addresses. Windows and macOS replay recorded `reg query` / `scutil --proxy`
 * output, and Windows once more through Wine's real reg.exe (a private WINEPREFIX the test creates and
 * deletes); GNOME runs the real gsettings with a private keyfile backend; KDE reads a private kioslaverc.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { detect } from '../../electron/core/detect.js';
import { parseProxyChoice } from '../../electron/core/proxy/select.js';
import { gnomeSettings } from '../../electron/core/proxy/system/gnome.js';
import { kioslavercSettings } from '../../electron/core/proxy/system/kde.js';
import { macosSettings } from '../../electron/core/proxy/system/macos.js';
import { proxyUrlFromEntry } from '../../electron/core/proxy/system/proxy-entry.js';
import type { CommandRunner } from '../../electron/core/proxy/system/types.js';
import { proxyUrlFromProxyServer, windowsSettings } from '../../electron/core/proxy/system/windows.js';
import { cli } from '../helpers/cli.js';
import { assertNoSecret, secretForms } from '../helpers/credential-grep.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { LOOPBACK } from '../lab/servers.js';
import { startSocksServer, type LabSocks } from '../lab/socks.js';

const exec = promisify(execFile);
const fixture = (name: string) => readFile(new URL(`../fixtures/proxy/${name}`, import.meta.url), 'utf8');
const SITES = ['github.com', 'pypi.org', 'www.google.com'];
const USER = 'corp\\dev';
const PASSWORD = 'süß:p@ss/%41';

let lab: Lab;
let inspecting: LabProxy;
let socks: LabSocks;
/** A SOCKS 5 gateway that insists on RFC 1929 user name and password. */
let socksAuth: LabSocks;
let store: string;
let home: string;

before(async () => {
  lab = await startLab();
  inspecting = await lab.startProxy({});
  // The SOCKS gateway hands every tunnel to the inspecting proxy's transparent port.
  socks = await startSocksServer({ forwardTo: { host: LOOPBACK, port: inspecting.transparentPort } });
  socksAuth = await startSocksServer({
    forwardTo: { host: LOOPBACK, port: inspecting.transparentPort },
    auth: { user: USER, password: PASSWORD },
  });
  store = await lab.writePem('system-socks-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), inspecting.root.pem]);
  home = await mkdtemp(path.join(tmpdir(), 'ca-bridge-syssocks-'));
});
after(async () => {
  await Promise.all([socks.close(), socksAuth.close()]);
  await inspecting.close();
  await lab.close();
  await rm(home, { recursive: true, force: true });
});

const statusOf = (report: { targets: { host: string; status: string }[] }) =>
  Object.fromEntries(report.targets.map((t) => [t.host, t.status]));

/** What the SOCKS server was asked during `work`: version and address type per site name asked for. */
async function socksLog<T>(
  work: () => Promise<T>,
): Promise<{ result: T; asked: { version: number; addressType: string; host: string }[] }> {
  const before = socks.requests.length;
  const result = await work();
  return { result, asked: socks.requests.slice(before).map(({ version, addressType, host }) => ({ version, addressType, host })) };
}

/** The engine as the CLI runs it without --proxy, the command runner replaying recorded output. */
async function detectWithSystem(platform: NodeJS.Platform, run: CommandRunner) {
  const choice = parseProxyChoice(undefined);
  assert.ok(choice.ok);
  return detect({
    targets: SITES.map((host) => ({ host, port: 443 })),
    proxy: choice.value,
    connectTo: lab.connectToMappings,
    timeoutMs: 8000,
    concurrency: 3,
    env: {},
    publicRootsFile: lab.publicRootsFile,
    trustStorePath: store,
    proxyDiscovery: { platform, run },
  });
}

describe('reading the settings (Chromium precedence and SOCKS versions)', () => {
  it('Windows ProxyServer: https= wins, socks= alone is SOCKS 4, a written scheme wins, http= alone is no proxy for https', () => {
    assert.equal(proxyUrlFromProxyServer('socks=10.0.0.5:1080'), 'socks4://10.0.0.5:1080');
    assert.equal(proxyUrlFromProxyServer('http=a:1;socks=s.corp'), 'socks4://s.corp:1080');
    assert.equal(proxyUrlFromProxyServer('socks=s:1;https=b:2'), 'http://b:2');
    assert.equal(proxyUrlFromProxyServer('https=;socks=s:1'), 'socks4://s:1');
    assert.equal(proxyUrlFromProxyServer('socks=socks5://s:9'), 'socks5h://s:9');
    assert.equal(proxyUrlFromProxyServer('https=https://p.corp:8443'), 'https://p.corp:8443');
    assert.equal(proxyUrlFromProxyServer('socks://s:9'), 'socks5h://s:9');
    assert.equal(proxyUrlFromProxyServer('proxy.corp:8080'), 'http://proxy.corp:8080');
    assert.equal(proxyUrlFromProxyServer('[fd00::1]:3128'), 'http://[fd00::1]:3128');
    assert.equal(proxyUrlFromProxyServer('http=a:1;ftp=c:3'), null);
    assert.equal(proxyUrlFromProxyServer('socks=quic://s:1'), null);
    assert.equal(proxyUrlFromProxyServer('socks=a b c'), null);
    // Disabled: nothing, whatever ProxyServer says.
    assert.equal(windowsSettings('    ProxyEnable    REG_DWORD    0x0\r\n    ProxyServer    REG_SZ    socks=a:1\r\n', null), null);
  });

  it('macOS: the SOCKS proxy is SOCKS 5 (names to the proxy), the secure web proxy wins over it, SOCKSPort defaults to 1080', () => {
    const dict = (lines: string[]) => `<dictionary> {\n${lines.map((l) => `  ${l}`).join('\n')}\n}\n`;
    const socksOnly = ['SOCKSEnable : 1', 'SOCKSProxy : socks.corp'];
    assert.equal(macosSettings(dict(socksOnly))?.proxyUrl, 'socks5h://socks.corp:1080');
    assert.equal(
      macosSettings(dict([...socksOnly, 'HTTPSEnable : 1', 'HTTPSProxy : p.corp', 'HTTPSPort : 3128']))?.proxyUrl,
      'http://p.corp:3128',
    );
    assert.equal(macosSettings(dict([...socksOnly, 'HTTPSEnable : 0', 'HTTPSProxy : p.corp']))?.proxyUrl, 'socks5h://socks.corp:1080');
    assert.equal(macosSettings(dict(['SOCKSEnable : 0', 'SOCKSProxy : socks.corp', 'SOCKSPort : 1080'])), null);
    // Without HTTPSPort, Chromium takes the default port of the proxy's own scheme, HTTP: 80 (not 443).
    assert.equal(macosSettings(dict(['HTTPSEnable : 1', 'HTTPSProxy : p.corp']))?.proxyUrl, 'http://p.corp:80');
  });

  it('GNOME: socks host is SOCKS 5 (socks4:// written before it means 4), the https host wins, use-same-proxy is ignored as Chromium does', () => {
    const out = (pairs: [string, string, string][]) =>
      pairs.map(([schema, key, value]) => `org.gnome.system.proxy${schema} ${key} ${value}`).join('\n');
    const manual: [string, string, string][] = [
      ['', 'mode', "'manual'"],
      ['', 'use-same-proxy', 'true'],
      ['.http', 'host', "'h.corp'"],
      ['.http', 'port', '3128'],
      ['.socks', 'host', "'s.corp'"],
      ['.socks', 'port', '1081'],
    ];
    assert.equal(gnomeSettings(out(manual))?.proxyUrl, 'socks5h://s.corp:1081');
    assert.equal(gnomeSettings(out([...manual, ['.https', 'host', "'p.corp'"], ['.https', 'port', '0']]))?.proxyUrl, 'http://p.corp:80');
    assert.equal(gnomeSettings(out([...manual, ['.socks', 'host', "'socks4://s.corp'"]]))?.proxyUrl, 'socks4://s.corp:1081');
    assert.equal(gnomeSettings(out([...manual, ['.socks', 'host', "'::1'"]]))?.proxyUrl, 'socks5h://[::1]:1081');
    assert.equal(gnomeSettings(out([...manual.slice(0, 4)])), null);
  });

  it('KDE: socksProxy in both spellings is SOCKS 5; httpsProxy wins', () => {
    const kio = (lines: string) => kioslavercSettings(`[Proxy Settings]\nProxyType=1\n${lines}`)?.proxyUrl ?? null;
    assert.equal(kio('socksProxy=socks://s.corp 1080\n'), 'socks5h://s.corp:1080');
    assert.equal(kio('socksProxy=socks://s.corp:1085\n'), 'socks5h://s.corp:1085');
    assert.equal(kio('socksProxy=socks4://s.corp:1085\n'), 'socks4://s.corp:1085');
    assert.equal(kio('httpsProxy=http://p.corp 3128\nsocksProxy=socks://s.corp 1080\n'), 'http://p.corp:3128');
    assert.equal(kio('httpsProxy=\nsocksProxy=\n'), null);
    assert.equal(proxyUrlFromEntry('http://p.corp:3128/', 'http', 'desktop'), 'http://p.corp:3128');
  });
});

describe('probing through the SOCKS entry of each OS setting', () => {
  it('a SOCKS 5 setting whose gateway wants a password: named in the error without it, answered with --proxy-user, never printed', async () => {
    const config = path.join(home, 'kde-auth');
    await mkdir(config, { recursive: true });
    await writeFile(path.join(config, 'kioslaverc'), `[Proxy Settings]\nProxyType=1\nsocksProxy=socks://127.0.0.1:${socksAuth.port}\n`);
    const env = { HOME: home, XDG_CONFIG_HOME: config, XDG_CURRENT_DESKTOP: 'KDE', CA_BRIDGE_PROXY_PASSWORD: PASSWORD };
    const args = [
      'detect',
      '--json',
      '--targets',
      'pypi.org',
      ...lab.connectToArgs,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
    ];
    const without = await cli(args, env);
    assert.equal(without.code, 0, without.stderr);
    assert.equal(without.json().targets[0].error?.code, 'proxy-auth-required', without.stdout);
    assert.match(without.json().targets[0].error.message, /SOCKS 5 authentication/);
    for (const text of [false, true]) {
      const run = await cli([...args.filter((a) => !text || a !== '--json'), '--proxy-user', USER], env);
      assert.equal(run.code, 0, run.stderr);
      if (!text) assert.equal(run.json().targets[0].status, 'inspected', run.stdout);
      else assert.match(run.stdout, new RegExp(`KDE proxy settings \\(kioslaverc\\): socks5h://127\\.0\\.0\\.1:${socksAuth.port}\\)`));
      assertNoSecret(
        `--proxy-user through the KDE SOCKS setting (${text ? 'text' : 'json'})`,
        run.stdout + run.stderr,
        secretForms(USER, PASSWORD),
      );
    }
    assert.ok(socksAuth.usersOffered.includes(USER));
  });

  it('Windows (recorded reg query): socks= routes through SOCKS 4 with addresses resolved here; ProxyOverride goes direct', async () => {
    const text = (await fixture('reg-socks.txt')).replaceAll('@SOCKS@', String(socks.port));
    const { result: report, asked } = await socksLog(() =>
      detectWithSystem('win32', async (command, args) => (command === 'reg' && args.length === 2 ? text : null)),
    );
    assert.deepEqual(statusOf(report), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.deepEqual(report.proxySource, { kind: 'windows', detail: `socks4://127.0.0.1:${socks.port}`, notes: [] });
    assert.equal(asked.length, 2);
    assert.ok(
      asked.every((r) => r.version === 4 && r.addressType === 'ipv4'),
      JSON.stringify(asked),
    );
  });

  it('macOS (recorded scutil --proxy): SOCKSProxy routes through SOCKS 5 with the names; exceptions go direct', async () => {
    const text = (await fixture('scutil-socks.txt')).replace('@SOCKS@', String(socks.port));
    const { result: report, asked } = await socksLog(() =>
      detectWithSystem('darwin', async (command) => (command === 'scutil' ? text : null)),
    );
    assert.deepEqual(statusOf(report), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.deepEqual(report.proxySource, { kind: 'macos', detail: `socks5h://127.0.0.1:${socks.port}`, notes: [] });
    assert.deepEqual(asked.map((r) => r.host).sort(), ['pypi.org', 'www.google.com']);
    assert.ok(asked.every((r) => r.version === 5 && r.addressType === 'name'));
  });

  it('KDE (kioslaverc): socksProxy routes through SOCKS 5; NoProxyFor goes direct', async () => {
    const config = path.join(home, 'kde');
    await mkdir(config, { recursive: true });
    await writeFile(
      path.join(config, 'kioslaverc'),
      `[Proxy Settings]\nProxyType=1\nsocksProxy=socks://127.0.0.1 ${socks.port}\nNoProxyFor=github.com\n`,
    );
    const { result: run, asked } = await socksLog(() =>
      cli(
        [
          'detect',
          '--json',
          '--targets',
          SITES.join(','),
          ...lab.connectToArgs,
          '--public-roots',
          lab.publicRootsFile,
          '--trust-store',
          store,
        ],
        {
          HOME: home,
          XDG_CONFIG_HOME: config,
          XDG_CURRENT_DESKTOP: 'KDE',
        },
      ),
    );
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(statusOf(run.json()), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.deepEqual(run.json().proxySource, { kind: 'kde', detail: `socks5h://127.0.0.1:${socks.port}`, notes: [] });
    assert.ok(asked.length === 2 && asked.every((r) => r.version === 5 && r.addressType === 'name'));
  });
});

const gsettingsMissing = existsSync('/usr/share/glib-2.0/schemas/org.gnome.system.proxy.gschema.xml')
  ? null
  : 'gsettings-desktop-schemas is not installed (.ci/install.d/60-proxy.sh installs it)';

describe('GNOME: the real gsettings, with a private keyfile backend', { skip: gsettingsMissing ?? false }, () => {
  let env: NodeJS.ProcessEnv;
  before(async () => {
    const config = path.join(home, 'gnome');
    await mkdir(config, { recursive: true });
    // keyfile backend: the settings live in XDG_CONFIG_HOME/glib-2.0/settings/keyfile, never in the user's dconf.
    env = { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: config, GSETTINGS_BACKEND: 'keyfile', XDG_CURRENT_DESKTOP: 'GNOME' };
  });
  const gset = (...args: string[]) => exec('gsettings', ['set', ...args], { env });
  const detectArgs = (extra: string[] = []) => [
    'detect',
    ...extra,
    '--targets',
    SITES.join(','),
    ...lab.connectToArgs,
    '--public-roots',
    lab.publicRootsFile,
    '--trust-store',
    store,
  ];

  it('manual mode with only a SOCKS host: probes go through SOCKS 5 with the names, ignore-hosts direct; the CLI says where', async () => {
    await gset('org.gnome.system.proxy', 'mode', 'manual');
    await gset('org.gnome.system.proxy.socks', 'host', '127.0.0.1');
    await gset('org.gnome.system.proxy.socks', 'port', String(socks.port));
    await gset('org.gnome.system.proxy', 'ignore-hosts', "['git*.com']");
    const { result: run, asked } = await socksLog(() => cli(detectArgs(['--json']), env));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(statusOf(run.json()), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.deepEqual(run.json().proxySource, { kind: 'gnome', detail: `socks5h://127.0.0.1:${socks.port}`, notes: [] });
    assert.deepEqual(asked.map((r) => r.host).sort(), ['pypi.org', 'www.google.com']);
    assert.ok(asked.every((r) => r.version === 5 && r.addressType === 'name'));
    const text = await cli(detectArgs(), env);
    const url = `socks5h://127\\.0\\.0\\.1:${socks.port}`;
    assert.match(text.stdout, new RegExp(`Proxy: ${url} \\(from GNOME proxy settings \\(gsettings\\): ${url}\\)`));
    assert.doesNotMatch(text.stdout, /PAC socks/);
  });

  it('an https host as well: the HTTP proxy wins and the SOCKS server is not used', async () => {
    await gset('org.gnome.system.proxy.https', 'host', '127.0.0.1');
    await gset('org.gnome.system.proxy.https', 'port', String(inspecting.port));
    const { result: run, asked } = await socksLog(() => cli(detectArgs(['--json']), env));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.json().proxySource, { kind: 'gnome', detail: `127.0.0.1:${inspecting.port}`, notes: [] });
    assert.equal(run.json().targets.find((t: { host: string }) => t.host === 'pypi.org').status, 'inspected');
    assert.deepEqual(asked, []);
  });
});

const wineMissing = spawnSync('wine', ['--version'], { encoding: 'utf8' }).error
  ? 'wine is not installed (the Windows lane installs it)'
  : null;

describe('Windows: socks= written with reg add and read with reg query, through Wine', { skip: wineMissing ?? false }, () => {
  const KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
  let wineEnv: NodeJS.ProcessEnv;
  before(async () => {
    // No Mono/Gecko installers: reg.exe needs neither, and they cannot be downloaded here.
    wineEnv = { ...process.env, WINEPREFIX: path.join(home, 'wine'), HOME: home, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
    const reg = (...args: string[]) => exec('wine', ['reg', 'add', KEY, ...args, '/f'], { env: wineEnv, timeout: 180_000 });
    await reg('/v', 'ProxyEnable', '/t', 'REG_DWORD', '/d', '1');
    await reg('/v', 'ProxyServer', '/t', 'REG_SZ', '/d', `http=127.0.0.1:9;socks=127.0.0.1:${socks.port}`);
    await reg('/v', 'ProxyOverride', '/t', 'REG_SZ', '/d', 'github.com;<local>');
  });
  after(async () => {
    // Stops this prefix's wineserver only (it serves nothing else); the prefix goes with `home`.
    await exec('wineserver', ['-k'], { env: wineEnv }).catch(() => undefined);
  });

  it('detection goes through the SOCKS 4 server, github.com direct', async () => {
    const calls: string[] = [];
    const viaWine: CommandRunner = (command, args) => {
      calls.push([command, ...args].join(' '));
      return exec('wine', [command, ...args], { env: wineEnv, timeout: 120_000 }).then(
        (r) => r.stdout,
        () => null,
      );
    };
    const { result: report, asked } = await socksLog(() => detectWithSystem('win32', viaWine));
    assert.ok(calls[0]!.startsWith(`reg query ${KEY}`));
    assert.deepEqual(statusOf(report), { 'github.com': 'clean', 'pypi.org': 'inspected', 'www.google.com': 'inspected' });
    assert.deepEqual(report.proxySource, { kind: 'windows', detail: `socks4://127.0.0.1:${socks.port}`, notes: [] });
    assert.ok(asked.length === 2 && asked.every((r) => r.version === 4 && r.addressType === 'ipv4'), JSON.stringify(asked));
  });
});
