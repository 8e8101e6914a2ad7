/**
 * NTLMv2 against a proxy that checks the password (pyspnego's NTLM acceptor, NTLMv1 and LM
 * refused), chained in front of the lab's inspecting proxy: the right password gets a verdict,
 * a wrong one is refused once with the scheme named, and no form of the password leaks.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startUiServer } from '../../electron/cli/ui-server.js';
import { cli } from '../helpers/cli.js';
import { allFiles, assertNoSecret, secretForms } from '../helpers/credential-grep.js';
import { callOperation, uiSessionToken } from '../helpers/ui-session.js';
import { startLab, type Lab } from '../lab/lab.js';
import { negotiateMessage } from '../../electron/core/proxy/auth/ntlm-messages.js';
import { ntlmProxyMissing, startNtlmProxy, type NtlmProxy } from '../lab/ntlm-proxy.js';
import type { LabProxy } from '../lab/proxy.js';
import { labProbeArgs } from '../lab/probe-args.js';

const ACCOUNTS = [
  { domain: 'CORP', user: 'alice', password: 'Correct-Horse-7' },
  { domain: '', user: 'bob@corp.example', password: 'upn-Pass-9' },
  { domain: '', user: 'carol', password: 'no-domain-Pass-3' },
  { domain: 'CORP', user: 'jürgen', password: 'grüße-パスワード' },
  { domain: 'MÜNCHEN', user: 'ümit', password: 'Ümlaut-パス-5' },
];
const [ALICE, BOB, CAROL, JURGEN, UMIT] = ACCOUNTS as [Account, Account, Account, Account, Account];
type Account = (typeof ACCOUNTS)[number];

/** The NT hash (MD4 of the UTF-16LE password), in hex: it must never be printed either. */
const ntHashHex = (password: string) =>
  Buffer.from(
    (createRequire(import.meta.url)('httpntlm/ntlm.js') as { create_NT_hashed_password(p: string): Buffer }).create_NT_hashed_password(
      password,
    ),
  ).toString('hex');

let lab: Lab;
let inner: LabProxy;
let store: string;
let home: string;
let ntlm: NtlmProxy;

const skip = ntlmProxyMissing() ?? false;

describe('NTLMv2 against a proxy that verifies the password (pyspnego acceptor)', { skip }, () => {
  before(async () => {
    lab = await startLab();
    inner = await lab.startProxy({});
    store = await lab.writePem('ntlm-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), inner.root.pem]);
    home = await mkdtemp(path.join(tmpdir(), 'ca-bridge-ntlm-home-'));
    ntlm = await startNtlmProxy(inner.port, ACCOUNTS);
  });
  after(async () => {
    await ntlm?.close();
    await inner?.close();
    await lab?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  const env = (extra: NodeJS.ProcessEnv = {}) => ({ HOME: home, XDG_CACHE_HOME: path.join(home, 'cache'), ...extra });

  async function detect(proxyUrl: string, extra: string[] = [], moreEnv: NodeJS.ProcessEnv = {}, targets = 3) {
    const run = await cli(
      ['detect', '--json', ...labProbeArgs(lab, proxyUrl, store, lab.hosts.slice(0, targets)), '--timeout', '15000', ...extra],
      env(moreEnv),
    );
    assert.equal(run.code, 0, run.stderr);
    return { run, report: run.json() };
  }

  const urlWith = (user: string, password: string) =>
    ntlm.url.replace('http://', `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@`);

  /** The logins the proxy judged since `from`. */
  const loginsSince = async (from: number) => (await ntlm.logins()).slice(from);

  /** Every target inspected, and every login the proxy judged since `from` accepted as NTLMv2 for this account. */
  async function assertAcceptedAs(report: any, from: number, domain: string, user: string) {
    assert.equal(report.verdict, 'inspected', JSON.stringify(report.targets.map((t: any) => t.error)));
    assert.ok(report.targets.every((t: any) => t.status === 'inspected'));
    const logins = await loginsSince(from);
    assert.ok(logins.length >= report.targets.length, JSON.stringify(logins));
    for (const login of logins) {
      assert.equal(login.accepted, true, JSON.stringify(login));
      assert.deepEqual([login.domain ?? '', login.user], [domain, user]);
    }
    return logins;
  }

  it('the right password (DOMAIN\\user in the URL): NTLMv2 accepted, detection through it, inspected', async () => {
    const from = (await ntlm.logins()).length;
    const connects = inner.connectRequests.length;
    const { report } = await detect(urlWith('CORP\\alice', ALICE.password));
    const logins = await assertAcceptedAs(report, from, 'CORP', 'alice');
    for (const login of logins) {
      // NTLMv2 as MS-NLMP wants it when the server sends its time: the server's timestamp, zeros for LM, a MIC (checked by the acceptor).
      assert.equal(login.ntlmv2, true);
      assert.equal(login.unicode, true);
      assert.equal(login.mic, true);
      assert.equal(login.lmField, 'zeros');
      assert.equal(login.clientTimestamp, login.serverTimestamp);
    }
    // The verifier forwarded each authenticated CONNECT to the inspecting proxy.
    assert.ok(inner.connectRequests.length >= connects + 3);
  });

  it('a wrong password: proxy-auth-required, NTLM offered and tried, rejected, one attempt per site', async () => {
    const from = (await ntlm.logins()).length;
    const events = (await ntlm.events()).length;
    const { report } = await detect(urlWith('CORP\\alice', 'Correct-Horse-8'));
    for (const t of report.targets) {
      assert.equal(t.status, 'error');
      assert.equal(t.error.code, 'proxy-auth-required');
      assert.deepEqual(t.error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'rejected' });
      assert.match(t.error.message, /rejected/);
    }
    const logins = await loginsSince(from);
    assert.equal(logins.length, report.targets.length, 'one type 3 per site: no retry loop');
    for (const login of logins) assert.match(`${login.accepted} ${login.reason}`, /^false .*Invalid NTLM response/);
    // Per site: the bare CONNECT's challenge, one type 2, one type 3 — nothing more.
    assert.equal((await ntlm.events()).length - events, report.targets.length * 3);
  });

  it('a user the proxy does not know is refused the same way', async () => {
    const { report } = await detect(urlWith('CORP\\mallory', ALICE.password), [], {}, 1);
    assert.deepEqual(report.targets[0].error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'rejected' });
  });

  it('the domain typed in lower case is the same account (the hash uses the domain as sent)', async () => {
    const from = (await ntlm.logins()).length;
    const { report } = await detect(urlWith('corp\\ALICE', ALICE.password), [], {}, 1);
    await assertAcceptedAs(report, from, 'corp', 'ALICE');
  });

  it('user@domain (UPN) form: the whole UPN as the user name, no domain', async () => {
    const from = (await ntlm.logins()).length;
    const { report } = await detect(urlWith(BOB.user, BOB.password), [], {}, 1);
    await assertAcceptedAs(report, from, '', BOB.user);
  });

  it('a user without a domain', async () => {
    const from = (await ntlm.logins()).length;
    const { report } = await detect(ntlm.url, ['--proxy-user', CAROL.user], { CA_BRIDGE_PROXY_PASSWORD: CAROL.password }, 1);
    await assertAcceptedAs(report, from, '', CAROL.user);
  });

  it('non-ASCII user and password (ü, パス), from --proxy-user and CA_BRIDGE_PROXY_PASSWORD, and from the URL', async () => {
    let from = (await ntlm.logins()).length;
    const viaFlag = await detect(ntlm.url, ['--proxy-user', 'CORP\\jürgen'], { CA_BRIDGE_PROXY_PASSWORD: JURGEN.password }, 1);
    await assertAcceptedAs(viaFlag.report, from, 'CORP', 'jürgen');
    from = (await ntlm.logins()).length;
    const viaUrl = await detect(urlWith('CORP\\jürgen', JURGEN.password), [], {}, 1);
    await assertAcceptedAs(viaUrl.report, from, 'CORP', 'jürgen');
  });

  it('a non-ASCII domain (MÜNCHEN) is sent in Unicode, not escape()d', async () => {
    const from = (await ntlm.logins()).length;
    const { report } = await detect(urlWith(`${UMIT.domain}\\${UMIT.user}`, UMIT.password), [], {}, 1);
    await assertAcceptedAs(report, from, 'MÜNCHEN', 'ümit');
  });

  it('no form of the password (or its NT hash) in stdout, stderr under --verbose, --json, or any file written', async () => {
    const forms = secretForms(`CORP\\${JURGEN.user}`, JURGEN.password, ['パスワード', ntHashHex(JURGEN.password)]);
    const url = urlWith('CORP\\jürgen', JURGEN.password);
    for (const json of [true, false]) {
      const run = await cli(
        ['detect', ...(json ? ['--json'] : []), '--verbose', ...labProbeArgs(lab, url, store, lab.hosts.slice(0, 2))],
        env(),
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /inspected/i);
      assert.ok(run.stderr.length > 0, '--verbose wrote a trail');
      assertNoSecret(`detect ${json ? '--json' : 'text'} stdout`, run.stdout, forms);
      assertNoSecret('detect --verbose stderr', run.stderr, forms);
    }
    const wrong = await detect(urlWith('CORP\\jürgen', `${JURGEN.password}x`), ['--verbose'], {}, 1);
    assertNoSecret('a rejected login', wrong.run.stdout + wrong.run.stderr, [...forms, `${JURGEN.password}x`]);
    const exported = path.join(home, 'export');
    const exportRun = await cli(['export', '--out', exported, ...labProbeArgs(lab, url, store, lab.hosts.slice(0, 1))], env());
    assert.equal(exportRun.code, 0, exportRun.stderr);
    assertNoSecret('export output', exportRun.stdout + exportRun.stderr, forms);
    const files = await allFiles(home);
    assert.ok(files.length > 0, 'the runs wrote files under HOME');
    for (const { file, text } of files) assertNoSecret(file, text, forms);
  });

  it("browser mode (ui): the page's user and password fields log in through NTLMv2, and no answer carries the password", async () => {
    const server = await startUiServer({
      port: 0,
      staticDir: new URL('../../renderer/dist', import.meta.url).pathname,
      service: { env: env(), platform: 'linux', locale: 'en-US' },
    });
    try {
      const token = await uiSessionToken(server);
      const post = (body: unknown) => callOperation(server, token, 'detect', body);
      const input = { targets: lab.hosts[0], proxy: ntlm.url, publicRootsFile: lab.publicRootsFile, trustStorePath: store };
      const from = (await ntlm.logins()).length;
      const answer = await post({ ...input, proxyUser: 'CORP\\jürgen', proxyPassword: JURGEN.password });
      assert.equal(JSON.parse(answer).value.verdict, 'inspected', answer);
      assert.equal((await loginsSince(from))[0]?.accepted, true);
      const refused = await post({ ...input, proxyUser: 'CORP\\jürgen', proxyPassword: 'wrong' });
      assert.deepEqual(JSON.parse(refused).value.targets[0].error.proxyAuth, { offered: ['NTLM'], tried: 'NTLM', problem: 'rejected' });
      const forms = secretForms('CORP\\jürgen', JURGEN.password, ['パスワード', ntHashHex(JURGEN.password)]);
      assertNoSecret('/api/detect', answer + refused, forms);
    } finally {
      await server.close();
    }
  });

  it('the verifier itself refuses NTLMv1, even with the right password (so every accepted login above was NTLMv2)', async () => {
    // A client that leaves out extended session security gets a type 2 without it, and httpntlm then answers with NTLMv1.
    const httpntlm = createRequire(import.meta.url)('httpntlm/ntlm.js');
    const type1 = negotiateMessage();
    type1.writeUInt32LE((type1.readUInt32LE(12) & ~0x80000) >>> 0, 12);
    const socket = net.connect(ntlm.port, '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.setEncoding('latin1');
    /** The proxy's answer to one CONNECT, once its header block has arrived (each 'data' event is looked at, no polling). */
    const ask = (authorization: string) =>
      new Promise<string>((resolve, reject) => {
        let buffered = '';
        const onData = (d: string) => {
          buffered += d;
          if (!buffered.includes('\r\n\r\n')) return;
          clearTimeout(timer);
          socket.off('data', onData);
          resolve(buffered);
        };
        const timer = setTimeout(() => {
          socket.off('data', onData);
          reject(new Error(`no answer from the verifying proxy: ${buffered}`));
        }, 15_000);
        socket.on('data', onData);
        socket.write(`CONNECT ${lab.hosts[0]}:443 HTTP/1.1\r\nHost: ${lab.hosts[0]}:443\r\nProxy-Authorization: ${authorization}\r\n\r\n`);
      });
    try {
      const challenge = /Proxy-Authenticate: NTLM (\S+)/.exec(await ask(`NTLM ${type1.toString('base64')}`))?.[1];
      assert.ok(challenge);
      const type2 = httpntlm.parseType2Message(`NTLM ${challenge}`, () => {});
      assert.equal(type2.negotiateFlags & 0x80000, 0, 'the type 2 offers no extended session security');
      const from = (await ntlm.logins()).length;
      const type3 = httpntlm.createType3Message(type2, { username: 'alice', password: ALICE.password, domain: 'CORP', workstation: '' });
      assert.match(await ask(type3), /^HTTP\/1\.1 407/);
      const [login] = await loginsSince(from);
      assert.equal(login?.ntlmv2, false);
      assert.equal(login?.accepted, false);
      assert.match(login?.reason ?? '', /reject NTv1/);
    } finally {
      socket.destroy();
    }
  });
});
