import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-usage-'));
  await writeFile(path.join(dir, 'garbage.pem'), 'this is not a certificate\n');
  await writeFile(path.join(dir, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  await writeFile(path.join(dir, 'unreadable.pem'), 'x');
  await chmod(path.join(dir, 'unreadable.pem'), 0o000);
});
after(() => rm(dir, { recursive: true, force: true }));

const usage = async (args: string[], pattern: RegExp) => {
  const run = await cli(args);
  assert.equal(run.code, 2, `exit status for ${args.join(' ')}: ${run.stderr}`);
  assert.match(run.stderr, pattern);
  assert.equal(run.stdout, '');
};

describe('bad usage exits 2 with a message naming the culprit', () => {
  it('unknown command and unknown flag', async () => {
    await usage(['frobnicate'], /unknown command "frobnicate"/);
    await usage(['detect', '--frobnicate'], /unknown option --frobnicate/);
    await usage(['detect', 'stray'], /unexpected argument: stray/);
    await usage(['detect', '--targets'], /--targets needs a value/);
  });
  it('malformed --targets', async () => {
    await usage(['detect', '--targets', ''], /--targets: the target list is empty/);
    await usage(['detect', '--targets', 'good.example,bad host'], /"bad host" is not a valid host name/);
    await usage(['detect', '--targets', 'a.example:99999'], /port must be a number from 1 to 65535/);
  });
  it('fields filled from a flag pair or a variable are named as the user gives them', async () => {
    // Every input field has its flag (the table is typed against the contract); these once fell back to
    // the field's own name ("proxyUser: …"), which the user never typed.
    const user = await cli(['detect', '--proxy-user', 'u'.repeat(300), '--targets', 'a.example'], { CA_BRIDGE_PROXY_PASSWORD: 'pw' });
    assert.equal(user.code, 2, user.stderr);
    assert.match(user.stderr, /^ca-bridge detect: --proxy-user: .*256/);
    const secret = 'p'.repeat(1100);
    const password = await cli(['detect', '--proxy-user', 'alice', '--targets', 'a.example'], { CA_BRIDGE_PROXY_PASSWORD: secret });
    assert.equal(password.code, 2, password.stderr);
    assert.match(password.stderr, /^ca-bridge detect: CA_BRIDGE_PROXY_PASSWORD: .*1024/);
    assert.ok(!password.stderr.includes('pppp'), 'the password itself is never shown');
  });
  it('malformed --connect-to', async () => {
    await usage(['detect', '--connect-to', 'a.example:443:127.0.0.1'], /--connect-to "a.example:443:127.0.0.1": needs exactly four/);
    await usage(['detect', '--connect-to', 'a.example:443:127.0.0.1:http'], /"http" is not a port/);
    await usage(['detect', '--connect-to', 'a.example:x:127.0.0.1:443'], /"x" is not a port/);
  });
  it('malformed --proxy, credentials never echoed', async () => {
    await usage(['detect', '--proxy', 'ftp://127.0.0.1:1080'], /scheme "ftp" is not supported/);
    await usage(['detect', '--proxy', 'socks4://bob:hunter2@127.0.0.1:1080'], /SOCKS 4 has no password authentication/);
    await usage(['detect', '--proxy', 'http://bob:hunter2@[bad'], /--proxy: the proxy URL is not a valid URL/);
    const run = await cli(['detect', '--proxy', 'http://bob:hunter2@proxy.example:99999']);
    assert.equal(run.code, 2);
    assert.doesNotMatch(run.stderr, /hunter2/);
  });
  it('bad --timeout and --concurrency', async () => {
    await usage(['detect', '--timeout', 'soon'], /--timeout "soon" is not a whole number/);
    await usage(['detect', '--concurrency', '0'], /--concurrency must be between 1 and 64/);
  });
  it('unreadable or non-PEM --public-roots / --trust-store', async () => {
    const targets = ['--targets', 'nowhere.invalid'];
    await usage(['detect', ...targets, '--public-roots', path.join(dir, 'missing.pem')], /--public-roots .*missing\.pem: no such file/);
    await usage(
      ['detect', ...targets, '--public-roots', path.join(dir, 'garbage.pem')],
      /--public-roots .*garbage\.pem: no PEM or DER certificate found/,
    );
    await usage(
      ['detect', ...targets, '--trust-store', path.join(dir, 'broken.pem')],
      /--trust-store .*broken\.pem: 1 entry could not be parsed/,
    );
    await usage(['detect', ...targets, '--trust-store', dir], /--trust-store .*: /);
    if (process.getuid?.() !== 0) await usage(['detect', ...targets, '--trust-store', path.join(dir, 'unreadable.pem')], /cannot read/);
  });
  it('control characters from input never reach the terminal raw', async () => {
    const run = await cli(['\x1b]0;owned\x07\x1b[2Jfrob\r\u202eevil']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown command "\\u001b\]0;owned\\u0007\\u001b\[2Jfrob\\u000d\\u202eevil"/);
    assert.doesNotMatch(run.stderr, /[\x1b\x07\r\u202e]/);
  });
  it('help and version exit 0', async () => {
    const help = await cli(['detect', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--connect-to H:P:A:AP/);
    assert.match((await cli(['--version'])).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('the installed ca-bridge command', () => {
  it('npx ca-bridge runs the built CLI and returns exit statuses', async () => {
    const exec = promisify(execFile);
    const version = await exec('npx', ['--no-install', 'ca-bridge', '--version']);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    await assert.rejects(exec('npx', ['--no-install', 'ca-bridge', 'detect', '--nope']), (error: any) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /unknown option --nope/);
      return true;
    });
  });
});
