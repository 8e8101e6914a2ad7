/**
 * The credential policy against the classic WPAD capture: a lab DNS server answers wpad.corp.example.test,
 * its wpad.dat names a proxy whose every byte received is recorded. Without the user's confirmation by
 * host:port no credentials reach it (and the output says what to confirm); with it they do, and the
 * output names the proxy and the scheme. That proxy is plain http and wants Basic: the warning shows.
 * A proxy the user named (--proxy URL) gets the credentials without any confirmation.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { detectionText } from '../../electron/cli/format/detect-text.js';
import { cli } from '../helpers/cli.js';
import { createService } from '../../electron/core/service/service.js';
import type { DetectionResult } from '../../shared/detection.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { RecordingRelay } from '../lab/recording-relay.js';
import { startWpadCapture, type WpadCapture } from '../lab/wpad-capture.js';

const USER = 'CORP\\alice';
const PASSWORD = 'wpad-s3cret';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

let lab: Lab;
let capture: WpadCapture;
let recorder: RecordingRelay;

before(async () => {
  lab = await startLab();
  capture = await startWpadCapture(lab, { user: USER, password: PASSWORD }, path.join(lab.dir, 'home-wpad-cred'));
  recorder = capture.recorder;
});
after(async () => {
  await capture?.close();
  await lab?.close();
});

async function detectWith(
  extra: { confirmProxy?: string[]; proxy?: string },
  systemProxy?: (url: string) => Promise<string | null>,
): Promise<DetectionResult> {
  const service = createService({
    ...(systemProxy ? { systemProxy } : {}),
    env: capture.env,
    platform: 'linux',
    locale: 'en-US',
    emit: () => {},
    nativeDialogs: false,
    proxyDiscovery: capture.discovery,
  });
  const result = await service.call('detect', {
    targets: lab.hosts.slice(0, 2).join(','),
    proxyUser: USER,
    proxyPassword: PASSWORD,
    publicRootsFile: lab.publicRootsFile,
    trustStorePath: capture.store,
    timeoutMs: 20_000,
    ...extra,
  });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

const hostPort = () => capture.hostPort;

describe('credentials and a proxy named only by WPAD', () => {
  it('without confirmation: the WPAD proxy asks, receives no credentials, and the output says what to confirm', async () => {
    const recorded = recorder.mark();
    const report = await detectWith({});
    assert.equal(report.proxySource?.kind, 'wpad');
    const sent = recorded.sent();
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
    const recorded = recorder.mark();
    const report = await detectWith({ confirmProxy: ['127.0.0.1:1'] });
    assert.doesNotMatch(recorded.sent(), /proxy-authorization/i);
    assert.equal(report.proxyCredentials?.[0]?.status, 'held');
  });

  it('confirmed by host:port: the proxy receives them, and the output names it, the scheme, and warns of Basic in clear', async () => {
    const recorded = recorder.mark();
    const report = await detectWith({ confirmProxy: [hostPort()] });
    assert.equal(report.verdict, 'inspected');
    const received = recorded.proxyAuthorizations();
    assert.ok(received.length > 0 && received.every((h) => h === BASIC), received.join('\n'));
    assert.deepEqual(report.proxyCredentials, [
      { proxy: `http://${hostPort()}`, hostPort: hostPort(), status: 'sent', scheme: 'Basic', cleartext: true },
    ]);
    const text = detectionText(report);
    assert.match(text, new RegExp(`Credentials: sent to proxy http://${hostPort()} as Basic`));
    assert.match(text, /WARNING: Basic sends the user name and password readable to anyone on the network path/);
  });

  it('a proxy the user named gets the credentials unconfirmed; the plain-http Basic warning still shows', async () => {
    const recorded = recorder.mark();
    const report = await detectWith({ proxy: recorder.url });
    assert.equal(report.verdict, 'inspected');
    assert.ok(recorded.proxyAuthorizations().includes(BASIC));
    assert.equal(report.proxyCredentials?.[0]?.status, 'sent');
    assert.match(detectionText(report), /WARNING: Basic sends/);
  });

  it('desktop: a proxy from Chromium’s resolution (PAC or WPAD, it cannot say) is held until confirmed, like WPAD', async () => {
    const chromium = async () => recorder.url;
    const recorded = recorder.mark();
    const held = await detectWith({}, chromium);
    assert.doesNotMatch(recorded.sent(), /proxy-authorization/i);
    assert.deepEqual(
      held.proxyCredentials?.map((u) => [u.status, u.hold]),
      [['held', 'unknown-pac']],
    );
    const confirmed = await detectWith({ confirmProxy: [hostPort()] }, chromium);
    assert.equal(confirmed.verdict, 'inspected');
    assert.deepEqual(
      confirmed.proxyCredentials?.map((u) => [u.status, u.scheme]),
      [['sent', 'Basic']],
    );
  });
});

describe('check says where the credentials went', () => {
  it('the CLI, through a plain-http Basic proxy it was given: names the proxy and the scheme, and warns', async () => {
    const run = (extra: string[]) =>
      cli(
        [
          'check',
          lab.hosts[0]!,
          '--proxy',
          recorder.url,
          '--proxy-user',
          USER,
          '--public-roots',
          lab.publicRootsFile,
          '--trust-store',
          capture.store,
          '--timeout',
          '20000',
          ...extra,
        ],
        {
          HOME: capture.env.HOME,
          CA_BRIDGE_PROXY_PASSWORD: PASSWORD,
        },
      );
    const named = await run([]);
    assert.equal(named.code, 0, named.stderr);
    assert.match(named.stdout, new RegExp(`Credentials: sent to proxy http://${hostPort()} as Basic`));
    assert.match(named.stdout, /WARNING: Basic sends the user name and password readable/);
  });
});
