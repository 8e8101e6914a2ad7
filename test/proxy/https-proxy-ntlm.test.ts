/**
 * NTLM inside TLS: an HTTPS proxy (a TLS front) before Debian's squid asking for NTLM
 * (ntlm_fake_auth), chained to the lab's inspecting proxy. NTLM's last message must travel on the
 * connection that carried the challenge; here that connection is a TLS session to the proxy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { LOOPBACK } from '../lab/servers.js';
import { squidMissing, startSquid, type Squid } from '../lab/squid.js';
import { startTlsProxy, type LabTlsProxy } from '../lab/tls-proxy.js';

const PROXY_NAME = 'secure-proxy.lab.test';

describe('NTLM through an HTTPS proxy (TLS front + squid + ntlm_fake_auth)', { skip: squidMissing('ntlm_fake_auth') ?? false }, () => {
  let lab: Lab;
  let inner: LabProxy;
  let squid: Squid;
  let front: LabTlsProxy;
  let store: string;

  before(async () => {
    lab = await startLab();
    inner = await lab.startProxy({});
    squid = await startSquid({ parentPort: inner.port, auth: { scheme: 'ntlm', allowUser: 'alice' } });
    front = await startTlsProxy({ name: PROXY_NAME, relayTo: { host: LOOPBACK, port: squid.port } });
    store = await lab.writePem('https-ntlm-store.pem', [
      ...Object.values(lab.families).map((f) => f.root.pem),
      inner.root.pem,
      front.ca.pem,
    ]);
  });
  after(async () => {
    await front?.close();
    await squid?.close();
    await inner?.close();
    await lab?.close();
  });

  it('DOMAIN\\user:password: the NTLM handshake runs inside the TLS session, then detection through it', async () => {
    const before = front.handshakes;
    const run = await cli([
      'detect',
      '--json',
      '--targets',
      lab.hosts.slice(0, 2).join(','),
      '--proxy',
      `https://CORP%5Calice:s%2Fcr%40t@${PROXY_NAME}:${front.port}`,
      '--connect-to',
      `${PROXY_NAME}:${front.port}:${LOOPBACK}:${front.port}`,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
      '--timeout',
      '15000',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const report = run.json();
    assert.equal(report.verdict, 'inspected', JSON.stringify(report.targets.map((t: any) => t.error)));
    assert.ok(front.handshakes > before, 'the CONNECT went through the TLS front');
    assert.match(await squid.accessLogMatching(/\balice\b/), /\balice\b/);
    assert.ok(!run.stdout.includes('s/cr@t') && !run.stdout.includes('s%2Fcr%40t'));
    // The relays' settings are written for an HTTP upstream; for a TLS one there is no checked advice to give.
    assert.deepEqual(report.proxyAdvice, []);
  });
});
