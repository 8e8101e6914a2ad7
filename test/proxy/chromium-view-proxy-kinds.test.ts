/**
 * The desktop app's Chromium view beside Node's when the route is a SOCKS or HTTPS proxy: Node takes
 * those itself now, so the comparison must read Node's route in the same PAC words as Chromium's.
 * Electron is replaced at the module boundary (its binary cannot be downloaded here).
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, describe, it } from 'node:test';
import type { DetectionResult, TargetReport } from '../../shared/detection.js';
import { compareViews, type ChromiumSite } from '../../electron/main/chromium-view.js';
import { issue, type Issued } from '../lab/pki.js';

let leaf: Issued;
before(async () => {
  const ca = await issue({ subject: 'CN=Corp Inspection CA', alg: 'ecdsa', ca: true });
  leaf = await issue({ subject: 'CN=a.example', hosts: ['a.example'], issuer: ca, alg: 'ecdsa' });
});

function nodeSite(connectedTo: string): DetectionResult {
  const cert = new X509Certificate(leaf.pem);
  const target = {
    host: 'a.example',
    port: 443,
    via: 'proxy',
    connectedTo,
    error: null,
    chain: [{ fingerprint256: cert.fingerprint256, issuer: cert.issuer }],
    status: 'inspected',
  } as unknown as TargetReport;
  return { targets: [target] } as unknown as DetectionResult;
}

const chromiumSite = (route: string): ChromiumSite =>
  ({
    host: 'a.example',
    port: 443,
    route,
    leafFingerprint256: new X509Certificate(leaf.pem).fingerprint256,
    leafIssuer: null,
  }) as ChromiumSite;

describe("Chromium's view beside Node's through SOCKS and HTTPS proxies", () => {
  it('the same SOCKS or HTTPS proxy on both sides: nothing to report', () => {
    for (const [route, connectedTo] of [
      ['SOCKS5 10.0.0.9:1080; DIRECT', '10.0.0.9:1080 (socks5h proxy)'],
      ['SOCKS4 10.0.0.9:1080', '10.0.0.9:1080 (socks4 proxy)'],
      ['SOCKS 10.0.0.9:1080', '10.0.0.9:1080 (socks4 proxy)'],
      ['HTTPS proxy.corp:443', 'proxy.corp:443 (HTTPS proxy)'],
    ]) {
      assert.deepEqual(compareViews(nodeSite(connectedTo!), [chromiumSite(route!)]), [], `${route} vs ${connectedTo}`);
    }
  });

  it('a different kind or address: the difference is named in PAC words', () => {
    const items = compareViews(nodeSite('10.0.0.8:8080 (proxy)'), [chromiumSite('SOCKS5 10.0.0.9:1080')]);
    assert.deepEqual(
      items.map((i) => i.message),
      ['your browser goes through SOCKS5 10.0.0.9:1080, Node went through 10.0.0.8:8080'],
    );
    const https = compareViews(nodeSite('10.0.0.9:1080 (socks5h proxy)'), [chromiumSite('HTTPS 10.0.0.9:1080')]);
    assert.deepEqual(
      https.map((i) => i.message),
      ['your browser goes through HTTPS 10.0.0.9:1080, Node went through SOCKS5 10.0.0.9:1080'],
    );
  });
});
