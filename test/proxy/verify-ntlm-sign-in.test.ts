/**
 * verify behind a proxy that offers only NTLM, with the user's credentials, every byte the tools send
 * recorded in front of it. The credential policy: no tool ever sends `Proxy-Authorization: Basic` (the
 * password in clear) to it; curl and git sign in with their own NTLM and pass; every other installed
 * tool is `proxy-auth` — not `fail` — with the relay advice as the next step, and verify exits 1.
 * The proxy checks the NTLMv2 response against the password, so a pass is a real sign-in.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { advicePath, installedTools, RUSTUP_HOME, VERIFY_TOOL_NAMES } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { startLab, type Lab } from '../lab/lab.js';
import { startNtlmPasswordProxy, type NtlmPasswordProxy } from '../lab/ntlm-password-proxy.js';
import type { LabProxy } from '../lab/proxy.js';
import { startRecordingRelay, type RecordingRelay } from '../lab/recording-relay.js';

const USER = 'alice';
const PASSWORD = 'ntlm-Only-s3cret';
const dir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-verify-ntlm-'));
let lab: Lab;
let inspecting: LabProxy;
let ntlm: NtlmPasswordProxy;
let recorder: RecordingRelay;
let store: string;

before(async () => {
  lab = await startLab({ sites: [{ host: 'www.google.com', family: 'gts', leafAlg: 'ecdsa' }] });
  inspecting = await lab.startProxy();
  ntlm = await startNtlmPasswordProxy({ parentPort: inspecting.port, user: USER, password: PASSWORD });
  recorder = await startRecordingRelay(ntlm.port);
  writeFileSync(path.join(dir, 'corporate-ca.pem'), inspecting.root.pem);
  writeFileSync(path.join(dir, 'corporate-ca.crt'), new X509Certificate(inspecting.root.pem).raw);
  writeFileSync(
    path.join(dir, 'ca-bundle.pem'),
    Object.values(lab.families)
      .map((f) => f.root.pem)
      .join('') + inspecting.root.pem,
  );
  store = await lab.writePem('ntlm-verify-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), inspecting.root.pem]);
});
after(async () => {
  await recorder?.close();
  await ntlm?.close();
  await inspecting?.close();
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

const OWN_NTLM = ['curl', 'git'];
const TOOLS = installedTools(VERIFY_TOOL_NAMES, console.log);

async function verify(lang: 'json' | 'text') {
  return cli(
    [
      'verify',
      '--dir',
      dir,
      '--targets',
      'www.google.com',
      '--proxy',
      recorder.url,
      '--proxy-user',
      USER,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      store,
      '--timeout',
      '20000',
      ...(lang === 'json' ? ['--json'] : []),
    ],
    { PATH: advicePath(), HOME: dir, RUSTUP_HOME, CA_BRIDGE_PROXY_PASSWORD: PASSWORD },
  );
}

describe('verify through a proxy that offers only NTLM', () => {
  it('no tool sends Basic; curl and git sign in with NTLM and pass; the others are proxy-auth with the relay advice; exit 1', async () => {
    const recorded = recorder.mark();
    const run = await verify('json');
    const sent = recorded.sent();
    const authorizations = recorded.proxyAuthorizations();
    assert.deepEqual(
      authorizations.filter((a) => !/^NTLM /i.test(a)),
      [],
      'only NTLM reached the proxy',
    );
    assert.ok(!sent.includes(Buffer.from(`${USER}:${PASSWORD}`).toString('base64')), 'no Basic token anywhere in the stream');
    assert.ok(!sent.includes(PASSWORD), 'no password anywhere in the stream');
    assert.equal(run.code, 1, run.stderr);
    const report = run.json();
    const byName = Object.fromEntries(report.tools.map((t: { name: string }) => [t.name, t]));
    for (const name of TOOLS) {
      const tool = byName[name];
      if (OWN_NTLM.includes(name)) assert.equal(tool.result, 'pass', `${name}: ${tool.error}`);
      else {
        assert.equal(tool.result, 'proxy-auth', `${name}: ${tool.result} ${tool.error}`);
        assert.deepEqual(tool.proxyAuth, {
          proxy: recorder.url.replace('http://', 'http://'),
          hostPort: `127.0.0.1:${recorder.port}`,
          offered: ['NTLM'],
          held: false,
        });
        assert.match(tool.error, /^the CA is fine; this tool cannot sign in to the proxy .*px or cntlm/);
      }
    }
    assert.ok(
      ntlm.logins.some((l) => l.ok),
      'a real NTLMv2 sign-in was checked by the proxy',
    );
    assert.equal(report.cause, 'proxy-auth');
    assert.ok(report.proxyAdvice.length > 0, 'the relay advice comes with it');
  });

  it('the CLI text shows PROXY-AUTH, says the CA is fine, and gives the relay (px, cntlm) as the next step', async () => {
    const run = await verify('text');
    assert.equal(run.code, 1);
    assert.match(run.stdout, /PROXY-AUTH\s+the CA is fine; this tool cannot sign in to the proxy/);
    assert.match(
      run.stdout,
      /The CA is fine; the tools marked PROXY-AUTH cannot sign in to the proxy\. Next step: run them through a local relay \(px or cntlm/,
    );
    assert.match(run.stdout, /\bpx\b/);
    assert.ok(!run.stdout.includes(PASSWORD));
  });
});
