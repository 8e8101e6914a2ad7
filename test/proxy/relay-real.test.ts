/**
 * The relay advice, run: px (PyPI px-proxy) and cntlm (Debian) started from the advice's own files and
 * start lines, in front of Debian's squid asking for NTLM or Negotiate, itself in front of the lab's
 * inspecting proxy. Real tools, pointed at the relay exactly as advised and given the inspection CA
 * that `ca-bridge export` wrote, reach the inspected lab site through the relay; pointed straight at
 * the authenticating proxy they get 407. `verify --relay` runs every installed tool through the advised
 * cntlm (a recorder between them shows no credential leaving a tool); `verify` straight at the Negotiate
 * proxy with a kinit ticket has curl sign in (--proxy-negotiate) and the others answer proxy-auth with the
 * relay advice. Every process is started and stopped here, each tool has its own HOME, and the Kerberos
 * realm is private to the test.
 */
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { relayAdvice, type ProxyRelayAdvice, type RelaySetting } from '../../shared/proxy-advice.js';
import { advicePath, RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { assertNoSecret, secretForms } from '../helpers/credential-grep.js';
import { startRecordingRelay, type RecordingRelay } from '../lab/recording-relay.js';
import { cntlmMissing, isolatedEnv, linesFor, pxMissing, runShell, startRelay, type Relay } from '../helpers/relay.js';
import { kdcMissing, startKdc, type Kdc } from '../lab/kdc.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { closedPort } from '../lab/servers.js';
import { ntlmProxyMissing, startNtlmProxy, type NtlmProxy } from '../lab/ntlm-proxy.js';
import { squidMissing, startSquid, type Squid } from '../lab/squid.js';
import { labProbeArgs } from '../lab/probe-args.js';

// ASCII: libcurl (curl, and px through it) turns each byte of the password into one UTF-16 unit for NTLM.
const PASSWORD = 's3cr3t pass/word';
let lab: Lab;
let inner: LabProxy;
let store: string;
let work: string;

before(async () => {
  lab = await startLab();
  inner = await lab.startProxy({});
  store = await lab.writePem('relay-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), inner.root.pem]);
  work = await mkdtemp(path.join(tmpdir(), 'ca-bridge-relay-'));
});
after(async () => {
  await inner?.close();
  await lab?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

const withCredentials = (url: string, userinfo: string) => url.replace('http://', `http://${userinfo}@`);

/** The advice as `detect --json` gives it for this proxy, and the inspection CA bundle `export` writes through it. */
async function adviceAndCa(proxyArg: string, env: NodeJS.ProcessEnv = {}): Promise<{ advice: ProxyRelayAdvice; bundle: string }> {
  const common = labProbeArgs(lab, proxyArg, store, lab.hosts.slice(0, 2));
  const detect = await cli(['detect', '--json', ...common, '--timeout', '15000'], env);
  assert.equal(detect.code, 0, detect.stderr);
  const advice = detect.json().proxyAdvice[0] as ProxyRelayAdvice;
  const out = await mkdtemp(path.join(work, 'export-'));
  const exported = await cli(['export', '--out', out, '--force', ...common, '--timeout', '15000'], env);
  assert.equal(exported.code, 0, exported.stderr + exported.stdout);
  return { advice, bundle: path.join(out, 'ca-bundle.pem') };
}

/** The advice's file, byte for byte, with only the placeholders it names replaced. */
async function writeAdviceFile(dir: string, relay: RelaySetting, fill: Record<string, string>): Promise<string> {
  const file = path.join(dir, relay.file.path);
  const text = relay.file.lines.map((line) => line.replace(/\b(DOMAIN|USER)\b/g, (token) => fill[token] ?? token)).join('\n') + '\n';
  for (const token of relay.file.placeholders) assert.ok(fill[token], `the test must fill ${token}`);
  await writeFile(file, text);
  return file;
}

const site = () => `https://${lab.hosts[0]}/`;

/** Tools as the user runs them after pasting the session lines; the CA goes in each tool's own way. */
const TOOLS = {
  // --resolve only matters if curl went direct (the advice's variables not taken): then it meets a closed port, not the internet.
  curl: (ca: string) => `curl -sS --max-time 60 --resolve "${lab.hosts[0]}:443:127.0.0.1" --cacert '${ca}' '${site()}'`,
  pip: (ca: string, home: string) =>
    `python3 -m pip download -v --no-deps --dest '${home}/dl' --index-url '${site()}simple/' --cert '${ca}' --retries 0 --timeout 60 --disable-pip-version-check six`,
  npm: (ca: string, home: string) =>
    `npm view left-pad version --registry '${site()}' --cafile '${ca}' --fetch-retries=0 --no-update-notifier --cache '${home}/npm-cache'`,
  git: (ca: string) => `GIT_SSL_CAINFO='${ca}' GIT_TERMINAL_PROMPT=0 git ls-remote '${site()}x/y'`,
};
/** What each tool says once it got through TLS to the lab site (the origin answers plain text to everything). */
const REACHED: Record<keyof typeof TOOLS, RegExp> = {
  curl: /hello from /,
  // pip says "No matching distribution" also when it never reached the index: only the page it fetched counts.
  pip: /Skipping page https:\/\/\S+\/simple\/six\/ because the GET request got Content-Type: text\/plain/,
  npm: /Unexpected token|invalid json|EINVALIDRESPONSE|is not valid JSON/i,
  git: /not (?:a git repository|valid)|repository .* not found|hello from|dumb http/i,
};
const TOOL_FAILED_TLS = /SSLError|CERTIFICATE_VERIFY_FAILED|SELF_SIGNED|self.signed|unable to get local issuer|certificate/i;

async function assertReachesThrough(
  shell: 'bash' | 'zsh' | 'fish',
  session: string[],
  home: string,
  ca: string,
  tools = Object.keys(TOOLS),
) {
  for (const tool of tools as (keyof typeof TOOLS)[]) {
    const script = [...session, TOOLS[tool](ca, home)].join('\n');
    const run = await runShell(shell, script, {
      cwd: home,
      env: isolatedEnv(home, { PIP_CONFIG_FILE: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }),
    });
    assert.match(run.out, REACHED[tool], `${shell} ${tool}:\n${run.out}`);
    assert.doesNotMatch(run.out, TOOL_FAILED_TLS, `${shell} ${tool}`);
    assert.doesNotMatch(run.out, /407/, `${shell} ${tool}`);
  }
}

/** Straight at the authenticating proxy, the same tools get 407: the relay is what signs in. */
async function assertRefusedStraight(proxyUrl: string, home: string, ca: string) {
  const session = [`export https_proxy='${proxyUrl}'`];
  for (const tool of ['curl', 'pip', 'npm', 'git'] as const) {
    const script = [...session, TOOLS[tool](ca, home)].join('\n');
    const run = await runShell('bash', script, {
      cwd: home,
      env: isolatedEnv(home, { PIP_CONFIG_FILE: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }),
    });
    // pip, its retries off, reports no reason, only that it found nothing: it must not have fetched the page.
    if (tool !== 'pip') assert.match(run.out, /407/, `${tool} straight at the proxy:\n${run.out}`);
    assert.doesNotMatch(run.out, REACHED[tool], tool);
  }
}

describe('NTLM proxy (checking NTLMv2 against the password): the advised relays, run', { skip: ntlmProxyMissing() ?? false }, () => {
  let ntlmProxy: NtlmProxy;
  /** `DOMAIN\\user` of each login the proxy accepted (or refused), in order. */
  const logins = async (accepted: boolean) =>
    (await ntlmProxy.logins()).filter((l) => l.accepted === accepted).map((l) => `${l.domain}\\${l.user}`);
  let advice: ProxyRelayAdvice;
  let bundle: string;
  before(async () => {
    ntlmProxy = await startNtlmProxy(inner.port, [{ domain: 'CORP', user: 'alice', password: PASSWORD }]);
    ({ advice, bundle } = await adviceAndCa(withCredentials(ntlmProxy.url, `CORP%5Calice:${encodeURIComponent(PASSWORD)}`)));
  });
  after(() => ntlmProxy?.close());

  it('the lab proxy checks the password: curl with the right one gets through, a wrong one gets 407', async () => {
    const home = await mkdtemp(path.join(work, 'curl-'));
    const env = isolatedEnv(home);
    const curl = (password: string) =>
      runShell(
        'bash',
        `curl -sS --max-time 60 --proxy-ntlm --proxy-user 'CORP\\alice:${password}' -x '${ntlmProxy.url}' --cacert '${bundle}' '${site()}'`,
        {
          cwd: home,
          env,
        },
      );
    assert.match((await curl(PASSWORD)).out, /hello from /);
    assert.match((await curl('wrong')).out, /407/);
    assert.deepEqual((await logins(false)).slice(-1), ['CORP\\alice']);
  });

  it('detect gives the shared advice for Linux: px and cntlm for this proxy, on 3128', () => {
    assert.deepEqual(advice, relayAdvice(`127.0.0.1:${ntlmProxy.port}`, ['NTLM'], { platform: 'linux' }));
    assert.doesNotMatch(JSON.stringify(advice), /alice|s3cr3t/);
  });

  it(
    'px: its px.ini and start line as advised (password typed at start), then curl, pip, npm and git through it',
    { skip: pxMissing() ?? false },
    async () => {
      const port = await closedPort();
      const a = relayAdvice(advice.proxy, advice.schemes, { platform: 'linux', port });
      const home = await mkdtemp(path.join(work, 'px-'));
      await writeAdviceFile(home, a.relays[0]!, { DOMAIN: 'CORP', USER: 'alice' });
      const [start] = linesFor(a.relays[0]!.start, 'bash');
      let relay: Relay | undefined;
      try {
        relay = await startRelay('bash', start!, { cwd: home, env: isolatedEnv(home), port, input: `${PASSWORD}\n` });
        const before = inner.connectRequests.length;
        await assertReachesThrough('bash', linesFor(a.session, 'bash'), home, bundle);
        // The same session lines in zsh and fish, with curl.
        await assertReachesThrough('zsh', linesFor(a.session, 'zsh'), home, bundle, ['curl']);
        await assertReachesThrough('fish', linesFor(a.session, 'fish'), home, bundle, ['curl']);
        // px signed in as alice over NTLMv2, and the inspecting proxy behind saw the tunnels.
        assert.ok((await logins(true)).includes('CORP\\alice'), (await logins(true)).join());
        assert.ok(inner.connectRequests.length > before);
        assert.ok(!relay.output().includes(PASSWORD), 'px does not print the password');
        await assertRefusedStraight(ntlmProxy.url, home, bundle);
      } finally {
        await relay?.stop();
      }
    },
  );

  it('px in fish: the advised fish start line reads the password the same way', { skip: pxMissing() ?? false }, async () => {
    const port = await closedPort();
    const a = relayAdvice(advice.proxy, advice.schemes, { platform: 'linux', port });
    const home = await mkdtemp(path.join(work, 'px-fish-'));
    await writeAdviceFile(home, a.relays[0]!, { DOMAIN: 'CORP', USER: 'alice' });
    const relay = await startRelay('fish', linesFor(a.relays[0]!.start, 'fish')[0]!, {
      cwd: home,
      env: isolatedEnv(home),
      port,
      input: `${PASSWORD}\n`,
    });
    try {
      await assertReachesThrough('fish', linesFor(a.session, 'fish'), home, bundle, ['curl']);
    } finally {
      await relay.stop();
    }
  });

  it(
    'cntlm: its cntlm.conf, the hash line its -H command prints, its start line; then curl and pip through it',
    { skip: cntlmMissing() ?? false },
    async () => {
      const port = await closedPort();
      const a = relayAdvice(advice.proxy, advice.schemes, { platform: 'linux', port });
      const cntlm = a.relays.find((r) => r.relay === 'cntlm')!;
      const home = await mkdtemp(path.join(work, 'cntlm-'));
      const conf = await writeAdviceFile(home, cntlm, { DOMAIN: 'CORP', USER: 'alice' });
      // The advised prepare command, as typed: it asks for the password and prints the hashes.
      const hashes = await runShell('bash', cntlm.prepare!.command, { cwd: home, env: isolatedEnv(home), input: `${PASSWORD}\n` });
      assert.equal(hashes.code, 0, hashes.out);
      const hashLine = hashes.out.split('\n').find((l) => l.startsWith('PassNTLMv2'));
      assert.ok(hashLine, hashes.out);
      assert.ok(!hashes.out.includes(PASSWORD));
      await appendFile(conf, `${hashLine}\n`);
      let relay: Relay | undefined;
      try {
        relay = await startRelay('bash', linesFor(cntlm.start, 'bash')[0]!, { cwd: home, env: isolatedEnv(home), port });
        await assertReachesThrough('bash', linesFor(a.session, 'bash'), home, bundle, ['curl', 'pip', 'git']);
        assert.ok((await logins(true)).includes('CORP\\alice'), (await logins(true)).join());
        assert.ok(!(await readFile(conf, 'utf8')).includes(PASSWORD), 'only the hash is in the file');
      } finally {
        await relay?.stop();
      }
    },
  );

  it(
    'verify --relay through the advised cntlm: the tools pass through it, and no credential reaches a tool',
    { skip: cntlmMissing() ?? false, timeout: 10 * 60_000 },
    async () => {
      const port = await closedPort();
      const a = relayAdvice(advice.proxy, advice.schemes, { platform: 'linux', port });
      const cntlm = a.relays.find((r) => r.relay === 'cntlm')!;
      const home = await mkdtemp(path.join(work, 'verify-relay-'));
      const conf = await writeAdviceFile(home, cntlm, { DOMAIN: 'CORP', USER: 'alice' });
      const hashes = await runShell('bash', cntlm.prepare!.command, { cwd: home, env: isolatedEnv(home), input: `${PASSWORD}\n` });
      await appendFile(conf, `${hashes.out.split('\n').find((l) => l.startsWith('PassNTLMv2'))}\n`);
      let relay: Relay | undefined;
      // Between the tools and cntlm: what the tools send, recorded.
      let recorder: RecordingRelay | undefined;
      try {
        relay = await startRelay('bash', linesFor(cntlm.start, 'bash')[0]!, { cwd: home, env: isolatedEnv(home), port });
        recorder = await startRecordingRelay(port);
        const acceptedBefore = (await logins(true)).length;
        // The engine checks the sites through the proxy itself, with the user's credentials; the tools get the relay only.
        const run = await cli(
          [
            'verify',
            '--json',
            '--dir',
            path.dirname(bundle),
            '--relay',
            recorder.url,
            ...labProbeArgs(lab, ntlmProxy.url, store, lab.hosts.slice(0, 1)),
            '--proxy-user',
            'CORP\\alice',
            '--timeout',
            '20000',
          ],
          { PATH: advicePath(), HOME: home, RUSTUP_HOME, CA_BRIDGE_PROXY_PASSWORD: PASSWORD },
        );
        const report = run.json();
        const byName = Object.fromEntries(report.tools.map((t: { name: string; result: string }) => [t.name, t]));
        for (const name of ['curl', 'pip', 'node']) assert.equal(byName[name]?.result, 'pass', `${name}: ${JSON.stringify(byName[name])}`);
        assert.deepEqual(
          report.tools.filter((t: { result: string }) => t.result === 'proxy-auth').map((t: { name: string }) => t.name),
          [],
          'no tool is left to sign in by itself',
        );
        const sent = recorder.sent();
        assert.ok(sent.length > 0, 'the tools went through the relay');
        assert.doesNotMatch(sent, /^proxy-authorization:/im, 'no tool sent credentials: the relay signs in');
        assertNoSecret('what the tools sent', sent, secretForms('alice', PASSWORD));
        assertNoSecret('the output', run.stdout + run.stderr, secretForms('alice', PASSWORD));
        assert.ok((await logins(true)).length > acceptedBefore, 'cntlm (and the engine) signed in as alice');
      } finally {
        await recorder?.close();
        await relay?.stop();
      }
    },
  );

  it(
    'the persistent commands: set points npm, pip and git at the relay with no variable set; undo removes it again',
    { skip: pxMissing() ?? false },
    async () => {
      const port = await closedPort();
      const a = relayAdvice(advice.proxy, advice.schemes, { platform: 'linux', port });
      const home = await mkdtemp(path.join(work, 'persistent-'));
      await writeAdviceFile(home, a.relays[0]!, { DOMAIN: 'CORP', USER: 'alice' });
      const relay = await startRelay('bash', linesFor(a.relays[0]!.start, 'bash')[0]!, {
        cwd: home,
        env: isolatedEnv(home),
        port,
        input: `${PASSWORD}\n`,
      });
      // pip reads its user file here (no PIP_CONFIG_FILE); git its ~/.gitconfig; npm its ~/.npmrc.
      const env = isolatedEnv(home, { GIT_CONFIG_NOSYSTEM: '1' });
      const sh = (script: string) => runShell('bash', script, { cwd: home, env });
      try {
        for (const p of a.persistent) {
          const tool = p.tool;
          const before = await sh(p.show.join('\n'));
          const set = await sh(p.set.join(' && '));
          assert.equal(set.code, 0, `${tool} set: ${set.out}`);
          const through = await sh(TOOLS[tool](bundle, home));
          assert.match(through.out, REACHED[tool], `${tool} after set:\n${through.out}`);
          const undo = await sh(p.undo.join(' && '));
          assert.equal(undo.code, 0, `${tool} undo: ${undo.out}`);
          const after = await sh(p.show.join('\n'));
          assert.equal(after.out, before.out, `${tool}: undo gives back what show printed before`);
        }
      } finally {
        await relay.stop();
      }
    },
  );
});

function kinitMissing(): string | null {
  return squidMissing('negotiate_kerberos_auth') ?? kdcMissing() ?? pxMissing();
}

describe('Negotiate proxy (squid + negotiate_kerberos_auth): px with the kinit ticket', { skip: kinitMissing() ?? false }, () => {
  let kdc: Kdc;
  let squid: Squid;
  before(async () => {
    kdc = await startKdc('127.0.0.1');
    squid = await startSquid({
      parentPort: inner.port,
      auth: { scheme: 'negotiate', keytab: kdc.keytab, principal: kdc.servicePrincipal, env: kdc.env },
    });
  });
  after(async () => {
    await squid?.close();
    await kdc?.close();
  });

  it('px.ini without a name, px started as advised: curl and pip reach the site with the ticket; without one, 407', async () => {
    const port = await closedPort();
    const a = relayAdvice(`127.0.0.1:${squid.port}`, ['Negotiate'], { platform: 'linux', port });
    const px = a.relays[0]!;
    assert.deepEqual(
      a.relays.map((r) => r.relay),
      ['px'],
    );
    assert.equal(px.signIn, 'kerberos-ticket');
    assert.deepEqual(px.file.placeholders, []);
    const home = await mkdtemp(path.join(work, 'px-krb-'));
    await writeAdviceFile(home, px, {});
    const out = await mkdtemp(path.join(work, 'export-'));
    const exported = await cli(['export', '--out', out, ...labProbeArgs(lab, squid.url, store, lab.hosts.slice(0, 1))], {
      ...kdc.env,
      KRB5CCNAME: kdc.ticketCache,
    });
    // The CLI's own Negotiate needs the optional kerberos module; without it the lab CA file stands in.
    const bundle = exported.code === 0 ? path.join(out, 'ca-bundle.pem') : await lab.writePem('relay-krb-ca.pem', [inner.root.pem]);
    for (const [cache, reaches] of [
      [kdc.ticketCache, true],
      [kdc.emptyCache, false],
    ] as const) {
      const env = isolatedEnv(home, { ...kdc.env, KRB5CCNAME: cache });
      const relay = await startRelay('bash', linesFor(px.start, 'bash')[0]!, { cwd: home, env, port });
      try {
        if (reaches) {
          await assertReachesThrough('bash', linesFor(a.session, 'bash'), home, bundle, ['curl', 'pip']);
          assert.match(await squid.accessLogMatching(/alice@LAB\.TEST/), /alice@LAB\.TEST/);
        } else {
          const run = await runShell('bash', [...linesFor(a.session, 'bash'), TOOLS.curl(bundle)].join('\n'), { cwd: home, env });
          assert.doesNotMatch(run.out, REACHED.curl, run.out);
        }
      } finally {
        await relay.stop();
      }
    }
  });

  it('verify straight at the Negotiate proxy with the ticket: curl signs in with it and passes; the others are proxy-auth with the relay advice', async () => {
    const dir = await mkdtemp(path.join(work, 'verify-krb-'));
    const env = { ...kdc.env, KRB5CCNAME: kdc.ticketCache, PATH: advicePath(), HOME: dir, RUSTUP_HOME };
    const common = labProbeArgs(lab, squid.url, store, lab.hosts.slice(0, 1));
    // The engine's own Negotiate (the kerberos module, GSS-API) reads the process environment itself.
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, { ...kdc.env, KRB5CCNAME: kdc.ticketCache });
    try {
      const exported = await cli(['export', '--out', dir, ...common], env);
      assert.equal(exported.code, 0, exported.stderr + exported.stdout);
      const run = await cli(['verify', '--json', '--dir', dir, ...common, '--timeout', '20000'], env);
      const report = run.json();
      const byName = Object.fromEntries(report.tools.map((t: { name: string; result: string }) => [t.name, t]));
      assert.equal(byName.curl?.result, 'pass', JSON.stringify(byName.curl));
      const others = report.tools.filter(
        (t: { name: string; result: string }) => t.name !== 'curl' && t.result !== 'not-found' && t.result !== 'skipped',
      );
      assert.ok(others.length > 0);
      for (const tool of others) {
        // git speaks Negotiate too (GIT_HTTP_PROXY_AUTHMETHOD=gssnegotiate) where its libcurl has GSS-API.
        if (tool.name === 'git' && tool.result === 'pass') continue;
        assert.equal(tool.result, 'proxy-auth', `${tool.name}: ${tool.result} ${tool.error}`);
        assert.deepEqual(tool.proxyAuth?.offered, ['Negotiate']);
      }
      assert.equal(run.code, 1);
      assert.equal(report.cause, 'proxy-auth');
      assert.deepEqual(
        report.proxyAdvice.map((a: ProxyRelayAdvice) => a.relays.map((r) => r.relay)),
        [['px']],
      );
      assert.match(await squid.accessLogMatching(/alice@LAB\.TEST/), /alice@LAB\.TEST/);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
