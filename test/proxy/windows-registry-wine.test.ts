/**
 * The Windows discovery path end to end on a real Win32 reg.exe: Wine, with a private WINEPREFIX the
 * test creates and deletes. The values are written with `reg add`, then detection (platform win32)
 * reads them with `reg query` through Wine and goes where they say.
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { detect } from '../../electron/core/detect.js';
import { parseProxyChoice } from '../../electron/core/proxy/select.js';
import { readDnsSuffixes } from '../../electron/core/proxy/system/dns-suffixes.js';
import type { CommandRunner } from '../../electron/core/proxy/system/types.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { closedPort } from '../lab/servers.js';

const exec = promisify(execFile);
const KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';
const TCPIP = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters';
const wineMissing = spawnSync('wine', ['--version'], { encoding: 'utf8' }).error
  ? 'wine is not installed (the Windows lane installs it)'
  : null;

describe('Windows Internet Settings read through Wine reg.exe', { skip: wineMissing ?? false }, () => {
  let lab: Lab;
  let proxy: LabProxy;
  let prefixDir: string;
  let wineEnv: NodeJS.ProcessEnv;
  before(async () => {
    lab = await startLab();
    proxy = await lab.startProxy({});
    prefixDir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-wine-'));
    // No Mono/Gecko installers: reg.exe needs neither, and they cannot be downloaded here.
    wineEnv = {
      ...process.env,
      WINEPREFIX: path.join(prefixDir, 'prefix'),
      HOME: prefixDir,
      WINEDEBUG: '-all',
      WINEDLLOVERRIDES: 'mscoree,mshtml=',
    };
    const reg = (...args: string[]) => exec('wine', ['reg', 'add', KEY, ...args, '/f'], { env: wineEnv, timeout: 180_000 });
    await reg('/v', 'ProxyEnable', '/t', 'REG_DWORD', '/d', '1');
    await reg('/v', 'ProxyServer', '/t', 'REG_SZ', '/d', `http=127.0.0.1:9;https=127.0.0.1:${proxy.port}`);
    await reg('/v', 'ProxyOverride', '/t', 'REG_SZ', '/d', 'github.com;<local>');
    // The machine's DNS suffixes, where a WPAD search looks.
    const tcpip = (...args: string[]) => exec('wine', ['reg', 'add', TCPIP, ...args, '/f'], { env: wineEnv, timeout: 180_000 });
    await tcpip('/v', 'NV Domain', '/t', 'REG_SZ', '/d', 'corp.example.test');
    await tcpip('/v', 'SearchList', '/t', 'REG_SZ', '/d', 'eng.corp.example.test,example.co.jp');
    await tcpip('/v', 'DhcpDomain', '/t', 'REG_SZ', '/d', 'dhcp.example.test');
  });
  after(async () => {
    // Stops this prefix's wineserver only (it serves nothing else), then removes the prefix.
    await exec('wineserver', ['-k'], { env: wineEnv }).catch(() => undefined);
    await proxy?.close();
    await lab?.close();
    await rm(prefixDir, { recursive: true, force: true });
  });

  const calls: string[] = [];
  const viaWine: CommandRunner = (command, args) => {
    calls.push([command, ...args].join(' '));
    // Wine may need a few seconds to start its server again on a busy machine: a longer limit than the engine's.
    return exec('wine', [command, ...args], { env: wineEnv, timeout: 120_000 }).then(
      (r) => r.stdout,
      () => null,
    );
  };

  it('ProxyServer https= entry and ProxyOverride, read by reg query, route the probes', async () => {
    const choice = parseProxyChoice(undefined);
    assert.ok(choice.ok);
    const report = await detect({
      targets: ['github.com', 'pypi.org'].map((host) => ({ host, port: 443 })),
      proxy: choice.value,
      connectTo: lab.connectToMappings,
      timeoutMs: 8000,
      concurrency: 2,
      env: {},
      publicRootsFile: lab.publicRootsFile,
      trustStorePath: await lab.writePem('wine-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), proxy.root.pem]),
      // Were automatic detection ever on in this prefix, the WPAD search must ask a dead port, not real DNS.
      proxyDiscovery: { platform: 'win32', run: viaWine, wpad: { hostName: 'pc', dnsServers: [`127.0.0.1:${await closedPort()}`] } },
    });
    assert.deepEqual(report.proxySource?.notes, [], 'automatic detection is off in this prefix');
    assert.ok(calls[0]!.startsWith('reg query HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings'));
    assert.equal(report.proxySource?.kind, 'windows');
    assert.deepEqual(Object.fromEntries(report.targets.map((t) => [t.host, t.status])), { 'github.com': 'clean', 'pypi.org': 'inspected' });
  });

  it('the WPAD search suffixes: SearchList, the primary DNS suffix and DHCP’s, read from Tcpip\\Parameters', async () => {
    const suffixes = await readDnsSuffixes({ platform: 'win32', env: {}, run: viaWine, hostName: 'pc' });
    assert.deepEqual(suffixes, ['eng.corp.example.test', 'example.co.jp', 'corp.example.test', 'dhcp.example.test']);
    assert.ok(calls.includes(`reg query ${TCPIP}`));
  });
});
