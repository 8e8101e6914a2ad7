/**
 * The engine's own verified connections ignore the environment's switches: with
 * NODE_TLS_REJECT_UNAUTHORIZED=0 set (which turns off Node's default verification) and
 * NODE_EXTRA_CA_CERTS naming the very CA that issued the server's certificate, a pac+https:// file
 * behind that certificate is refused (the run goes direct, as browsers do, and says why), and an
 * HTTPS proxy behind it is refused. The control: the same PAC server with its CA in --trust-store is
 * used, so the refusal is verification at work, not a broken download. `verify`'s Node script, run
 * by the real node with NODE_TLS_REJECT_UNAUTHORIZED=0, still refuses an untrusted server (and passes
 * once NODE_EXTRA_CA_CERTS, the setting under test, names its CA): its PASS is never the variable's.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import https from 'node:https';
import { after, before, describe, it } from 'node:test';
import { NODE_SCRIPT } from '../../electron/core/verify/tool-scripts.js';
import { startLab, type Lab } from '../lab/lab.js';
import { issue, type Issued } from '../lab/pki.js';
import type { LabProxy } from '../lab/proxy.js';
import { closeServer, listen } from '../lab/servers.js';
import { startTlsProxy, type LabTlsProxy } from '../lab/tls-proxy.js';
import { runCliChild } from './spawn-cli.js';

let lab: Lab;
let proxy: LabProxy;
let tlsProxy: LabTlsProxy;
let pacCa: Issued;
let pacServer: https.Server;
let pacPort: number;
let pacRequests = 0;
let env: NodeJS.ProcessEnv;

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({});
  pacCa = await issue({ subject: 'CN=Untrusted PAC Server CA', ca: true, alg: 'ecdsa' });
  const leaf = await issue({ subject: 'CN=127.0.0.1', hosts: ['127.0.0.1'], issuer: pacCa, alg: 'ecdsa' });
  pacServer = https.createServer({ cert: leaf.pem, key: leaf.keyPem }, (_req, res) => {
    pacRequests++;
    res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
    res.end(`function FindProxyForURL(url, host) { return "PROXY 127.0.0.1:${proxy.port}"; }`);
  });
  pacServer.on('tlsClientError', () => {});
  pacPort = await listen(pacServer);
  tlsProxy = await startTlsProxy({ name: 'localhost', relayTo: { host: '127.0.0.1', port: proxy.port } });
  env = {
    // A HOME of its own: detect remembers its last result under HOME.
    HOME: lab.dir,
    NODE_TLS_REJECT_UNAUTHORIZED: '0',
    NODE_EXTRA_CA_CERTS: await lab.writePem('pac-ca-extra.pem', [pacCa.pem, tlsProxy.ca.pem]),
  };
});
after(async () => {
  closeServer(pacServer);
  await tlsProxy.close();
  await proxy.close();
  await lab.close();
});

async function detect(proxyArg: string, trustStore: string) {
  const run = await runCliChild(
    [
      'detect',
      '--json',
      '--targets',
      lab.hosts[0]!,
      '--proxy',
      proxyArg,
      ...lab.connectToArgs,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      trustStore,
    ],
    { env, killAfterMs: 90_000 },
  );
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe('NODE_TLS_REJECT_UNAUTHORIZED=0 and NODE_EXTRA_CA_CERTS do not reach the engine’s own TLS', () => {
  it('pac+https:// behind an untrusted certificate: refused, direct as browsers do, and the result says why', async () => {
    const before = proxy.connectRequests.length;
    const report = await detect(`pac+https://127.0.0.1:${pacPort}/proxy.pac`, lab.publicRootsFile);
    assert.deepEqual(report.proxySource.notes, [
      { code: 'pac-unusable', url: `https://127.0.0.1:${pacPort}/proxy.pac`, problem: 'certificate' },
    ]);
    assert.equal(pacRequests, 0, 'no request went over the unverified connection');
    assert.equal(proxy.connectRequests.length, before, 'the proxy the file names was never contacted');
    assert.equal(report.targets[0].proxyRoute ?? null, null);
    assert.equal(report.targets[0].status, 'clean', 'the site was reached directly');
  });

  it('control: the same server with its CA in --trust-store is verified and its PAC file used', async () => {
    const store = await lab.writePem('store-with-pac-ca.pem', [pacCa.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    const report = await detect(`pac+https://127.0.0.1:${pacPort}/proxy.pac`, store);
    assert.deepEqual(report.proxySource.notes, []);
    assert.equal(report.targets[0].proxyRoute, `PROXY 127.0.0.1:${proxy.port}`);
    assert.ok(pacRequests > 0);
  });

  // verify's Node script stands in for the user's own Node (issue 18): it keeps Node's default, so under
  // NODE_TLS_REJECT_UNAUTHORIZED=0 it gets through an untrusted chain as the user's programs would, and
  // verify's negative control reports "verification switched off" naming the variable
  // (test/export/verify-settings.test.ts). Without the variable it verifies.
  it("verify's Node script behaves like the user's Node: verifies by default, not under NODE_TLS_REJECT_UNAUTHORIZED=0", async () => {
    const runNode = (extra: NodeJS.ProcessEnv) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          process.execPath,
          ['-e', NODE_SCRIPT, `https://127.0.0.1:${pacPort}/`],
          { env: { PATH: process.env.PATH, HOME: lab.dir, ...extra }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const untrusted = await runNode({});
    assert.notEqual(untrusted.code, 0, untrusted.out);
    assert.match(untrusted.out, /SELF_SIGNED|UNABLE_TO_VERIFY|unable to verify|self-signed/i);
    const switchedOff = await runNode({ NODE_TLS_REJECT_UNAUTHORIZED: '0' });
    assert.equal(switchedOff.code, 0, switchedOff.out);
    const trusted = await runNode({ NODE_EXTRA_CA_CERTS: await lab.writePem('node-extra.pem', [pacCa.pem]) });
    assert.equal(trusted.code, 0, trusted.out);
    assert.match(trusted.out, /HTTP\/1\.1 200/);
  });

  it('an HTTPS proxy behind an untrusted certificate: refused', async () => {
    const report = await detect(`https://localhost:${tlsProxy.port}`, lab.publicRootsFile);
    assert.equal(report.targets[0].error.code, 'proxy-error');
    assert.match(report.targets[0].error.message, /could not be verified/);
    assert.equal(tlsProxy.handshakes, 0);
  });
});
