/**
 * The credential policy against the classic WPAD capture: a lab DNS server answers wpad.corp.example.test,
 * its wpad.dat names a proxy whose every byte received is recorded. Without the user's confirmation by
 * host:port no credentials reach it (and the output says what to confirm); with it they do, and the
 * output names the proxy and the scheme. That proxy is plain http and wants Basic: the warning shows.
 * A proxy the user named (--proxy URL) gets the credentials without any confirmation.
 */
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { detectionText } from '../../electron/cli/format/detect-text.js';
import { createService } from '../../electron/core/service/service.js';
import type { DetectionResult } from '../../shared/detection.js';
import { startLabDns, type LabDns } from '../lab/dns.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { startRecordingRelay, type RecordingRelay } from '../lab/recording-relay.js';
import { startWpadServer, type WpadServer } from '../lab/wpad-server.js';

const USER = 'CORP\\alice';
const PASSWORD = 'wpad-s3cret';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

let lab: Lab;
let proxy: LabProxy;
let recorder: RecordingRelay;
let web: WpadServer;
let dns: LabDns;
let store: string;
let home: string;
let resolvConfPath: string;

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({ auth: { user: USER, password: PASSWORD } });
  recorder = await startRecordingRelay(proxy.port);
  web = await startWpadServer({
    'wpad.corp.example.test': `function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:${recorder.port}"; }`,
  });
  dns = await startLabDns({ 'wpad.corp.example.test': web.address });
  store = await lab.writePem('wpad-cred-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), proxy.root.pem]);
  home = path.join(lab.dir, 'home-wpad-cred');
  await mkdir(path.join(home, 'config'), { recursive: true });
  // KDE's "detect automatically" (ProxyType 3): the OS asks for WPAD, and only WPAD names the proxy.
  await writeFile(path.join(home, 'config', 'kioslaverc'), '[Proxy Settings]\nProxyType=3\n');
  resolvConfPath = path.join(home, 'resolv.conf');
  await writeFile(resolvConfPath, 'search corp.example.test\n');
});
after(async () => {
  await dns?.close();
  await web?.close();
  await recorder?.close();
  await proxy?.close();
  await lab?.close();
});

async function detectWith(extra: { confirmProxy?: string[]; proxy?: string }): Promise<DetectionResult> {
  const service = createService({
    env: { HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CURRENT_DESKTOP: 'KDE' },
    platform: 'linux',
    locale: 'en-US',
    emit: () => {},
    nativeDialogs: false,
    proxyDiscovery: {
      platform: 'linux',
      wpad: { dnsServers: [dns.server], resolvConfPath, hostName: 'pc', ...(web.portOverride ? { port: web.portOverride } : {}) },
    },
  });
  const result = await service.call('detect', {
    targets: lab.hosts.slice(0, 2).join(','),
    proxyUser: USER,
    proxyPassword: PASSWORD,
    publicRootsFile: lab.publicRootsFile,
    trustStorePath: store,
    timeoutMs: 20_000,
    ...extra,
  });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

const hostPort = () => `127.0.0.1:${recorder.port}`;

describe('credentials and a proxy named only by WPAD', () => {
  it('without confirmation: the WPAD proxy asks, receives no credentials, and the output says what to confirm', async () => {
    const sentBefore = recorder.sent().length;
    const report = await detectWith({});
    assert.equal(report.proxySource?.kind, 'wpad');
    const sent = recorder.sent().slice(sentBefore);
    assert.match(sent, /^CONNECT /m, 'the route went through the WPAD proxy');
    assert.doesNotMatch(sent, /proxy-authorization/i);
    assert.ok(!sent.includes(Buffer.from(`${USER}:${PASSWORD}`).toString('base64')));
    assert.deepEqual(report.proxyCredentials, [
      { proxy: `http://${hostPort()}`, hostPort: hostPort(), status: 'held', scheme: null, cleartext: false, hold: 'wpad' },
    ]);
    assert.equal(report.targets[0]?.error?.proxyAuth?.problem, 'unconfirmed-proxy');
    const text = detectionText(report);
    assert.match(text, new RegExp(`Credentials: NOT sent to proxy http://${hostPort()}.*--confirm-proxy ${hostPort()}`));
    assert.doesNotMatch(text, /Credentials: sent/);
  });

  it('a confirmation naming another proxy changes nothing', async () => {
    const sentBefore = recorder.sent().length;
    const report = await detectWith({ confirmProxy: ['127.0.0.1:1'] });
    assert.doesNotMatch(recorder.sent().slice(sentBefore), /proxy-authorization/i);
    assert.equal(report.proxyCredentials?.[0]?.status, 'held');
  });

  it('confirmed by host:port: the proxy receives them, and the output names it, the scheme, and warns of Basic in clear', async () => {
    const sentBefore = recorder.sent().length;
    const report = await detectWith({ confirmProxy: [hostPort()] });
    assert.equal(report.verdict, 'inspected');
    const received = [
      ...recorder
        .sent()
        .slice(sentBefore)
        .matchAll(/^proxy-authorization:[ \t]*([^\r\n]*)/gim),
    ].map((m) => m[1]);
    assert.ok(received.length > 0 && received.every((h) => h === BASIC), received.join('\n'));
    assert.deepEqual(report.proxyCredentials, [
      { proxy: `http://${hostPort()}`, hostPort: hostPort(), status: 'sent', scheme: 'Basic', cleartext: true },
    ]);
    const text = detectionText(report);
    assert.match(text, new RegExp(`Credentials: sent to proxy http://${hostPort()} as Basic`));
    assert.match(text, /WARNING: Basic sends the user name and password readable to anyone on the network path/);
  });

  it('a proxy the user named gets the credentials unconfirmed; the plain-http Basic warning still shows', async () => {
    const sentBefore = recorder.sent().length;
    const report = await detectWith({ proxy: recorder.url });
    assert.equal(report.verdict, 'inspected');
    assert.ok(recorder.proxyAuthorizations().length > 0 && recorder.sent().slice(sentBefore).includes(BASIC));
    assert.equal(report.proxyCredentials?.[0]?.status, 'sent');
    assert.match(detectionText(report), /WARNING: Basic sends/);
  });
});
