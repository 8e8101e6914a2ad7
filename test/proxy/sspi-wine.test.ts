/**
 * Windows single sign-on to authenticating proxies through SSPI, proven with the official Windows
 * build of Node running the built CLI under Wine. Wine's secur32 is a real SSPI: its Kerberos package
 * uses the host's MIT Kerberos (ticket cache from KRB5CCNAME, realm from KRB5_CONFIG), its NTLM
 * package Samba's ntlm_auth. The proxies are Debian's squid (negotiate_kerberos_auth against a
 * private KDC; ntlm_fake_auth) chained to the lab's inspecting proxy, behind a relay that records the
 * exact Proxy-Authorization tokens the CLI sent, so each test can tell SSPI's tokens from others.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';
import { ntlmNegotiate } from '../../electron/core/proxy/auth/ntlm.js';
import { startWineLane, wineSkipReason, winPath, type WineLane } from '../windows/wine.js';
import { kdcMissing, startKdc, type Kdc } from '../lab/kdc.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { startRecordingRelay, type RecordingRelay } from '../lab/recording-relay.js';
import { startNtlmPasswordProxy, type NtlmPasswordProxy } from '../lab/ntlm-password-proxy.js';
import { closedPort } from '../lab/servers.js';
import { squidMissing, startSquid, type Squid } from '../lab/squid.js';

const laneSkip = wineSkipReason();
/** GSS-API's Kerberos v5 mechanism OID (1.2.840.113554.1.2.2), DER-encoded. */
const KERBEROS_OID = Buffer.from('06092a864886f712010202', 'hex');
const PASSWORD = 'pässwörd/@:';
const BOB_PASSWORD = 'b0b-Kerberos';
const NTLMSSP = Buffer.from('NTLMSSP\0', 'latin1');

/** The NTLM message type (1, 2, 3) of a base64 NTLMSSP token, or null. */
function ntlmType(base64: string): number | null {
  const raw = Buffer.from(base64, 'base64');
  return raw.length >= 12 && raw.subarray(0, 8).equals(NTLMSSP) ? raw.readUInt32LE(8) : null;
}

/**
 * Runs the CLI with Wine tracing its secur32 entry points (to the stderr file), so a test can check
 * that every credentials handle and security context the CLI obtained was released again.
 */
async function sspiCli(args: string[], env: Record<string, string> = {}) {
  // Kerberos sees only what a test gives it: never the host's /etc/krb5.conf (whose realm has public KDCs).
  const isolated = { KRB5_CONFIG: noRealmConfig, KRB5CCNAME: `FILE:${path.join(lab.dir, 'no-such.ccache')}` };
  const run = await lane.cli(args, { env: { ...isolated, ...env, WINEDEBUG: '-all,trace+secur32' } });
  const count = (name: string) => run.stderr.split('\n').filter((line) => line.includes(`:trace:secur32:${name} `)).length;
  const handles = {
    acquired: count('AcquireCredentialsHandleW'),
    freed: count('FreeCredentialsHandle'),
    contextCalls: count('InitializeSecurityContextW'),
    contextsDeleted: count('DeleteSecurityContext'),
  };
  // The JSON report is on stdout; the trace stays out of it.
  return { ...run, handles };
}

/**
 * SSPI was used (credentials acquired for each exchange), every credentials handle was freed, and
 * `contexts` security contexts (one per exchange that got as far as creating one) were deleted.
 */
function assertReleased(
  handles: { acquired: number; freed: number; contextCalls: number; contextsDeleted: number },
  exchanges: number,
  contexts: number,
) {
  const seen = JSON.stringify(handles);
  assert.equal(handles.acquired, exchanges, seen);
  assert.equal(handles.freed, handles.acquired, seen);
  assert.ok(handles.contextCalls >= exchanges, seen);
  assert.equal(handles.contextsDeleted, contexts, seen);
}

/** Why browser mode cannot be run here, or null. */
function uiMissing(): string | null {
  return existsSync(path.join(import.meta.dirname, '..', '..', 'renderer', 'dist', 'index.html'))
    ? null
    : 'the interface is not built (npm run build)';
}

/**
 * `ca-bridge ui --no-open` under Wine, in the lane's prefix, until stop(): its one-time code is read
 * from the URL it prints. stop() ends the process and this prefix's wineserver, so later runs of the
 * lane (which wait for the wineserver) are not held up.
 */
async function startWineUi(env: Record<string, string>): Promise<{ port: number; code: string; stop(): Promise<void> }> {
  const out = path.join(lane.dir, `ui-${Date.now()}.out`);
  const port = await closedPort();
  const wineEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    WINEPREFIX: lane.prefix,
    WINEDEBUG: '-all',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    NODE_SKIP_PLATFORM_CHECK: '1',
    DISPLAY: '',
    ...env,
  };
  // Wine's Node cannot write to a pipe: stdout goes to a file.
  const child = spawn(
    'sh',
    ['-c', 'exec wine "$@" >"$OUT" 2>"$OUT.err"', 'sh', lane.node, winPath(lane.cliPath), 'ui', '--no-open', '--port', String(port)],
    {
      env: { ...wineEnv, OUT: out },
      stdio: 'ignore',
    },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    spawnSync('wineserver', ['-k'], { env: wineEnv });
    spawnSync('wineserver', ['-w'], { env: wineEnv, timeout: 60_000 });
  };
  for (let waited = 0; waited < 180_000; waited += 250) {
    const printed = await readFile(out, 'utf8').catch(() => '');
    const code = /#code=([A-Za-z0-9_-]+)/.exec(printed)?.[1];
    if (code) return { port, code, stop };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const err = await readFile(`${out}.err`, 'utf8').catch(() => '');
  await stop();
  throw new Error(`ca-bridge ui did not start under Wine: ${err.slice(-1000)}`);
}

function postJson(port: number, pathname: string, body: unknown, token?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        timeout: 180_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${pathname}: no answer`)));
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The password in none of its forms on stdout or stderr (Wine's secur32 trace included). */
function assertNoPassword(run: { stdout: string; stderr: string }, password: string) {
  const forms = [
    password,
    encodeURIComponent(password),
    Buffer.from(password, 'utf8').toString('base64'),
    Buffer.from(password, 'utf16le').toString('base64'),
  ];
  for (const form of forms) {
    assert.ok(!run.stdout.includes(form), 'password on stdout');
    assert.ok(!run.stderr.includes(form), 'password on stderr');
  }
}

let lab: Lab;
let noRealmConfig: string;
let inner: LabProxy;
let store: string;
let lane: WineLane;

const detectArgs = (proxyUrl: string) => [
  'detect',
  '--json',
  '--targets',
  lab.hosts.slice(0, 2).join(','),
  '--proxy',
  proxyUrl,
  '--public-roots',
  winPath(lab.publicRootsFile),
  '--trust-store',
  winPath(store),
  // Generous: Wine on a busy shared machine.
  '--timeout',
  '60000',
];

before(async () => {
  lab = await startLab();
  inner = await lab.startProxy({});
  store = await lab.writePem('sspi-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), inner.root.pem]);
  noRealmConfig = path.join(lab.dir, 'krb5-no-realm.conf');
  await writeFile(noRealmConfig, '[libdefaults]\n  dns_lookup_kdc = false\n  dns_lookup_realm = false\n');
});
after(async () => {
  await inner?.close();
  await lab?.close();
});

describe("the lab's NTLM proxy checks the password (this host's JavaScript NTLM as the client)", () => {
  let ntlm: NtlmPasswordProxy;
  before(async () => {
    ntlm = await startNtlmPasswordProxy({ parentPort: inner.port, user: 'alice', password: PASSWORD });
  });
  after(() => ntlm?.close());
  const run = (password: string) =>
    cli(
      [
        'check',
        lab.hosts[0]!,
        '--json',
        '--proxy',
        ntlm.url,
        '--proxy-user',
        'CORP\\alice',
        '--public-roots',
        lab.publicRootsFile,
        '--trust-store',
        store,
      ],
      { CA_BRIDGE_PROXY_PASSWORD: password },
    );

  it('the right password passes, a wrong one is refused', async () => {
    const good = await run(PASSWORD);
    assert.equal(good.code, 0, good.stderr + good.stdout);
    assert.ok(good.json().chain.length > 0);
    assert.deepEqual(ntlm.logins.at(-1), { user: 'alice', domain: 'CORP', workstation: '', ok: true });
    const bad = await run('not-it');
    assert.notEqual(bad.code, 0);
    assert.match(bad.stdout + bad.stderr, /proxy-auth-required|rejected/);
    assert.equal(ntlm.logins.at(-1)?.ok, false);
  });
});

describe('Windows single sign-on through SSPI, under Wine', { skip: laneSkip ?? false }, () => {
  before(async () => {
    lane = await startWineLane();
  });
  after(async () => {
    await lane?.close();
  });

  const kerberosSkip = squidMissing('negotiate_kerberos_auth') ?? kdcMissing();
  describe('Negotiate (Kerberos) proxy: squid + negotiate_kerberos_auth, a private KDC', { skip: kerberosSkip ?? false }, () => {
    let kdc: Kdc;
    let tgtOnlyCache: string;
    let squid: Squid;
    let relay: RecordingRelay;
    before(async () => {
      kdc = await startKdc('127.0.0.1');
      // The ticket-granting ticket alone, before any run adds the proxy's service ticket to alice's cache.
      tgtOnlyCache = `FILE:${path.join(lab.dir, 'alice-tgt-only.ccache')}`;
      await copyFile(kdc.ticketCache.replace(/^FILE:/, ''), tgtOnlyCache.replace(/^FILE:/, ''));
      squid = await startSquid({
        parentPort: inner.port,
        auth: { scheme: 'negotiate', keytab: kdc.keytab, principal: kdc.servicePrincipal, env: kdc.env },
      });
      relay = await startRecordingRelay(squid.port);
    });
    after(async () => {
      await relay?.close();
      await squid?.close();
      await kdc?.close();
    });

    it("with the user's ticket: SSPI's Kerberos token for HTTP/<proxy>, then detection through the proxy", async () => {
      const run = await sspiCli(detectArgs(relay.url), { ...kdc.env, KRB5CCNAME: kdc.ticketCache });
      assert.equal(run.code, 0, run.stderr);
      const report = run.json();
      assert.equal(report.verdict, 'inspected', JSON.stringify(report.targets.map((t: any) => t.error)));
      assert.ok(report.targets.every((t: any) => t.status === 'inspected'));
      // squid's helper accepted the ticket of the user kinit signed in.
      assert.match(await squid.accessLogMatching(/alice@LAB\.TEST/), /alice@LAB\.TEST/);
      assertReleased(run.handles, 2, 2);
      const tokens = relay.proxyAuthorizations();
      assert.ok(tokens.length > 0);
      for (const value of tokens) {
        const [scheme, token] = value.split(' ');
        assert.equal(scheme, 'Negotiate');
        // An InitialContextToken: [APPLICATION 0] whose first element is the mechanism OID.
        const raw = Buffer.from(token!, 'base64');
        assert.equal(raw[0], 0x60, `not a GSS-API token: ${value.slice(0, 60)}`);
        const oidAt = raw.indexOf(KERBEROS_OID);
        assert.ok(oidAt > 0 && oidAt <= 4, `not a Kerberos token: ${value.slice(0, 60)}`);
      }
    });

    it('--proxy-user and a password, no ticket: SSPI gets Kerberos credentials for that user, then detection', async () => {
      // A user with a password in the realm (alice has only a random key, for kinit from a keytab).
      await promisify(execFile)('/usr/sbin/kadmin.local', ['-r', 'LAB.TEST', '-q', `addprinc -pw ${BOB_PASSWORD} bob@LAB.TEST`], {
        env: { ...process.env, ...kdc.env },
        timeout: 30_000,
      });
      // Wine's Kerberos keeps the tickets it gets for an explicit user in the default credentials cache
      // (Windows keeps them in the logon session): each run gets a cache of its own, empty at the start.
      // One site at a time: for an explicit user, Wine's Kerberos writes the tickets it gets into that one
      // FILE cache, and two sites signing on at once can race on it (seen once under CI load: one site's
      // Negotiate fell back to NTLM). Windows keeps them in the logon session, so this is Wine's, not ours.
      const run = await sspiCli([...detectArgs(relay.url), '--concurrency', '1', '--proxy-user', 'bob@LAB.TEST'], {
        ...kdc.env,
        KRB5CCNAME: `FILE:${path.join(lab.dir, 'bob-right.ccache')}`,
        CA_BRIDGE_PROXY_PASSWORD: BOB_PASSWORD,
      });
      assert.equal(run.code, 0, run.stderr.slice(-2000));
      const report = run.json();
      assert.equal(report.verdict, 'inspected', JSON.stringify(report.targets.map((t: any) => t.error)));
      for (const t of report.targets) assert.equal(t.status, 'inspected', `${t.host}: ${JSON.stringify(t.error)}`);
      assert.match(await squid.accessLogMatching(/bob@LAB\.TEST/), /bob@LAB\.TEST/);
      assertNoPassword(run, BOB_PASSWORD);
      // Kerberos tokens (GSS-API, [APPLICATION 0]), not Negotiate's NTLM fallback.
      for (const value of relay.proxyAuthorizations().slice(-2)) assert.match(value, /^Negotiate YII/);
      assertReleased(run.handles, 2, 2);

      const wrong = await sspiCli([...detectArgs(relay.url), '--concurrency', '1', '--proxy-user', 'bob@LAB.TEST'], {
        ...kdc.env,
        KRB5CCNAME: `FILE:${path.join(lab.dir, 'bob-wrong.ccache')}`,
        CA_BRIDGE_PROXY_PASSWORD: 'not-it',
      });
      for (const t of wrong.json().targets) {
        assert.equal(t.error.code, 'proxy-auth-required');
        assert.equal(t.error.proxyAuth.offered[0], 'Negotiate');
        assert.match(t.error.message, /Negotiate.*--proxy-user/);
      }
      assert.equal(wrong.handles.freed, wrong.handles.acquired);
    });

    it('without a ticket: proxy-auth-required naming Negotiate, and what to do', async () => {
      const run = await sspiCli(detectArgs(relay.url), { ...kdc.env, KRB5CCNAME: kdc.emptyCache });
      assert.equal(run.code, 0, run.stderr);
      for (const t of run.json().targets) {
        assert.equal(t.error.code, 'proxy-auth-required');
        assert.deepEqual(t.error.proxyAuth.offered, ['Negotiate']);
        assert.match(t.error.message, /Negotiate/);
        assert.match(t.error.message, /--proxy-user/);
      }
      // Credentials were acquired (Wine's Negotiate always can) and freed; no context came into being.
      assertReleased(run.handles, 2, 0);
    });
    it('a KDC that never answers: the deadline ends the wait, and the credentials are freed once Windows gives up', async () => {
      // The user's ticket-granting ticket is real; the service ticket for the proxy must come from a KDC
      // that accepts the connection and then says nothing.
      const silent = net.createServer((socket) => socket.on('error', () => socket.destroy()));
      const held = new Set<net.Socket>();
      silent.on('connection', (socket) => (held.add(socket), socket.once('close', () => held.delete(socket))));
      const port = await new Promise<number>((resolve) =>
        silent.listen(0, '127.0.0.1', () => resolve((silent.address() as net.AddressInfo).port)),
      );
      const config = path.join(lab.dir, 'krb5-silent-kdc.conf');
      await writeFile(config, (await readFile(kdc.env.KRB5_CONFIG!, 'utf8')).replace(/kdc = 127\.0\.0\.1:\d+/, `kdc = 127.0.0.1:${port}`));
      try {
        const run = await sspiCli(
          [
            'detect',
            '--json',
            '--targets',
            lab.hosts[0]!,
            '--proxy',
            relay.url,
            '--public-roots',
            winPath(lab.publicRootsFile),
            '--trust-store',
            winPath(store),
            '--timeout',
            '6000',
          ],
          { ...kdc.env, KRB5_CONFIG: config, KRB5CCNAME: tgtOnlyCache },
        );
        assert.equal(run.code, 0, run.stderr.slice(-2000));
        const [target] = run.json().targets;
        assert.equal(target.error.code, 'timeout', JSON.stringify(target.error));
        assert.match(target.error.message, /within 6000 ms \(answering the proxy's authentication request\)/);
        // The bound is shown by the outcome (a timeout naming the 6000 ms deadline and the step), not by
        // a wall-clock comparison: tests assert no durations (docs/testing.md).
        // The native call cannot be cancelled: the process lives on until Windows gives up on the KDC
        // (about 20 s more with MIT Kerberos), then frees the credentials; no context was made.
        assertReleased(run.handles, 1, 0);
      } finally {
        for (const socket of held) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });

    it(
      'browser mode (ca-bridge ui under Wine): detect through the Negotiate proxy with the ticket',
      { skip: uiMissing() ?? false },
      async () => {
        const ui = await startWineUi({ ...kdc.env, KRB5CCNAME: kdc.ticketCache });
        try {
          const session = await postJson(ui.port, '/api/session', { code: ui.code });
          assert.equal(session.status, 200, session.text);
          const token = JSON.parse(session.text).token as string;
          const before = relay.proxyAuthorizations().length;
          const answer = await postJson(
            ui.port,
            '/api/detect',
            {
              targets: lab.hosts[0],
              proxy: relay.url,
              publicRootsFile: winPath(lab.publicRootsFile),
              trustStorePath: winPath(store),
              timeoutMs: 60_000,
            },
            token,
          );
          assert.equal(answer.status, 200, answer.text);
          const result = JSON.parse(answer.text);
          assert.equal(result.ok, true, answer.text.slice(0, 2000));
          assert.equal(result.value.verdict, 'inspected', JSON.stringify(result.value.targets.map((t: any) => t.error)));
          const sent = relay.proxyAuthorizations().slice(before);
          assert.ok(sent.length > 0 && sent.every((v) => /^Negotiate YII/.test(v)), JSON.stringify(sent.map((v) => v.slice(0, 30))));
        } finally {
          await ui.stop();
        }
      },
    );
  });

  const ntlmSkip = existsSync('/usr/bin/ntlm_auth')
    ? null
    : "Wine's NTLM needs Samba's ntlm_auth (Debian package winbind; .ci/install.d/61-sspi.sh)";
  describe('NTLM proxy that checks the password (NTLMv2)', { skip: ntlmSkip ?? false }, () => {
    let ntlm: NtlmPasswordProxy;
    let relay: RecordingRelay;
    before(async () => {
      ntlm = await startNtlmPasswordProxy({ parentPort: inner.port, user: 'alice', password: PASSWORD });
      relay = await startRecordingRelay(ntlm.port);
    });
    after(async () => {
      await relay?.close();
      await ntlm?.close();
    });

    it('--proxy-user: NTLM through SSPI as that identity (messages from Windows, NTLMv2 proof checked), then detection', async () => {
      const sentBefore = relay.proxyAuthorizations().length;
      const loginsBefore = ntlm.logins.length;
      const run = await sspiCli([...detectArgs(relay.url), '--proxy-user', 'CORP\\alice'], { CA_BRIDGE_PROXY_PASSWORD: PASSWORD });
      assert.equal(run.code, 0, run.stderr);
      const report = run.json();
      assert.equal(report.verdict, 'inspected', JSON.stringify(report.targets.map((t: any) => t.error)));
      const logins = ntlm.logins.slice(loginsBefore);
      assert.equal(logins.length, 2);
      for (const login of logins)
        assert.deepEqual({ user: login.user, domain: login.domain, ok: login.ok }, { user: 'alice', domain: 'CORP', ok: true });
      const tokens = relay.proxyAuthorizations().slice(sentBefore);
      assertNoPassword(run, PASSWORD);
      // Two sites, two exchanges (concurrent): a negotiate and an authenticate message each.
      assert.deepEqual(tokens.map((t) => ntlmType(t.replace(/^NTLM /, ''))).sort(), [1, 1, 3, 3]);
      assertReleased(run.handles, 2, 2);
      // Windows built them: the JavaScript NTLM used elsewhere (httpntlm) would have sent this negotiate message instead.
      const javascriptType1 = ntlmNegotiate({ user: 'CORP\\alice', password: PASSWORD });
      assert.ok(tokens.every((t) => t !== javascriptType1));
    });

    it('--proxy-user with a wrong password: the proxy refuses, proxy-auth-required with NTLM tried', async () => {
      const loginsBefore = ntlm.logins.length;
      const run = await sspiCli([...detectArgs(relay.url), '--proxy-user', 'CORP\\alice'], { CA_BRIDGE_PROXY_PASSWORD: 'not-it' });
      assert.equal(run.code, 0, run.stderr);
      const targets = run.json().targets;
      assert.equal(targets.length, 2);
      for (const t of targets) {
        assert.equal(t.error.code, 'proxy-auth-required');
        assert.deepEqual(t.error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'rejected' });
        assert.match(t.error.message, /--proxy-user/);
      }
      // An empty list passes any .every: the proxy must have seen the refused logins.
      const logins = ntlm.logins.slice(loginsBefore);
      assert.ok(logins.length > 0, 'the proxy saw no login');
      assert.ok(logins.every((l) => l.user === 'alice' && !l.ok));
      assertReleased(run.handles, 2, 2);
    });

    it('a hostile challenge (random bytes, then base64url text): a bounded failure naming NTLM, handles released', async () => {
      const garbage = await startNtlmPasswordProxy({
        parentPort: inner.port,
        user: 'alice',
        password: PASSWORD,
        challengeToken: Buffer.concat([Buffer.from('NTLMSSP\0\x02\0\0\0', 'latin1'), randomBytes(200)]).toString('base64'),
      });
      const urlSafe = await startNtlmPasswordProxy({
        parentPort: inner.port,
        user: 'alice',
        password: PASSWORD,
        challengeToken: 'TlRM-TVNT_UAAC',
      });
      try {
        // One after the other: runs in one prefix share its wineserver.
        const run = (proxy: NtlmPasswordProxy) =>
          sspiCli([...detectArgs(proxy.url), '--proxy-user', 'CORP\\alice'], { CA_BRIDGE_PROXY_PASSWORD: PASSWORD });
        const random = await run(garbage);
        const notBase64 = await run(urlSafe);
        for (const t of random.json().targets) {
          assert.deepEqual(t.error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'bad-challenge' });
          assert.match(t.error.message, /NTLM challenge could not be read \(.*SEC_E_/);
        }
        assertReleased(random.handles, 2, 2);
        for (const t of notBase64.json().targets) {
          assert.deepEqual(t.error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'bad-challenge' });
          assert.match(t.error.message, /NTLM challenge is malformed/);
        }
        // Refused before Windows saw it: no second InitializeSecurityContext, the context still deleted.
        assertReleased(notBase64.handles, 2, 2);
        assert.equal(notBase64.handles.contextCalls, 2);
      } finally {
        await garbage.close();
        await urlSafe.close();
      }
    });

    it('Negotiate and NTLM offered, no ticket and no password: Negotiate tried first, then NTLM single sign-on', async () => {
      const both = await startNtlmPasswordProxy({
        parentPort: inner.port,
        user: 'alice',
        password: PASSWORD,
        offer: ['Negotiate', 'NTLM'],
      });
      const recorded = await startRecordingRelay(both.port);
      try {
        const run = await sspiCli(detectArgs(recorded.url));
        assert.equal(run.code, 0, run.stderr);
        for (const t of run.json().targets) {
          // `offered` is what the last 407 (the NTLM challenge) named.
          assert.deepEqual(t.error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'no-credentials' });
          assert.match(t.error.message, /NTLM.*logged-on Windows user.*--proxy-user/);
        }
        // Negotiate could not start (no ticket), so nothing was sent for it; NTLM's negotiate message was.
        const sent = recorded.proxyAuthorizations();
        assert.ok(sent.length >= 2 && sent.every((v) => v.startsWith('NTLM ')), JSON.stringify(sent.map((v) => v.slice(0, 20))));
        // Per site: Negotiate's credentials and NTLM's, both freed; one context (NTLM's) deleted.
        assert.equal(run.handles.acquired, 4);
        assertReleased(run.handles, 4, 2);
      } finally {
        await recorded.close();
        await both.close();
      }
    });

    it('no credentials: single sign-on through SSPI; where Windows has no NTLM secret, the failure names NTLM and what to do', async () => {
      const sentBefore = relay.proxyAuthorizations().length;
      const run = await sspiCli(detectArgs(relay.url));
      assert.equal(run.code, 0, run.stderr);
      for (const t of run.json().targets) {
        assert.equal(t.error.code, 'proxy-auth-required');
        assert.deepEqual(t.error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'no-credentials' });
        assert.match(t.error.message, /NTLM.*logged-on Windows user.*--proxy-user/);
      }
      // SSPI produced the negotiate message (single sign-on was attempted, not skipped).
      assert.ok(
        relay
          .proxyAuthorizations()
          .slice(sentBefore)
          .some((t) => ntlmType(t.replace(/^NTLM /, '')) === 1),
      );
      // The context made for the negotiate message is deleted after the failed answer.
      assertReleased(run.handles, 2, 2);
    });
  });
});
