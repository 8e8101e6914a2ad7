/**
 * verify hands a SOCKS or HTTPS proxy only to the tools documented to speak it (curl, git) and says
 * for every other installed tool that it cannot be verified through that proxy — rather than letting
 * it fail for the wrong reason, or pass by going around the proxy. The tools that can are really run
 * through the lab SOCKS server and a lab HTTPS proxy and must pass on the export.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseProxyUrl } from '../../electron/core/proxy/proxy-url.js';
import { checkTools, type ToolCheck } from '../../electron/core/verify/tools.js';
import { advicePath, installedTools, RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { LOOPBACK } from '../lab/servers.js';
import { startSocksServer, type LabSocks } from '../lab/socks.js';
import { startTlsProxy, type LabTlsProxy } from '../lab/tls-proxy.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-verify-socks-'));
let lab: Lab;
let inspecting: LabProxy;
let socks: LabSocks;
let tlsProxy: LabTlsProxy;
let files: { caPem: string; bundle: string };

before(async () => {
  lab = await startLab({ sites: [{ host: 'www.google.com', family: 'gts', leafAlg: 'ecdsa' }] });
  inspecting = await lab.startProxy();
  socks = await startSocksServer({ forwardTo: { host: LOOPBACK, port: inspecting.transparentPort } });
  // Named localhost: tools cannot be given --connect-to for the proxy, and localhost resolves without DNS.
  tlsProxy = await startTlsProxy({ name: 'localhost', relayTo: { host: LOOPBACK, port: inspecting.port } });
  files = { caPem: path.join(dir, 'corporate-ca.pem'), bundle: path.join(dir, 'ca-bundle.pem') };
  writeFileSync(files.caPem, inspecting.root.pem);
  writeFileSync(files.bundle, lab.families.gts!.root.pem + inspecting.root.pem);
});

after(async () => {
  await socks.close();
  await tlsProxy.close();
  await inspecting.close();
  await lab.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(url: string, proxyTrust?: string[]): Promise<ToolCheck[]> {
  const proxy = parseProxyUrl(url);
  assert.ok(proxy.ok);
  return checkTools({
    target: { host: 'www.google.com', port: 443 },
    proxy: proxy.value,
    dial: null,
    files,
    timeoutMs: 20000,
    env: { PATH: advicePath(), HOME: dir, RUSTUP_HOME },
    ...(proxyTrust ? { proxyTrust } : {}),
  });
}

describe('verify through SOCKS and HTTPS proxies', () => {
  it('curl and git are run through it and pass; every other installed tool is skipped, saying why', async (t) => {
    const speakers = installedTools(['curl', 'git'], (m) => t.diagnostic(m));
    const url = `socks5h://127.0.0.1:${socks.port}`;
    const before = socks.requests.length;
    const checks = await run(url);
    const byName = new Map(checks.map((c) => [c.name, c]));
    for (const name of speakers) assert.equal(byName.get(name)?.result, 'pass', `${name}: ${JSON.stringify(byName.get(name))}`);
    // Each tool that ran went through the SOCKS server, asking for the name (socks5h).
    const asked = socks.requests.slice(before);
    assert.ok(asked.length >= speakers.length, JSON.stringify(asked));
    assert.ok(asked.every((r) => r.addressType === 'name' && r.host === 'www.google.com'));
    const others = checks.filter((c) => !['curl', 'git'].includes(c.name) && c.result !== 'not-found');
    assert.ok(others.length > 0, 'some other tool is installed here');
    for (const c of others) {
      assert.equal(c.result, 'skipped', `${c.name}: ${JSON.stringify(c)}`);
      assert.equal(c.error, `${c.name} is not documented to work through a socks5h:// proxy, so it cannot be verified through ${url}`);
    }
  });

  it('through an HTTPS proxy: curl and git verify the proxy with the trust they are given and pass; without it they fail', async (t) => {
    const speakers = installedTools(['curl', 'git'], (m) => t.diagnostic(m));
    const url = `https://localhost:${tlsProxy.port}`;
    const before = tlsProxy.handshakes;
    const checks = await run(url, [tlsProxy.ca.pem]);
    const byName = new Map(checks.map((c) => [c.name, c]));
    for (const name of speakers) assert.equal(byName.get(name)?.result, 'pass', `${name}: ${JSON.stringify(byName.get(name))}`);
    assert.ok(tlsProxy.handshakes - before >= speakers.length, 'each tool went through the HTTPS proxy');
    for (const c of checks.filter((c) => !['curl', 'git'].includes(c.name) && c.result !== 'not-found'))
      assert.equal(c.result, 'skipped', c.name);

    // The proxy's CA is no default root here: without the trust handed over, the tools stop at the proxy.
    const untrusted = new Map((await run(url, [])).map((c) => [c.name, c]));
    for (const name of speakers) assert.equal(untrusted.get(name)?.result, 'fail', `${name}: ${JSON.stringify(untrusted.get(name))}`);
  });

  it('a route that could not be worked out: no tool is run (going direct would test another path), each says why', async () => {
    const before = inspecting.connectRequests.length;
    const checks = await checkTools({
      target: { host: 'www.google.com', port: 443 },
      proxy: null,
      routeProblem: 'the PAC file could not be fetched',
      dial: null,
      files,
      timeoutMs: 20000,
      env: { PATH: advicePath(), HOME: dir, RUSTUP_HOME },
    });
    const installed = checks.filter((c) => c.result !== 'not-found');
    assert.ok(installed.length > 0, 'some tool is installed here');
    for (const c of installed) {
      assert.equal(c.result, 'skipped', c.name);
      assert.equal(c.error, 'the proxy route to www.google.com:443 is unknown (the PAC file could not be fetched), so it was not run');
    }
    assert.equal(inspecting.connectRequests.length, before, 'nothing reached the proxy');
  });
});
