/**
 * The desktop app's Chromium view, with Electron replaced at the module boundary (the Electron binary
 * cannot be downloaded here): a fake session answers resolveProxy like Chromium does (PAC form) and
 * calls the installed verify procedure with the certificate "Chromium" was shown.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { DetectionResult, TargetReport } from '../../shared/detection.js';
import { chromiumView, compareViews } from '../../electron/main/chromium-view.js';
import { issue, type Issued } from '../lab/pki.js';

type VerifyProc = ((request: { hostname: string; certificate: { data: string } }, callback: (code: number) => void) => void) | null;

let proxyLeaf: Issued;
let genuineLeaf: Issued;
before(async () => {
  const inspectionCa = await issue({ subject: 'CN=Corp Inspection CA \u202eevil', alg: 'ecdsa', ca: true });
  const publicCa = await issue({ subject: 'CN=Public CA', alg: 'ecdsa', ca: true });
  proxyLeaf = await issue({ subject: 'CN=a.example', hosts: ['a.example'], issuer: inspectionCa, alg: 'ecdsa' });
  genuineLeaf = await issue({ subject: 'CN=a.example', hosts: ['a.example'], issuer: publicCa, alg: 'ecdsa' });
});

/** A stand-in for Electron's Session plus a HEAD request that reaches the verify procedure, as Chromium would. */
function fakeChromium(routes: Record<string, string>, shown: Record<string, string>) {
  let proc: VerifyProc = null;
  const codes: number[] = [];
  const session = {
    resolveProxy: async (url: string) => routes[new URL(url).hostname] ?? 'DIRECT',
    setCertificateVerifyProc: (p: VerifyProc) => void (proc = p),
  };
  const head = async (url: string) => {
    const host = new URL(url).hostname;
    if (proc && shown[host]) proc({ hostname: host, certificate: { data: shown[host]! } }, (code) => codes.push(code));
  };
  return { session: session as never, head, codes, installed: () => proc };
}

function target(host: string, via: 'direct' | 'proxy', leafPem: string, connectedTo: string): TargetReport {
  const leaf = new X509Certificate(leafPem);
  return {
    host,
    port: 443,
    via,
    connectedTo,
    error: null,
    chain: [{ fingerprint256: leaf.fingerprint256, issuer: leaf.issuer }],
    status: 'clean',
  } as unknown as TargetReport;
}

const result = (targets: TargetReport[]) => ({ targets }) as unknown as DetectionResult;

describe("Chromium's view beside Node's (Electron replaced at the module boundary)", () => {
  it('the browser goes through the PAC proxy and is shown a forged leaf; Node went direct: both differences reported', async () => {
    const chromium = fakeChromium({ 'a.example': 'PROXY 10.0.0.8:8080; DIRECT' }, { 'a.example': proxyLeaf.pem });
    const node = [target('a.example', 'direct', genuineLeaf.pem, '93.184.216.34:443')];
    const sites = await chromiumView(chromium.session, chromium.head, node);
    assert.deepEqual(sites[0]!.route, 'PROXY 10.0.0.8:8080; DIRECT');
    assert.equal(sites[0]!.leafFingerprint256, new X509Certificate(proxyLeaf.pem).fingerprint256);
    assert.deepEqual(chromium.codes, [-2], 'the request is failed in the verify procedure: nothing is fetched');
    assert.equal(chromium.installed(), null, 'the verify procedure is removed afterwards');
    const evidence = compareViews(result(node), sites);
    assert.deepEqual(
      evidence.map((e) => e.kind),
      ['chromium-route-differs', 'chromium-chain-differs'],
    );
    assert.equal(evidence[0]!.message, 'your browser goes through 10.0.0.8:8080, Node went direct');
    assert.match(evidence[1]!.message, /issued by CN=Corp Inspection CA/);
    assert.doesNotMatch(evidence[1]!.message, /\u202e/, 'a bidi override from a certificate name never reaches the page');
  });

  it('same route and same certificate: nothing to report', async () => {
    const chromium = fakeChromium({ 'a.example': 'PROXY 127.0.0.1:3128' }, { 'a.example': proxyLeaf.pem });
    const node = [target('a.example', 'proxy', proxyLeaf.pem, '127.0.0.1:3128 (proxy)')];
    assert.deepEqual(compareViews(result(node), await chromiumView(chromium.session, chromium.head, node)), []);
  });

  it('Node through a proxy, the browser direct', async () => {
    const chromium = fakeChromium({}, {});
    const node = [target('a.example', 'proxy', proxyLeaf.pem, '127.0.0.1:3128 (proxy)')];
    const evidence = compareViews(result(node), await chromiumView(chromium.session, chromium.head, node));
    assert.deepEqual(
      evidence.map((e) => e.message),
      ['your browser goes direct, Node went through 127.0.0.1:3128'],
    );
  });
});
