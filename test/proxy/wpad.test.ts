/**
 * WPAD through DNS, end to end on loopback: a lab DNS server on 127.0.0.1 answers the wpad names, a web
 * server on port 80 of a loopback address of its own serves wpad.dat, and detection follows the file
 * found — or, with none, the next setting, naming every name it asked. The lab DNS server records each
 * question, which proves that devolution never asks for a name under a public suffix.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { detectionText } from '../../electron/cli/format/detect-text.js';
import { detect } from '../../electron/core/detect.js';
import { parseProxyChoice, type RouterContext } from '../../electron/core/proxy/select.js';
import { parseResolvConf, parseScutilDns, parseTcpipParameters } from '../../electron/core/proxy/system/dns-suffixes.js';
import type { CommandRunner } from '../../electron/core/proxy/system/types.js';
import { wpadCandidates } from '../../electron/core/proxy/system/wpad-candidates.js';
import { searchWpad, type WpadContext } from '../../electron/core/proxy/system/wpad.js';
import { startLabDns, type LabDns } from '../lab/dns.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { startWpadServer, type WpadServer } from '../lab/wpad-server.js';

const fixture = (name: string) => readFile(new URL(`../fixtures/proxy/${name}`, import.meta.url), 'utf8');

let lab: Lab;
let proxy: LabProxy;
let store: string;
let dir: string;
let web: WpadServer;
let dns: LabDns;

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({});
  store = await lab.writePem('wpad-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), proxy.root.pem]);
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-wpad-'));
  const [a, b] = lab.hosts;
  web = await startWpadServer({
    'wpad.corp.example.test': `function FindProxyForURL(url, host) {
      if (host == "${a}" || host == "${b}") return "DIRECT";
      return "PROXY 127.0.0.1:${proxy.port}";
    }`,
    'wpad.big.test': 'huge',
    'wpad.hang.test': 'hang',
    'wpad.throw.test': 'throw new Error("broken WPAD file"); function FindProxyForURL(url, host) { return "DIRECT"; }',
  });
  dns = await startLabDns(
    Object.fromEntries(
      ['wpad.corp.example.test', 'wpad.big.test', 'wpad.hang.test', 'wpad.throw.test', 'wpad.missing.test'].map((n) => [n, web.address]),
    ),
    ['wpad.eng.corp.example.test'],
  );
});
after(async () => {
  await dns?.close();
  await web?.close();
  await proxy?.close();
  await lab?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The lab's resolver and web server; suffixes from `search` (a resolv.conf of the test's own) and the host name. */
async function wpadContext(name: string, search: string, hostName = 'pc'): Promise<WpadContext> {
  const resolvConfPath = path.join(dir, `${name}.resolv.conf`);
  await writeFile(resolvConfPath, `# written by the test\nnameserver 127.0.0.1\n${search ? `search ${search}\n` : ''}`);
  return { dnsServers: [dns.server], resolvConfPath, hostName, ...(web.portOverride ? { port: web.portOverride } : {}) };
}

const fileUrl = (name: string) => `http://${name}${web.portOverride ? `:${web.portOverride}` : ''}/wpad.dat`;

async function detectWith(discovery: Omit<RouterContext, 'env'>, env: NodeJS.ProcessEnv = {}) {
  const choice = parseProxyChoice(undefined);
  assert.ok(choice.ok);
  return detect({
    targets: lab.hosts.slice(0, 4).map((host) => ({ host, port: 443 })),
    proxy: choice.value,
    connectTo: lab.connectToMappings,
    timeoutMs: 6000,
    concurrency: 4,
    env,
    publicRootsFile: lab.publicRootsFile,
    trustStorePath: store,
    proxyDiscovery: discovery,
  });
}

const names = (queries: string[]) => [...new Set(queries.map((q) => q.split(' ')[1]!))];

describe('WPAD found through DNS', () => {
  it('macOS auto-discovery: a name that does not answer is skipped, the next one serves wpad.dat, whose routes are used', async (t) => {
    const proxyText = await fixture('scutil-wpad.txt');
    const dnsText = await fixture('scutil-dns.txt');
    const run: CommandRunner = async (command, args) => (command !== 'scutil' ? null : args[0] === '--dns' ? dnsText : proxyText);
    const before = dns.queries.length;
    const started = performance.now();
    const report = await detectWith({ platform: 'darwin', run, wpad: await wpadContext('mac', '') });
    const asked = names(dns.queries.slice(before));
    // wpad.eng.corp.example.test never answers (skipped after its 2 s); wpad.corp.example.test has the file.
    assert.deepEqual(asked, ['wpad.eng.corp.example.test', 'wpad.corp.example.test']);
    assert.equal(report.proxySource?.kind, 'wpad');
    assert.equal(report.proxySource?.detail, fileUrl('wpad.corp.example.test'));
    assert.deepEqual(report.proxySource?.notes, [
      { code: 'wpad-found', setting: 'macos', url: fileUrl('wpad.corp.example.test') },
      { code: 'wpad-dhcp-not-asked' },
    ]);
    const [a, b, ...rest] = lab.hosts.slice(0, 4);
    const byHost = Object.fromEntries(report.targets.map((t) => [t.host, t]));
    for (const h of [a!, b!]) assert.deepEqual([byHost[h]!.status, byHost[h]!.proxyRoute], ['clean', 'DIRECT']);
    for (const h of rest) assert.deepEqual([byHost[h]!.status, byHost[h]!.proxyRoute], ['inspected', `PROXY 127.0.0.1:${proxy.port}`]);
    assert.equal(report.verdict, 'partial');
    assert.ok(web.requests.includes('wpad.corp.example.test /wpad.dat'), web.requests.join('\n'));
    const ms = performance.now() - started;
    t.diagnostic(`detection with a WPAD search (one name silent for its 2 s, then found): ${Math.round(ms)} ms`);
    const text = detectionText(report);
    assert.match(text, /\(from the WPAD file http:\/\/wpad\.corp\.example\.test(:\d+)?\/wpad\.dat\)/);
    assert.match(text, /note: macOS network settings: automatic proxy detection \(WPAD\) is on; the file found at /);
  });
});

describe('precedence', () => {
  it('Windows with auto-detect and an AutoConfigURL: the WPAD file found first decides, as in browsers', async () => {
    const main = (await fixture('reg-pac.txt')).replace('@PAC@', 'http://127.0.0.1:9/never-fetched.pac');
    const connections = await fixture('reg-connections.txt');
    const tcpip = await fixture('reg-tcpip.txt');
    const calls: string[] = [];
    const run: CommandRunner = async (command, args) => {
      calls.push([command, ...args].join(' '));
      if (args.includes('/v')) return connections;
      return args[1]?.startsWith('HKLM') ? tcpip : main;
    };
    const report = await detectWith({ platform: 'win32', run, wpad: await wpadContext('win', '') });
    assert.ok(calls.includes('reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters'), calls.join('\n'));
    assert.equal(report.proxySource?.kind, 'wpad');
    assert.equal(report.proxySource?.detail, fileUrl('wpad.corp.example.test'));
    assert.equal(report.verdict, 'partial');
  });
});

describe('no WPAD file anywhere', () => {
  it('KDE auto-detect (ProxyType 3): every name asked is named, then the environment proxy is used', async () => {
    const config = path.join(dir, 'kde-config');
    await mkdir(config, { recursive: true });
    await writeFile(path.join(config, 'kioslaverc'), '[Proxy Settings]\nProxyType=3\n');
    const env = { HOME: dir, XDG_CONFIG_HOME: config, XDG_CURRENT_DESKTOP: 'KDE', HTTPS_PROXY: proxy.url };
    const before = dns.queries.length;
    const report = await detectWith({ platform: 'linux', wpad: await wpadContext('kde', 'a.example.test', 'pc.b.example.test') }, env);
    const tried = ['wpad.a.example.test', 'wpad.example.test', 'wpad.b.example.test'];
    assert.deepEqual(names(dns.queries.slice(before)), tried);
    assert.equal(report.proxySource?.kind, 'environment');
    assert.equal(report.proxySource?.detail, 'HTTPS_PROXY');
    assert.deepEqual(report.proxySource?.notes, [
      { code: 'wpad-not-found', setting: 'kde', tried, timedOut: false },
      { code: 'wpad-dhcp-not-asked' },
    ]);
    assert.equal(report.verdict, 'inspected');
    const text = detectionText(report);
    assert.match(text, /Proxy: http:\/\/127\.0\.0\.1:\d+ \(from HTTPS_PROXY\)/);
    assert.match(text, /no usable WPAD file was found \(tried wpad\.a\.example\.test, wpad\.example\.test, wpad\.b\.example\.test\)/);
    assert.match(text, /--proxy pac\+URL/);
  });

  it('no DNS domain at all: nothing is asked, and the result says so', async () => {
    const before = dns.queries.length;
    const outcome = await searchWpad({
      setting: 'gnome',
      platform: 'linux',
      env: {},
      run: async () => null,
      wpad: await wpadContext('none', ''),
    });
    assert.equal(dns.queries.length, before);
    assert.deepEqual(outcome, { found: false, notes: [{ code: 'wpad-no-domain', setting: 'gnome' }, { code: 'wpad-dhcp-not-asked' }] });
  });
});

describe('hostile WPAD files: bounded, skipped, reported', () => {
  it('50 MB, HTTP 404, a script that throws while loading, a file that never ends: each skipped, the search ends in time', async (t) => {
    // The default 10 s: loading throw.test's script starts the evaluator's thread, which under tsx on a busy
    // machine takes seconds of the search's budget before hang.test is reached.
    const ctx = { ...(await wpadContext('hostile', 'big.test missing.test throw.test hang.test')), searchTimeoutMs: 10_000 };
    const started = performance.now();
    const outcome = await searchWpad({ setting: 'windows', platform: 'linux', env: {}, run: async () => null, wpad: ctx });
    const ms = performance.now() - started;
    t.diagnostic(`hostile WPAD search with a 10 s limit: ${Math.round(ms)} ms`);
    assert.equal(outcome.found, false);
    assert.deepEqual(outcome.notes, [
      { code: 'wpad-file-failed', url: fileUrl('wpad.big.test'), problem: 'too-large' },
      { code: 'wpad-file-failed', url: fileUrl('wpad.missing.test'), problem: 'http-status' },
      { code: 'wpad-file-failed', url: fileUrl('wpad.throw.test'), problem: 'script' },
      { code: 'wpad-file-failed', url: fileUrl('wpad.hang.test'), problem: 'timeout' },
      {
        code: 'wpad-not-found',
        setting: 'windows',
        tried: ['wpad.big.test', 'wpad.missing.test', 'wpad.throw.test', 'wpad.hang.test'],
        timedOut: false,
      },
      { code: 'wpad-dhcp-not-asked' },
    ]);
    // The hanging file is cut at the search's own limit (10 s): its note says 'timeout' and the search
    // says it ended on its own (timedOut: false); unbounded, it would never end. The figure is reported only.
  });
});

describe('devolution never reaches a public suffix', () => {
  it('the lab DNS server is never asked for wpad under a public suffix, a bare TLD or a single label', async () => {
    const before = dns.queries.length;
    const ctx = await wpadContext('psl', 'eng.corp.example.co.jp co.jp corp a.b.github.io', 'pc.jp');
    const outcome = await searchWpad({ setting: 'windows', platform: 'linux', env: {}, run: async () => null, wpad: ctx });
    assert.equal(outcome.found, false);
    const asked = names(dns.queries.slice(before));
    assert.deepEqual(asked, [
      'wpad.eng.corp.example.co.jp',
      'wpad.corp.example.co.jp',
      'wpad.example.co.jp',
      'wpad.a.b.github.io',
      'wpad.b.github.io',
    ]);
    for (const forbidden of ['wpad.co.jp', 'wpad.jp', 'wpad.corp', 'wpad.github.io', 'wpad.io'])
      assert.ok(!asked.includes(forbidden), forbidden);
  });

  it('candidates: at least two labels after wpad., registrable domains only', () => {
    assert.deepEqual(wpadCandidates(['a.b.corp.example.com']), [
      'wpad.a.b.corp.example.com',
      'wpad.b.corp.example.com',
      'wpad.corp.example.com',
      'wpad.example.com',
    ]);
    assert.deepEqual(wpadCandidates(['example.co.uk', 'co.uk', 'com', 'corp', 'x.s3.amazonaws.com']), [
      'wpad.example.co.uk',
      'wpad.x.s3.amazonaws.com',
    ]);
    assert.deepEqual(wpadCandidates(['corp.local', 'eng.corp.local']), ['wpad.corp.local', 'wpad.eng.corp.local']);
    // A numeric search suffix (an address fragment some DHCP servers hand out) is no domain: no wpad.168.1.
    assert.deepEqual(wpadCandidates(['192.168.1', '10.0.0.1', 'corp.10', 'corp.example']), ['wpad.corp.example']);
  });
});

describe('DNS suffixes from each OS', () => {
  it('resolv.conf: the last search or domain line wins, comments and bad names are dropped', () => {
    assert.deepEqual(parseResolvConf('domain old.example\nsearch a.example b.example # comment\n'), ['a.example', 'b.example']);
    assert.deepEqual(parseResolvConf('search a.example\ndomain corp.example.\n'), ['corp.example']);
    assert.deepEqual(parseResolvConf('search bad_host!name ok.example ' + 'x'.repeat(300) + '\n'), ['ok.example']);
  });

  it('scutil --dns: search domains only, not the mDNS resolvers’ domains', async () => {
    assert.deepEqual(parseScutilDns(await fixture('scutil-dns.txt')), ['eng.corp.example.test']);
  });

  it('reg query Tcpip\\Parameters (Wine reg.exe): SearchList, then the primary suffix, then DHCP’s', async () => {
    assert.deepEqual(parseTcpipParameters(await fixture('reg-tcpip.txt')), [
      'eng.corp.example.test',
      'example.co.jp',
      'corp.example.test',
      'dhcp.example.test',
    ]);
  });
});
