import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KNOWN_ERRORS } from '../../shared/error-catalog.js';
import { explainErrors } from '../../shared/explain.js';
import { NODE_SCRIPT, PYTHON_URLLIB_SCRIPT } from '../../electron/core/verify/tool-scripts.js';
import { startLab, type Lab } from '../lab/lab.js';
import { mitmproxyMissing, startMitmproxy, type Mitmproxy } from '../lab/mitmproxy.js';
import { startOrigin, type Origin } from '../lab/origin.js';
import { issue } from '../lab/pki.js';
import type { LabProxy } from '../lab/proxy.js';
import { cli } from '../helpers/cli.js';

let lab: Lab;
const proxies: Record<string, LabProxy> = {};
let mitm: Mitmproxy | null = null;
const origins: Record<string, Origin> = {};

/** Runs a real tool and returns everything it printed (asynchronously: the lab lives in this process). */
const output = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<string>((resolve) => {
    const child = execFile(
      command,
      args,
      { env: { PATH: process.env.PATH, HOME: lab.dir, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve(`${stdout}\n${stderr}\n${error && !('code' in error && typeof error.code === 'number') ? error.message : ''}`);
      },
    );
    child.stdin?.on('error', () => undefined); // a tool that exits at once closes its input first
    child.stdin?.end();
  });
const ids = (text: string) => explainErrors(text).map((m) => m.id);
const url = 'https://github.com/';
const has = (command: string) =>
  new Promise<boolean>((resolve) => execFile(command, ['--version'], (e) => resolve(!e || (e as NodeJS.ErrnoException).code !== 'ENOENT')));

before(async () => {
  lab = await startLab();
  for (const shape of ['leaf', 'leaf+intermediate', 'leaf+root'] as const) proxies[shape] = await lab.startProxy({ shape });
  const gts = lab.families.gts!;
  const expired = await issue({
    subject: 'CN=expired.example',
    hosts: ['expired.example'],
    issuer: gts.intermediate,
    notBefore: new Date('2020-01-01'),
    notAfter: new Date('2021-01-01'),
  });
  const selfSigned = await issue({ subject: 'CN=self.example', hosts: ['self.example'] });
  const other = await issue({ subject: 'CN=other.example', hosts: ['other.example'], issuer: gts.intermediate });
  origins.expired = await startOrigin({
    host: 'expired.example',
    certChainPem: expired.pem + gts.intermediate.pem,
    keyPem: expired.keyPem,
  });
  origins.self = await startOrigin({ host: 'self.example', certChainPem: selfSigned.pem, keyPem: selfSigned.keyPem });
  origins.wrong = await startOrigin({ host: 'wrong.example', certChainPem: other.pem + gts.intermediate.pem, keyPem: other.keyPem });
});
after(async () => {
  await mitm?.close();
  await Promise.all(Object.values(origins).map((o) => o.close()));
  await lab.close();
});

describe('explain: error text produced by the real tools', () => {
  it('node through an inspecting proxy: each chain shape gives its own code, each recognised', async () => {
    const expected = {
      leaf: 'node-unable-to-verify-leaf',
      'leaf+intermediate': 'node-unable-to-get-issuer',
      'leaf+root': 'node-self-signed-in-chain',
    };
    for (const [shape, id] of Object.entries(expected)) {
      const text = await output('node', ['-e', NODE_SCRIPT, url], { CA_BRIDGE_PROXY: proxies[shape]!.url });
      assert.deepEqual(ids(text), [id], text);
    }
  });
  it('node directly: expired, wrong name, self-signed', async () => {
    const trustLab = { NODE_EXTRA_CA_CERTS: lab.publicRootsFile };
    const dial = (o: Origin) => ({ ...trustLab, CA_BRIDGE_DIAL: `127.0.0.1:${o.port}` });
    assert.deepEqual(ids(await output('node', ['-e', NODE_SCRIPT, 'https://expired.example/'], dial(origins.expired!))), [
      'node-cert-expired',
    ]);
    assert.deepEqual(ids(await output('node', ['-e', NODE_SCRIPT, 'https://wrong.example/'], dial(origins.wrong!))), ['node-altname']);
    assert.deepEqual(ids(await output('node', ['-e', NODE_SCRIPT, 'https://self.example/'], dial(origins.self!))), ['node-depth-zero']);
  });
  it('curl, in its own wording', async () => {
    const text = await output('curl', ['-sS', '-o', '/dev/null', url], { https_proxy: proxies['leaf+intermediate']!.url });
    assert.match(text, /curl: \(60\)/);
    assert.deepEqual(ids(text), ['curl-60']);
  });
  it('openssl s_client verify errors', async () => {
    const text = await output('openssl', [
      's_client',
      '-connect',
      'github.com:443',
      '-proxy',
      proxies['leaf+intermediate']!.url.replace('http://', ''),
      '-servername',
      'github.com',
      '-verify_return_error',
    ]);
    assert.ok(
      ids(text).some((id) => id.startsWith('openssl-')),
      text,
    );
    const selfText = await output('openssl', [
      's_client',
      '-connect',
      `127.0.0.1:${origins.self!.port}`,
      '-servername',
      'self.example',
      '-verify_return_error',
    ]);
    assert.ok(ids(selfText).includes('openssl-self-signed'), selfText);
  });
  it('python3 urllib', async () => {
    const text = await output('python3', ['-c', PYTHON_URLLIB_SCRIPT, url, '5'], { https_proxy: proxies['leaf+intermediate']!.url });
    assert.deepEqual(ids(text), ['python-local-issuer'], text);
  });
  it('git', async () => {
    const text = await output('git', ['ls-remote', url], { https_proxy: proxies['leaf+intermediate']!.url, GIT_TERMINAL_PROMPT: '0' });
    assert.deepEqual(ids(text), ['git-ssl'], text);
  });
  it('wget', async (t) => {
    if (!(await has('wget'))) return t.skip('wget is not installed');
    const text = await output('wget', ['-O', '/dev/null', url], { https_proxy: proxies['leaf+intermediate']!.url });
    assert.deepEqual(ids(text), ['wget-verify'], text);
  });
  it('java (HttpsURLConnection through the proxy)', async (t) => {
    if (!(await has('java'))) return t.skip('java is not installed');
    const dir = path.join(lab.dir, 'java');
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, 'Fetch.java'),
      'public class Fetch { public static void main(String[] a) throws Exception { new java.net.URL(a[0]).openConnection().getInputStream(); } }\n',
    );
    const port = new URL(proxies['leaf+intermediate']!.url).port;
    const text = await output('java', [`-Dhttps.proxyHost=127.0.0.1`, `-Dhttps.proxyPort=${port}`, path.join(dir, 'Fetch.java'), url]);
    assert.deepEqual(ids(text), ['java-pkix'], text);
  });
  it('real mitmproxy: curl and node', { skip: mitmproxyMissing() ?? false }, async () => {
    mitm = await startMitmproxy();
    assert.deepEqual(ids(await output('curl', ['-sS', '-o', '/dev/null', url], { https_proxy: mitm.url })), ['curl-60']);
    assert.deepEqual(ids(await output('node', ['-e', NODE_SCRIPT, url], { CA_BRIDGE_PROXY: mitm.url })), ['node-unable-to-verify-leaf']);
  });
});

describe('explain: recorded samples of tools that cannot run here', () => {
  const samples: [string, string, string[]][] = [
    [
      'go',
      'Get "https://proxy.golang.org/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      ['go-unknown-authority'],
    ],
    ['go name', 'x509: certificate is valid for *.example.org, example.org, not api.example.com', ['go-hostname']],
    [
      'docker',
      'Error response from daemon: Get "https://registry-1.docker.io/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
      ['docker-x509'],
    ],
    [
      'dotnet',
      'error NU1301: Unable to load the service index for source https://api.nuget.org/v3/index.json.\n  The SSL connection could not be established, see inner exception.\n  The remote certificate is invalid because of errors in the certificate chain: UntrustedRoot',
      ['dotnet-remote-invalid'],
    ],
    [
      'ruby',
      'Gem::RemoteFetcher::FetchError: SSL_connect returned=1 errno=0 peeraddr=1.2.3.4:443 state=error: certificate verify failed (unable to get local issuer certificate) (https://rubygems.org/specs.4.8.gz)',
      ['ruby-verify'],
    ],
    [
      'aws',
      'SSL validation failed for https://sts.amazonaws.com/ [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)',
      ['aws-ssl-validation'],
    ],
    [
      'python 3.13 bc',
      "requests.exceptions.SSLError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Basic Constraints of CA cert not marked critical (_ssl.c:1028)')))",
      ['python-basic-constraints'],
    ],
    [
      'python 3.13 ski',
      '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Missing Subject Key Identifier (_ssl.c:1028)',
      ['python-missing-ski'],
    ],
    [
      'pip',
      "WARNING: Retrying ... Could not fetch URL https://pypi.org/simple/pip/: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/pip/ (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain (_ssl.c:1006)')))",
      ['pip-ssl'],
    ],
    [
      'wget (OpenSSL build)',
      "ERROR: cannot verify github.com's certificate, issued by 'CN=Zscaler Intermediate Root CA':\n  Unable to locally verify the issuer's authority.",
      ['wget-verify'],
    ],
    ['old curl 60', 'curl: (60) Peer certificate cannot be authenticated with given CA certificates', ['curl-60']],
    ['curl 60 new wording', 'curl: (60) SSL peer certificate or SSH remote key was not OK', ['curl-60']],
    ['old curl 51', "curl: (51) SSL: no alternative certificate subject name matches target host name 'api.example.com'", ['curl-51']],
    ['curl 35', 'curl: (35) OpenSSL/3.0.13: error:0A000410:SSL routines::sslv3 alert handshake failure', ['curl-35']],
    ['openssl 21', 'depth=0 CN = example.com\nverify error:num=21:unable to verify the first certificate', ['openssl-first-cert']],
    [
      'node message only',
      'Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure (node:_tls_wrap:1677:34)',
      ['node-unable-to-verify-leaf'],
    ],
    [
      'git gnutls',
      "fatal: unable to access 'https://gitlab.corp/x.git/': server certificate verification failed. CAfile: /etc/ssl/certs/ca-certificates.crt CRLfile: none",
      ['git-ssl'],
    ],
    ['browser', 'Your connection is not private\nNET::ERR_CERT_AUTHORITY_INVALID', ['browser-authority-invalid']],
    ['browser date', 'NET::ERR_CERT_DATE_INVALID', ['browser-date-invalid']],
    ['browser other', 'NET::ERR_CERT_REVOKED', ['browser-cert-other']],
    // Captured from Debian's wget 1.21 through the lab proxy, in C.UTF-8 and in ja_JP.UTF-8.
    ['wget UTF-8 quotes', 'ERROR: The certificate of ‘www.google.com’ is not trusted.', ['wget-verify']],
    ['wget ja_JP', "エラー: `www.google.com' の証明書の発行者が不明です。", ['wget-verify']],
    ['rustls from an unknown tool', 'error: invalid peer certificate: UnknownIssuer', ['rustls-unknown-issuer']],
    [
      'Deno',
      'error sending request for url (https://deno.land/x): client error (Connect): invalid peer certificate: UnknownIssuer',
      ['deno-unknown-issuer'],
    ],
    ['uv', 'Caused by: invalid peer certificate: UnknownIssuer', ['uv-unknown-issuer']],
    [
      'pnpm',
      ' ERR_PNPM_META_FETCH_FAIL  GET https://registry.npmjs.org/x: request to https://registry.npmjs.org/x failed, reason: self-signed certificate in certificate chain',
      ['pnpm-cert'],
    ],
    [
      'PHP',
      'PHP Warning:  file_get_contents(): SSL operation failed with code 1. OpenSSL Error messages:\nerror:0A000086:SSL routines::certificate verify failed',
      ['php-openssl'],
    ],
    [
      'schannel',
      'curl: (60) schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.',
      ['curl-60', 'schannel-untrusted-root'],
    ],
    [
      'schannel revocation',
      'schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - The revocation function was unable to check revocation for the certificate.',
      ['schannel-revocation'],
    ],
    ['schannel revocation by name', 'CRYPT_E_NO_REVOCATION_CHECK (0x80092012)', ['schannel-revocation']],
    [
      'cargo [60]',
      '  [60] SSL peer certificate or SSH remote key was not OK (SSL certificate problem: unable to get local issuer certificate)',
      ['cargo-60'],
    ],
  ];
  for (const [label, text, expected] of samples) it(label, () => assert.deepEqual(ids(text), expected));

  it('recognises errors inside a whole log and stack trace, in order of appearance', () => {
    const log = [
      'npm verb fetch GET https://registry.npmjs.org/react',
      'npm ERR! code SELF_SIGNED_CERT_IN_CHAIN',
      'npm ERR! errno SELF_SIGNED_CERT_IN_CHAIN',
      '    at TLSSocket.onConnectSecure (node:_tls_wrap:1674:34)',
      'Caused by: sun.security.validator.ValidatorException: PKIX path building failed',
    ].join('\n');
    assert.deepEqual(ids(log), ['npm-cert', 'java-pkix']);
  });
  it('unrelated text gives no match', () => {
    for (const text of [
      '',
      'npm ERR! code E404 Not Found',
      'Connection refused',
      'The certificate of appreciation was signed by the CEO',
      'SSL_CERT_FILE is set',
    ])
      assert.deepEqual(ids(text), [], text);
  });
  it('Japanese explanations exist for every entry of the catalogue', () => {
    const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
    for (const entry of KNOWN_ERRORS)
      // fix and fixNote are optional now: most fixes are rendered from the catalogue row (shared/guidance/row-fix.ts).
      for (const field of ['title', 'cause', 'fix', 'fixNote'] as const) {
        const text = entry[field];
        if (!text) continue;
        assert.match(text.ja, japanese, `${entry.id}.${field}.ja is not Japanese`);
        assert.notEqual(text.ja, text.en, `${entry.id}.${field}`);
      }
    const m = explainErrors('curl: (60) SSL certificate problem: unable to get local issuer certificate', 'ja');
    assert.match(m[0]!.cause, /インスペクション/);
  });
});

describe('ca-bridge explain', () => {
  it('reads standard input, relates to the last detection, exit 0', async () => {
    const home = path.join(lab.dir, 'explain-home');
    const store = await lab.writePem('explain-store.pem', [proxies.leaf!.root.pem]);
    await cli(
      [
        'detect',
        '--targets',
        lab.hosts.join(','),
        '--proxy',
        proxies.leaf!.url,
        '--public-roots',
        lab.publicRootsFile,
        '--trust-store',
        store,
      ],
      { HOME: home },
    );
    const run = await cli(['explain', '--json'], { HOME: home }, 'npm ERR! code UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    assert.equal(run.code, 0);
    const match = run.json().matches[0];
    assert.equal(match.id, 'npm-cert');
    assert.match(match.fix, /ca-bundle\.pem/);
    assert.match(match.onThisMachine, /This network inspects TLS.*Lab Inspection Root CA/);
    for (const key of ['id', 'tool', 'title', 'cause', 'fix']) assert.ok(match[key]);
  });
  it('--detection FILE takes a saved detect --json report', async () => {
    const report = await cli([
      'detect',
      '--json',
      '--targets',
      lab.hosts.slice(0, 2).join(','),
      '--proxy',
      'direct',
      ...lab.connectToArgs,
      '--public-roots',
      lab.publicRootsFile,
      '--trust-store',
      lab.publicRootsFile,
    ]);
    const file = await lab.writePem('report.json', [report.stdout]);
    const run = await cli(['explain', '--detection', file, 'curl: (60) SSL certificate problem: unable to get local issuer certificate']);
    assert.match(run.stdout, /Here: The last detection .* found no inspection/);
  });
  it('nothing recognised: says so, exit 0; no input: exit 2', async () => {
    const none = await cli(['explain', 'all good here']);
    assert.equal(none.code, 0);
    assert.match(none.stdout, /No known certificate error found/);
    assert.equal((await cli(['explain'], {}, undefined)).code, 2);
  });
});
