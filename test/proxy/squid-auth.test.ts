/**
 * Authenticating proxies as companies run them: Debian's squid asking for NTLM or Negotiate
 * (Kerberos), chained in front of the lab's inspecting proxy. Detection must complete through
 * the real handshakes; missing or wrong credentials must say which scheme the proxy asked for.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { kdcMissing, startKdc, type Kdc } from '../lab/kdc.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { squidMissing, startSquid, type Squid } from '../lab/squid.js';

let lab: Lab;
let inner: LabProxy;
let store: string;

before(async () => {
  lab = await startLab();
  inner = await lab.startProxy({});
  store = await lab.writePem('squid-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), inner.root.pem]);
});
after(async () => {
  await inner.close();
  await lab.close();
});

async function detectThrough(proxyUrl: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const run = await cli(
    [
      'detect',
      '--json',
      '--targets',
      lab.hosts.slice(0, 3).join(','),
      '--proxy',
      proxyUrl,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
      '--timeout',
      '15000',
      ...extra,
    ],
    env,
  );
  assert.equal(run.code, 0, run.stderr);
  return run.json();
}

const withCredentials = (url: string, userinfo: string) => url.replace('http://', `http://${userinfo}@`);

describe('NTLM proxy (squid + ntlm_fake_auth)', { skip: squidMissing('ntlm_fake_auth') ?? false }, () => {
  let squid: Squid;
  before(async () => {
    squid = await startSquid({ parentPort: inner.port, auth: { scheme: 'ntlm', allowUser: 'alice' } });
  });
  after(() => squid?.close());

  it('DOMAIN\\user:password in the URL: a real NTLM handshake, then detection through it', async () => {
    const before = inner.connectRequests.length;
    const report = await detectThrough(withCredentials(squid.url, 'CORP%5Calice:s%2Fcr%40t'));
    assert.equal(report.verdict, 'inspected', JSON.stringify(report.targets.map((t: any) => t.error)));
    assert.ok(report.targets.every((t: any) => t.status === 'inspected'));
    // squid authenticated the user (its helper saw the NTLM type 3 message) and forwarded to the inspecting proxy.
    assert.match(await squid.accessLogMatching(/\balice\b/), /\balice\b/);
    assert.ok(inner.connectRequests.length > before);
  });

  it('even after a successful NTLM login: relay advice (px and cntlm for this proxy), the CA still needed', async () => {
    const report = await detectThrough(withCredentials(squid.url, 'CORP%5Calice:pw'));
    assert.equal(report.proxyAdvice.length, 1);
    const advice = report.proxyAdvice[0];
    assert.equal(advice.proxy, `127.0.0.1:${squid.port}`);
    assert.deepEqual(advice.schemes, ['NTLM']);
    assert.deepEqual(
      advice.relays.map((r: any) => r.relay),
      ['px', 'cntlm'],
    );
    assert.ok(advice.relays[0].file.lines.includes(`server = 127.0.0.1:${squid.port}`));
    assert.ok(advice.relays[1].file.lines.includes(`Proxy 127.0.0.1:${squid.port}`));
    assert.equal(advice.inspectionCaStillNeeded, true);
    assert.deepEqual(
      advice.persistent.map((t: any) => t.tool),
      ['npm', 'pip', 'git'],
    );
    assert.doesNotMatch(JSON.stringify(advice), /alice|pw/);
    const text = await cli([
      'detect',
      '--targets',
      lab.hosts[0]!,
      '--proxy',
      withCredentials(squid.url, 'CORP%5Calice:pw'),
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
    ]);
    assert.match(text.stdout, /asks for NTLM, which npm, pip/);
    assert.match(text.stdout, /^ {8}npm config set https-proxy http:\/\/127\.0\.0\.1:3128$/m);
    assert.match(text.stdout, /^ {8}npm config delete https-proxy$/m);
    assert.match(text.stdout, /^ {8}export https_proxy='http:\/\/127\.0\.0\.1:3128'$/m);
    assert.match(text.stdout, /still needs the inspection CA/);
  });

  it('--proxy-user with the password from CA_BRIDGE_PROXY_PASSWORD', async () => {
    const report = await detectThrough(squid.url, ['--proxy-user', 'CORP\\alice'], { CA_BRIDGE_PROXY_PASSWORD: 'pässword' });
    assert.equal(report.verdict, 'inspected', JSON.stringify(report.targets.map((t: any) => t.error)));
  });

  it('check goes through the same NTLM login (--proxy-user)', async () => {
    const run = await cli(
      [
        'check',
        lab.hosts[0]!,
        '--json',
        '--proxy',
        squid.url,
        '--proxy-user',
        'CORP\\alice',
        '--public-roots',
        lab.publicRootsFile,
        '--trust-store',
        store,
      ],
      { CA_BRIDGE_PROXY_PASSWORD: 'pw' },
    );
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.ok(run.json().chain.length > 0);
  });

  it('no credentials: proxy-auth-required naming NTLM', async () => {
    const report = await detectThrough(squid.url);
    for (const t of report.targets) {
      assert.equal(t.error.code, 'proxy-auth-required');
      assert.deepEqual(t.error.proxyAuth, { offered: ['NTLM'], tried: null, problem: 'no-credentials' });
      assert.match(t.error.message, /NTLM.*--proxy-user/);
    }
  });

  it('a user the proxy refuses: proxy-auth-required, rejected, NTLM tried', async () => {
    const report = await detectThrough(withCredentials(squid.url, 'CORP%5Cmallory:pw'));
    for (const t of report.targets) {
      assert.equal(t.error.code, 'proxy-auth-required');
      assert.deepEqual(t.error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'rejected' });
    }
  });
});

describe('a scheme CA Bridge does not speak (squid asking for Digest only)', { skip: squidMissing('digest_file_auth') ?? false }, () => {
  it('says which scheme was asked for and what to do, without looping', async () => {
    const squid = await startSquid({ parentPort: inner.port, auth: { scheme: 'digest' } });
    try {
      const report = await detectThrough(withCredentials(squid.url, 'alice:pw'));
      for (const t of report.targets) {
        assert.equal(t.error.code, 'proxy-auth-required');
        assert.deepEqual(t.error.proxyAuth, { offered: ['Digest'], tried: null, problem: 'unsupported-scheme' });
        assert.match(t.error.message, /Digest.*(px|cntlm)/);
      }
      // px and cntlm settings are written for NTLM and Negotiate only: none for a Digest proxy.
      assert.deepEqual(report.proxyAdvice, []);
    } finally {
      await squid.close();
    }
  });
});

function kerberosModuleMissing(): string | null {
  try {
    createRequire(import.meta.url)('kerberos');
    return null;
  } catch {
    return 'the optional kerberos module is not built (needs libkrb5-dev and the Node headers; .ci/install.d/60-proxy.sh)';
  }
}
const kerberosSkip = squidMissing('negotiate_kerberos_auth') ?? kdcMissing() ?? kerberosModuleMissing();
describe('Negotiate proxy (squid + negotiate_kerberos_auth, a private KDC)', { skip: kerberosSkip ?? false }, () => {
  let kdc: Kdc;
  let squid: Squid;
  const saved: Record<string, string | undefined> = {};
  /** GSSAPI reads the process environment itself: point it at the private realm for this suite only. */
  const setEnv = (vars: Record<string, string>) => {
    for (const [k, v] of Object.entries(vars)) {
      if (!(k in saved)) saved[k] = process.env[k];
      process.env[k] = v;
    }
  };
  before(async () => {
    kdc = await startKdc('127.0.0.1');
    squid = await startSquid({
      parentPort: inner.port,
      auth: { scheme: 'negotiate', keytab: kdc.keytab, principal: kdc.servicePrincipal, env: kdc.env },
    });
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await squid?.close();
    await kdc?.close();
  });

  it("with the user's ticket (kinit): detection through Negotiate", async () => {
    setEnv({ ...kdc.env, KRB5CCNAME: kdc.ticketCache });
    const report = await detectThrough(squid.url);
    assert.equal(report.verdict, 'inspected', JSON.stringify(report.targets.map((t: any) => t.error)) + (await squid.log()).slice(-1500));
    assert.match(await squid.accessLogMatching(/alice@LAB\.TEST/), /alice@LAB\.TEST/);
    // Kerberos: px is the relay that can do it; cntlm cannot.
    assert.deepEqual(
      report.proxyAdvice[0].relays.map((r: any) => r.relay),
      ['px'],
    );
  });

  it('without a ticket: proxy-auth-required naming Negotiate, and what to do', async () => {
    setEnv({ ...kdc.env, KRB5CCNAME: kdc.emptyCache });
    const report = await detectThrough(squid.url);
    for (const t of report.targets) {
      assert.equal(t.error.code, 'proxy-auth-required');
      assert.deepEqual(t.error.proxyAuth, { offered: ['Negotiate'], tried: null, problem: 'no-ticket' });
      assert.match(t.error.message, /Negotiate \(Kerberos\).*kinit/);
    }
  });
});
