/**
 * A proxy password must never reach any output or file, whatever characters it holds. Every
 * character that is special in a URL, and non-ASCII text, in both the user and the password;
 * percent-encoded in the proxy URL, as users must write them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startUiServer, type UiServer } from '../../electron/cli/ui-server.js';
import { cli } from '../helpers/cli.js';
import { startLab, type Lab } from '../lab/lab.js';
import type { LabProxy } from '../lab/proxy.js';
import { callOperation, uiSessionToken } from '../helpers/ui-session.js';
import { allFiles, assertNoSecret as assertNoCredential, secretForms as credentialForms } from '../helpers/credential-grep.js';

const USER = 'CORP\\jürgen/ops@x:y#z%';
const PASSWORD = 'pa/ss@w%rd:#ñパス%41';

/** Every form the password could leak in: raw, percent-encoded two ways, inside Basic tokens, and two fragments. */
const secretForms = () => credentialForms(USER, PASSWORD, ['w%rd', 'パス']);
const assertNoSecret = (where: string, text: string) => assertNoCredential(where, text, secretForms());

let lab: Lab;
let proxy: LabProxy;
let home: string;
let proxyUrl: string;
let store: string;

before(async () => {
  lab = await startLab();
  proxy = await lab.startProxy({ auth: { user: USER, password: PASSWORD } });
  home = await mkdtemp(path.join(tmpdir(), 'ca-bridge-cred-'));
  proxyUrl = proxy.url.replace('http://', `http://${encodeURIComponent(USER)}:${encodeURIComponent(PASSWORD)}@`);
  store = await lab.writePem('cred-store.pem', [...Object.values(lab.families).map((f) => f.root.pem), proxy.root.pem]);
});
after(async () => {
  await proxy.close();
  await lab.close();
  await rm(home, { recursive: true, force: true });
});

const env = () => ({ HOME: home, XDG_CACHE_HOME: path.join(home, 'cache') });
const probeFlags = () => ['--targets', lab.hosts.slice(0, 3).join(','), '--public-roots', lab.publicRootsFile, '--trust-store', store];

describe('proxy credentials with / @ % : # and non-ASCII never leak', () => {
  it('detect (text and --json) authenticates, and prints no form of the password', async () => {
    for (const json of [false, true]) {
      const run = await cli(['detect', ...(json ? ['--json'] : []), ...probeFlags(), '--proxy', proxyUrl], env());
      assert.equal(run.code, 0, run.stderr);
      if (json) assert.equal(run.json().verdict, 'inspected');
      else assert.match(run.stdout, /inspected/i);
      assertNoSecret(`detect ${json ? '--json' : 'text'} stdout`, run.stdout);
      assertNoSecret('detect stderr', run.stderr);
    }
    // The proxy really received the decoded credentials, so the test exercises a real login.
    assert.ok(proxy.seenAuthorizations.includes(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`));
  });

  it('export writes no form of the password into any file, nor into the detection cache', async () => {
    const out = path.join(home, 'export');
    const run = await cli(['export', '--out', out, '--json', ...probeFlags(), '--proxy', proxyUrl], env());
    assert.equal(run.code, 0, run.stderr);
    assertNoSecret('export stdout', run.stdout);
    assertNoSecret('export stderr', run.stderr);
    const files = await allFiles(home);
    assert.ok(
      files.some((f) => f.file.endsWith('last-detection.json')),
      'the detection cache was written',
    );
    assert.ok(
      files.some((f) => f.file.startsWith(out)),
      'export wrote files',
    );
    for (const { file, text } of files) assertNoSecret(file, text);
  });

  it('--proxy-user with CA_BRIDGE_PROXY_PASSWORD: authenticates, prints nothing of the password; without it, a usage error', async () => {
    const run = await cli(['detect', '--json', ...probeFlags(), '--proxy', proxy.url, '--proxy-user', USER], {
      ...env(),
      CA_BRIDGE_PROXY_PASSWORD: PASSWORD,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.json().verdict, 'inspected');
    assertNoSecret('--proxy-user stdout', run.stdout + run.stderr);
    const missing = await cli(['detect', ...probeFlags(), '--proxy', proxy.url, '--proxy-user', USER], env());
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--proxy-user: set the password in CA_BRIDGE_PROXY_PASSWORD/);
  });

  it('a "%" that is not percent-encoding: usage error naming --proxy, never "URI malformed", no password', async () => {
    const bad = proxy.url.replace('http://', 'http://user:50%zz-secret@');
    const run = await cli(['detect', ...probeFlags(), '--proxy', bad], env());
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--proxy/);
    assert.match(run.stderr, /%25/);
    assert.doesNotMatch(run.stdout + run.stderr, /URI malformed|50%zz|secret/);
  });

  it('unencoded / # ? in a password: usage error that repeats nothing of it', async () => {
    for (const raw of ['s3/cret', 's3#cret', '12#cret', '12?cret']) {
      const run = await cli(['detect', ...probeFlags(), '--proxy', proxy.url.replace('http://', `http://user:${raw}@`)], env());
      assert.equal(run.code, 2, raw);
      assert.match(run.stderr, /--proxy/);
      assert.doesNotMatch(run.stdout + run.stderr, /cret/, raw);
    }
  });

  it('the same proxy from HTTPS_PROXY: the error for a bad one shows no password either', async () => {
    const run = await cli(['detect', '--json', ...probeFlags()], { ...env(), HTTPS_PROXY: 'http://user:pa%zzss@127.0.0.1:9' });
    assertNoSecret('env stdout', run.stdout);
    assert.doesNotMatch(run.stdout + run.stderr, /pa%zzss|URI malformed/);
    assert.match(run.stdout, /from the environment/);
  });
});

describe('browser mode: no response carries the password', () => {
  let server: UiServer;
  let token: string;
  before(async () => {
    server = await startUiServer({
      port: 0,
      staticDir: new URL('../../renderer/dist', import.meta.url).pathname,
      service: { env: env(), platform: 'linux', locale: 'en-US' },
    });
    token = await uiSessionToken(server);
  });
  after(() => server.close());

  const post = (name: string, body: unknown) => callOperation(server, token, name, body);

  it('detect, check, and a malformed proxy: every answer is free of the password', async () => {
    const input = {
      targets: lab.hosts.slice(0, 3).join(','),
      proxy: proxyUrl,
      publicRootsFile: lab.publicRootsFile,
      trustStorePath: store,
    };
    const detected = await post('detect', input);
    assert.equal(JSON.parse(detected).ok, true, detected);
    assert.equal(JSON.parse(detected).value.verdict, 'inspected');
    assertNoSecret('/api/detect', detected);
    const checked = await post('check', {
      host: lab.hosts[0],
      proxy: proxyUrl,
      publicRootsFile: lab.publicRootsFile,
      trustStorePath: store,
    });
    assertNoSecret('/api/check', checked);
    // The page's own fields: user and password apart from the URL.
    const fields = await post('detect', { ...input, proxy: proxy.url, proxyUser: USER, proxyPassword: PASSWORD });
    assert.equal(JSON.parse(fields).value.verdict, 'inspected', fields);
    assertNoSecret('/api/detect with proxyUser/proxyPassword', fields);
    const bad = await post('detect', { ...input, proxy: 'http://user:50%zz-secret@127.0.0.1:9' });
    assert.equal(JSON.parse(bad).ok, false, bad);
    assert.doesNotMatch(bad, /URI malformed|50%zz|secret/);
    for (const { file, text } of await allFiles(home)) assertNoSecret(file, text);
  });
});
