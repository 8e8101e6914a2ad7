/**
 * The hostile-environment lane: the suites that exercise the engine's own verified TLS (HTTPS proxies
 * inside detect, check and verify's route, the NTLM sign-in inside an HTTPS proxy, check's trust
 * verdicts) rerun in one child with the switches a user's shell may carry set for the whole process:
 * NODE_TLS_REJECT_UNAUTHORIZED=0 (Node's default verification off), and NODE_EXTRA_CA_CERTS and
 * SSL_CERT_FILE naming a hostile CA. The lab's HTTPS proxies are then issued by that very CA
 * (CA_BRIDGE_LAB_HOSTILE_CA, read by test/lab/tls-proxy.ts), so the environment "trusts" every proxy
 * the suites expect to be refused: those tests pass only because the engine verifies explicitly,
 * against the stores it was given. The pac+https:// download has its own test with these variables
 * (test/hostile/tls-env-switches.test.ts). The control first shows the variables in effect: Node's
 * default client in the child accepts a server nobody trusts.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import tls from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { issue } from '../lab/pki.js';
import { closeServer, listen } from '../lab/servers.js';

const root = new URL('../../', import.meta.url).pathname;
/** Chosen for the engine's verified connections they reach, and for their cost (about a minute together). */
const SUITES = ['test/proxy/socks-https-proxy.test.ts', 'test/proxy/https-proxy-ntlm.test.ts', 'test/diagnose/check.test.ts'];

let dir: string;
let env: NodeJS.ProcessEnv;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-tls-env-lane-'));
  const hostile = await issue({ subject: 'CN=Hostile Environment CA', alg: 'ecdsa', ca: true });
  const certFile = path.join(dir, 'hostile-ca.pem');
  const withKey = path.join(dir, 'hostile-ca-and-key.pem');
  await writeFile(certFile, hostile.pem);
  await writeFile(withKey, hostile.pem + hostile.keyPem);
  env = {
    ...process.env,
    NODE_TLS_REJECT_UNAUTHORIZED: '0',
    NODE_EXTRA_CA_CERTS: certFile,
    SSL_CERT_FILE: certFile,
    CA_BRIDGE_LAB_HOSTILE_CA: withKey,
  };
  // Set by the runner of this file: a nested runner would then report to it in its own format, not TAP.
  delete env.NODE_TEST_CONTEXT;
});
after(() => rm(dir, { recursive: true, force: true }));

describe('engine TLS under NODE_TLS_REJECT_UNAUTHORIZED=0, NODE_EXTRA_CA_CERTS and SSL_CERT_FILE', () => {
  it('control: in that environment, Node’s default client accepts a server no one trusts', async () => {
    const stranger = await issue({ subject: 'CN=127.0.0.1', hosts: ['127.0.0.1'], alg: 'ecdsa' });
    const server = tls.createServer({ cert: stranger.pem, key: stranger.keyPem }, (socket) => socket.end('hello\n'));
    server.on('tlsClientError', () => {});
    const port = await listen(server);
    try {
      const script = `require('tls').connect(${port}, '127.0.0.1', function () { this.on('data', (d) => process.stdout.write(d)); })`;
      const out = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['-e', script], { env, timeout: 60_000 }, (error, stdout, stderr) =>
          error ? reject(new Error(stderr || error.message)) : resolve(stdout),
        ),
      );
      assert.equal(out, 'hello\n');
    } finally {
      await closeServer(server);
    }
  });

  it(`the suites pass: ${SUITES.join(', ')}`, { timeout: 15 * 60_000 }, async () => {
    const args = ['--import', 'tsx', '--test', '--test-reporter=tap', ...SUITES];
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-20_000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const counts = Object.fromEntries([...out.matchAll(/^# (tests|pass|fail) (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
    const failures = [...out.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1]!);
    assert.deepEqual(failures, [], `failed in the hostile environment:\n${failures.join('\n')}\n${err.slice(-3000)}`);
    assert.equal(code, 0, err.slice(-3000));
    assert.equal(counts.fail, 0);
    assert.ok((counts.pass ?? 0) >= 20, `only ${counts.pass} tests ran: ${JSON.stringify(counts)}`);
  });
});
