/**
 * Detection through Chromium's network stack where Node cannot pass the proxy, with Electron replaced
 * at the module boundary (the Electron binary cannot be downloaded here): a fake `net` whose requests
 * call the session's installed verify procedure with a lab chain, as Chromium does after its own
 * proxy resolution and sign-on. Node's side is real: a loopback proxy that wants NTLM answers 407.
 */
import assert from 'node:assert/strict';
import { X509Certificate as X509 } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { withExternalChains } from '../../electron/core/analysis/external-chains.js';
import { loadTrustInputs } from '../../electron/core/detect.js';
import { emptyProbe } from '../../electron/core/probe/probe.js';
import { createService } from '../../electron/core/service/service.js';
import { compareViews } from '../../electron/main/chromium-view.js';
import { chainOf, chromiumChains, USE_CHROMIUM_VERIFICATION, type ChromiumNet } from '../../electron/main/chromium-probe.js';
import type { DetectionResult, TargetReport } from '../../shared/detection.js';
import { issue, type Issued } from '../lab/pki.js';
import { closeServer, listen, SocketTracker } from '../lab/servers.js';

type FakeCert = { data: string; issuerCert?: FakeCert };
type VerifyProc = ((request: { hostname: string; certificate: FakeCert }, callback: (code: number) => void) => void) | null;

/** Hostile names: a terminal title sequence and a bidi override, as a forging proxy could put there. */
const HOSTILE_ROOT = 'CN=Corp Inspection Root \u001b]0;owned\u0007 \u202egnp.exe, O=Example Corp';
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/;

let root: Issued;
let leaves: Record<string, Issued>;
let publicCa: Issued;
let home: string;
let nodeProxy: net.Server;
let nodePort: number;
const sockets = new SocketTracker();

before(async () => {
  root = await issue({ subject: HOSTILE_ROOT, ca: true });
  publicCa = await issue({ subject: 'CN=Some Public Root', ca: true });
  leaves = {};
  for (const host of ['a.lab.test', 'b.lab.test'])
    leaves[host] = await issue({ subject: `CN=${host}\u001b[2J`, hosts: [host], issuer: root });
  home = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-chromium-probe-'));
  writeFileSync(path.join(home, 'store.pem'), root.pem);
  writeFileSync(path.join(home, 'public.pem'), publicCa.pem);
  // Node's way: an NTLM proxy, and Node has no credentials for it (single sign-on is Chromium's).
  nodeProxy = net.createServer((socket) => {
    sockets.track(socket);
    socket.once('data', () =>
      socket.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: NTLM\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
      ),
    );
    socket.on('error', () => {});
  });
  nodePort = await listen(nodeProxy);
});

after(async () => {
  sockets.destroyAll();
  await closeServer(nodeProxy);
  rmSync(home, { recursive: true, force: true });
});

/** Chromium's certificate object: the leaf with `issuerCert` links up to the root, which (as in Chromium) links to itself. */
function chromiumCert(pems: string[]): FakeCert {
  const certs: FakeCert[] = pems.map((data) => ({ data }));
  certs.forEach((c, i) => (c.issuerCert = certs[i + 1] ?? c));
  return certs[0]!;
}

/**
 * A stand-in for Electron's session and `net`: each request runs the installed verify procedure with the
 * chain "Chromium" was shown, then fails like Chromium does for an untrusted root (or asks for a login).
 */
function fakeChromium(shown: Record<string, FakeCert>, options: { routes?: Record<string, string>; login?: boolean } = {}) {
  let proc: VerifyProc = null;
  const codes: number[] = [];
  const requested: string[] = [];
  const loginAnswers: unknown[][] = [];
  const session = {
    resolveProxy: async (url: string) => options.routes?.[new URL(url).hostname] ?? 'PROXY proxy.corp.example:8080',
    setCertificateVerifyProc: (p: VerifyProc) => void (proc = p),
    closeAllConnections: async () => void requested.push('close pooled connections'),
  };
  const fakeNet: ChromiumNet = {
    request: (opts) => {
      const request = new EventEmitter() as EventEmitter & { end: () => void; abort: () => void };
      const host = new URL(opts.url!).hostname;
      request.abort = () => {};
      request.end = () => {
        requested.push(`${opts.method} ${opts.url}`);
        setImmediate(() => {
          if (options.login) {
            request.emit('login', { isProxy: true, scheme: 'ntlm', host: 'proxy.corp.example', port: 8080, realm: '' }, (...a: unknown[]) =>
              loginAnswers.push(a),
            );
            return;
          }
          const cert = shown[host];
          if (!cert || !proc) return void request.emit('error', new Error('net::ERR_CONNECTION_REFUSED'));
          proc({ hostname: host, certificate: cert }, (code) => {
            codes.push(code);
            request.emit('error', new Error('net::ERR_CERT_AUTHORITY_INVALID'));
          });
        });
      };
      return request as never;
    },
  };
  return { session: session as never, net: fakeNet, codes, requested, loginAnswers, installed: () => proc };
}

function service(chromium: ReturnType<typeof fakeChromium>) {
  const env = { HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), XDG_CONFIG_HOME: path.join(home, 'config') };
  return createService({
    env,
    platform: 'linux',
    locale: 'en-US',
    emit: () => {},
    nativeDialogs: true,
    externalChains: (result) => chromiumChains({ net: chromium.net, session: chromium.session, timeoutMs: 20_000 }, result),
  });
}

const detectInput = () => ({
  targets: 'a.lab.test,b.lab.test',
  proxy: `http://127.0.0.1:${nodePort}`,
  trustStorePath: path.join(home, 'store.pem'),
  publicRootsFile: path.join(home, 'public.pem'),
  timeoutMs: 20_000,
});

describe('detection through Chromium where Node cannot pass the proxy (Electron replaced at the module boundary)', () => {
  it('a site Node got 407 for becomes inspected through the Chromium path, and the verdict counts it', async () => {
    const chromium = fakeChromium({
      'a.lab.test': chromiumCert([leaves['a.lab.test']!.pem, root.pem]),
      'b.lab.test': chromiumCert([leaves['b.lab.test']!.pem, root.pem]),
    });
    const answer = await service(chromium).call('detect', detectInput());
    assert.ok(answer.ok, JSON.stringify(answer));
    const detection = answer.value;
    assert.equal(detection.verdict, 'inspected');
    for (const t of detection.targets) {
      assert.equal(t.via, 'chromium', t.host);
      assert.equal(t.status, 'inspected');
      assert.equal(t.error, null);
      assert.equal(t.nodeError?.code, 'proxy-auth-required', "Node's own failure is kept beside the Chromium result");
      assert.equal(t.connectedTo, 'PROXY proxy.corp.example:8080 (Chromium)');
      assert.equal(t.chain.length, 2);
      assert.equal(t.trustStore?.anchorFingerprint256, new X509(root.pem).fingerprint256);
      assert.equal(t.hostnameMatches, true);
    }
    assert.equal(detection.inspectionCa?.fingerprint256, new X509(root.pem).fingerprint256);
    assert.equal(detection.inspectionCa?.source, 'trust-store');
    const seen = detection.evidence.find((e) => e.kind === 'seen-through-chromium');
    assert.deepEqual(seen?.hosts, ['a.lab.test', 'b.lab.test'], 'the result says which sites were seen through Chromium');
    assert.deepEqual(
      chromium.requested,
      ['close pooled connections', 'HEAD https://a.lab.test:443/', 'HEAD https://b.lab.test:443/'],
      'already verified pooled connections would skip the verify procedure: closed first',
    );
    assert.deepEqual(
      chromium.codes,
      [USE_CHROMIUM_VERIFICATION, USE_CHROMIUM_VERIFICATION],
      "the verify procedure leaves Chromium's decision alone",
    );
    assert.equal(chromium.installed(), null, 'the verify procedure is removed afterwards');
    const sites = detection.targets.map((t) => ({
      host: t.host,
      port: t.port,
      route: 'PROXY proxy.corp.example:8080',
      leafFingerprint256: null,
      leafIssuer: null,
    }));
    assert.deepEqual(compareViews(detection, sites), [], 'no "Node went direct" for sites Node never reached');
  });

  it("nothing from Chromium's side (certificate names, the route) reaches the result unescaped", async () => {
    const chromium = fakeChromium(
      { 'a.lab.test': chromiumCert([leaves['a.lab.test']!.pem, root.pem]), 'b.lab.test': chromiumCert([leaves['b.lab.test']!.pem]) },
      { routes: { 'a.lab.test': 'PROXY evil\u001b[2J.example:8080', 'b.lab.test': 'PROXY \u202eevil:80' } },
    );
    const answer = await service(chromium).call('detect', detectInput());
    assert.ok(answer.ok);
    const text = JSON.stringify(answer.value, null, 2);
    // JSON.stringify writes C0 controls as \u escapes itself, so look at the decoded strings too.
    const strings: string[] = [];
    JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' && strings.push(v), v));
    for (const s of strings) assert.doesNotMatch(s, RAW_CONTROLS, JSON.stringify(s));
    assert.ok(
      strings.some((s) => s.includes('Corp Inspection Root')),
      'the names are there, made visible',
    );
  });

  it('the verify procedure answers -3 even when reading the certificate throws; a login request is cancelled without credentials', async () => {
    const broken = {
      get data(): string {
        throw new Error('boom');
      },
    };
    const chromium = fakeChromium({ 'a.lab.test': broken as never });
    const result = nodeResult([blocked('a.lab.test')]);
    assert.deepEqual(await chromiumChains({ net: chromium.net, session: chromium.session }, result), []);
    assert.deepEqual(chromium.codes, [USE_CHROMIUM_VERIFICATION]);
    assert.equal(chromium.installed(), null);

    const asking = fakeChromium({}, { login: true });
    assert.deepEqual(await chromiumChains({ net: asking.net, session: asking.session }, result), []);
    assert.deepEqual(asking.loginAnswers, [[]], 'no user name or password is ever given to the login request');
  });

  it('asks Chromium only about sites Node could not reach, or whose route starts with a proxy kind Node does not speak', async () => {
    const chromium = fakeChromium(
      { 'c.lab.test': chromiumCert([leaves['a.lab.test']!.pem]) },
      {
        routes: {
          'a.lab.test': 'DIRECT',
          // Node takes SOCKS and HTTPS proxies itself now: a site it reached through one is not asked about.
          'b.lab.test': 'SOCKS5 10.0.0.9:1080; HTTPS 10.0.0.8:443',
          'c.lab.test': 'QUIC 10.0.0.9:443; DIRECT',
        },
      },
    );
    const reached = { ...blocked('a.lab.test'), error: null, status: 'clean' } as TargetReport;
    const viaSocks = { ...blocked('b.lab.test'), error: null, status: 'clean' } as TargetReport;
    const quic = { ...blocked('c.lab.test'), error: null, status: 'clean' } as TargetReport;
    const chains = await chromiumChains({ net: chromium.net, session: chromium.session }, nodeResult([reached, viaSocks, quic]));
    assert.deepEqual(chromium.requested, ['close pooled connections', 'HEAD https://c.lab.test:443/']);
    assert.equal(chains.length, 1);
    assert.equal(chains[0]!.nodeCannotUseRoute, true);
    assert.equal(chains[0]!.route, '"QUIC 10.0.0.9:443"; DIRECT');
  });

  it('the captured chain is bounded: at most 10 certificates, none above 32 KB, links that loop end', () => {
    const long: FakeCert[] = Array.from({ length: 50 }, (_, i) => ({ data: `cert ${i}` }));
    long.forEach((c, i) => (c.issuerCert = long[i + 1]));
    assert.equal(chainOf({ certificate: long[0] as never }).length, 10);
    const huge = { data: leaves['a.lab.test']!.pem, issuerCert: { data: 'x'.repeat(40_000), issuerCert: { data: root.pem } } };
    assert.deepEqual(chainOf({ certificate: huge as never }), [leaves['a.lab.test']!.pem]);
    const a: FakeCert = { data: 'a' };
    a.issuerCert = { data: 'b', issuerCert: a };
    assert.deepEqual(chainOf({ certificate: a as never }), ['a', 'b']);
  });

  it('the engine takes only what parses, from the leaf on, and fills only the gaps the proxy left', async () => {
    const trust = await loadTrustInputs({
      trustStorePath: path.join(home, 'store.pem'),
      publicRootsFile: path.join(home, 'public.pem'),
      env: {},
    });
    const chain = (host: string) => ({
      host,
      port: 443,
      pems: [leaves[host]!.pem, 'garbage', root.pem],
      route: 'DIRECT',
      nodeCannotUseRoute: false,
    });
    const refused = { ...blocked('b.lab.test'), error: { code: 'refused', message: 'refused' } } as TargetReport;
    const out = withExternalChains(nodeResult([blocked('a.lab.test'), refused]), [chain('a.lab.test'), chain('b.lab.test')], trust);
    assert.equal(out.targets[0]!.via, 'chromium');
    assert.equal(out.targets[0]!.chain.length, 1, 'the chain stops at the first entry that does not parse');
    assert.equal(out.targets[1]!.via, 'proxy', 'b failed for another reason than the proxy: its result stands');
    assert.equal(out.targets[1]!.error?.code, 'refused');
    // Node got through, but Chromium's route starts with a proxy kind Node cannot take: the user's way wins.
    const direct = { ...blocked('a.lab.test'), via: 'direct', error: null, status: 'clean' } as TargetReport;
    const viaQuic = { ...chain('a.lab.test'), route: '"QUIC 10.0.0.9:443"', nodeCannotUseRoute: true };
    const quicOut = withExternalChains(nodeResult([direct]), [viaQuic], trust);
    assert.equal(quicOut.targets[0]!.via, 'chromium');
    assert.equal(quicOut.targets[0]!.nodeError, undefined);
    assert.equal(quicOut.targets[0]!.connectedTo, '"QUIC 10.0.0.9:443" (Chromium)');
    const reachedSameWay = nodeResult([direct]);
    assert.equal(
      withExternalChains(reachedSameWay, [chain('a.lab.test')], trust),
      reachedSameWay,
      'same route, Node got through: unchanged',
    );
    const oversized = { ...chain('a.lab.test'), pems: ['x'.repeat(40_000)] };
    assert.equal(withExternalChains(nodeResult([blocked('a.lab.test')]), [oversized], trust).targets[0]!.via, 'proxy');
  });
});

function blocked(host: string): TargetReport {
  const error = { code: 'proxy-auth-required' as const, message: 'the proxy wants NTLM' };
  return { ...emptyProbe({ host, port: 443 }, 'proxy', error), status: 'error' };
}

function nodeResult(targets: TargetReport[]): DetectionResult {
  return {
    id: 'test',
    verdict: 'inconclusive',
    summary: '',
    vendor: null,
    inspectionCa: null,
    proxy: 'http://proxy.corp.example:8080',
    evidence: [],
    targets,
    trustStore: { backend: 'file', state: 'ok', sources: [], anchors: 1, intermediates: 0, problems: [], problemCount: 0 },
    startedAt: new Date().toISOString(),
    durationMs: 0,
  };
}
