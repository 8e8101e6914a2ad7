import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { staticFileFor } from '../../electron/cli/ui-http.js';
import { getEvents } from '../helpers/ui-session.js';
import { startUiServer, type UiServer } from '../../electron/cli/ui-server.js';

const staticDir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-ui-static-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>CA Bridge</title><script src="app.js"></script>');
writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');

let server: UiServer;
let home = '';
before(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-ui-home-'));
  server = await startUiServer({ port: 0, staticDir, service: { env: { HOME: home }, platform: 'linux', locale: 'en-US' } });
});
after(() => server.close());

function request(pathname: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: pathname, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: data, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const codeOf = (url: string) => new URL(url).hash.replace(/^#code=/, '');
const exchange = (code: string) => request('/api/session', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ code }));

async function newSession(): Promise<string> {
  const res = await exchange(codeOf(server.oneTimeUrl()));
  assert.equal(res.status, 200, res.body);
  return JSON.parse(res.body).token as string;
}

describe("browser mode refuses what is not the user's own page", () => {
  it('listens on 127.0.0.1 only and prints a URL with a long one-time code in its fragment (never sent to a server)', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/#code=[A-Za-z0-9_-]{32}$/);
    assert.notEqual(codeOf(server.oneTimeUrl()), codeOf(server.url));
  });
  it('the one-time code gives one session, then stops working', async () => {
    const code = codeOf(server.url);
    const first = await exchange(code);
    assert.equal(first.status, 200);
    assert.match(JSON.parse(first.body).token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(first.headers['set-cookie'], undefined, 'no cookie: cookies for 127.0.0.1 reach every local port');
    const second = await exchange(code);
    assert.equal(second.status, 401);
    assert.equal(JSON.parse(second.body).error.code, 'expired-link');
    assert.equal((await exchange('x'.repeat(32))).status, 401);
    assert.equal((await request('/api/session', {}, 'GET')).status, 405);
  });
  it('no session, a wrong one, or the session in a cookie: the API and the progress stream refuse', async () => {
    const token = await newSession();
    assert.equal((await request('/api/getEnvironment', {}, 'POST', '{}')).status, 401);
    assert.equal((await request('/api/getEnvironment', { authorization: `Bearer ${'x'.repeat(43)}` }, 'POST', '{}')).status, 401);
    assert.equal((await request('/api/getEnvironment', { cookie: `ca_bridge_token=${token}` }, 'POST', '{}')).status, 401);
    assert.equal((await request('/api/getEnvironment', { 'x-ca-bridge-token': token }, 'POST', '{}')).status, 401);
    assert.equal((await request('/api/events')).status, 401);
    assert.equal((await request(`/api/events?token=${token}`)).status, 401);
  });
  it('the page itself is the public build: served without a session, with a strict CSP and no cookie', async () => {
    const page = await request('/');
    assert.equal(page.status, 200);
    assert.match(page.body, /CA Bridge/);
    assert.equal(page.headers['set-cookie'], undefined);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    assert.equal((await request('/app.js')).status, 200);
  });
  it('files outside the interface folder are never served, whatever the path looks like', async () => {
    // URL parsing removes plain and encoded ".." itself; "/.//etc/passwd" survives it as "//etc/passwd",
    // an absolute path once the leading "/" is cut: only the folder guard stands between it and the disk.
    for (const attempt of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/.//etc/passwd', '/.//proc/self/environ']) {
      const res = await request(attempt);
      assert.equal(res.status, 404, attempt);
      assert.doesNotMatch(res.body, /root:|PATH=/, attempt);
    }
  });
  it('the folder guard itself refuses a path that leaves the folder, which URL parsing would have cleaned', () => {
    // Called with raw paths: through HTTP, URL parsing removes ".." before the guard sees it, so only
    // this call shows the guard doing its work.
    const root = path.resolve('/srv/ca-bridge-ui');
    for (const attempt of ['/../../etc/passwd', '/..', '/assets/../../secret', '/./../ca-bridge-ui-other/x'])
      assert.equal(staticFileFor(root, attempt), null, attempt);
    assert.equal(staticFileFor(root, '/'), path.join(root, 'index.html'));
    assert.equal(staticFileFor(root, '/assets/app.js'), path.join(root, 'assets', 'app.js'));
    assert.equal(staticFileFor(root, '/.//etc/passwd'), path.join(root, 'etc', 'passwd'));
  });
  it('a foreign Host header (DNS rebinding): refused even with a session', async () => {
    const token = await newSession();
    const res = await request(
      '/api/getEnvironment',
      { host: `evil.example:${server.port}`, authorization: `Bearer ${token}` },
      'POST',
      '{}',
    );
    assert.equal(res.status, 421);
    assert.equal((await request('/', { host: `evil.example:${server.port}` })).status, 421);
  });
  it('a foreign Origin (a cross-site page posting to the API): refused even with a session', async () => {
    const token = await newSession();
    const auth = { authorization: `Bearer ${token}` };
    const res = await request(
      '/api/getEnvironment',
      { ...auth, origin: 'https://evil.example', 'content-type': 'application/json' },
      'POST',
      '{}',
    );
    assert.equal(res.status, 403);
    const crossSite = await request('/api/getEnvironment', { ...auth, 'sec-fetch-site': 'cross-site' }, 'POST', '{}');
    assert.equal(crossSite.status, 403);
    const code = await exchange(codeOf(server.oneTimeUrl()));
    assert.equal(code.status, 200);
    const foreign = await request(
      '/api/session',
      { origin: 'https://evil.example' },
      'POST',
      JSON.stringify({ code: codeOf(server.oneTimeUrl()) }),
    );
    assert.equal(foreign.status, 403);
  });
  it('with a session: the API, the progress stream, and bad inputs answered as values', async () => {
    const token = await newSession();
    const auth = { authorization: `Bearer ${token}`, origin: `http://127.0.0.1:${server.port}` };
    const env = JSON.parse((await request('/api/getEnvironment', auth, 'POST', '{}')).body);
    assert.equal(env.ok, true);
    const desktopOnly = JSON.parse((await request('/api/chooseFolder', auth, 'POST', '{"title":"x"}')).body);
    assert.equal(desktopOnly.error.code, 'unsupported');
    const bad = JSON.parse((await request('/api/detect', auth, 'POST', '{"timeoutMs":"x"}')).body);
    assert.equal(bad.error.code, 'bad-input');
    assert.equal((await request('/api/detect', auth, 'POST', '{not json')).status, 400);
    assert.equal((await request('/api/nothing', auth, 'POST', '{}')).status, 404);
    assert.equal((await request('/api/getEnvironment', auth, 'GET')).status, 405);
    const events = await new Promise<string>((resolve, reject) => {
      const req = getEvents(server.port, token, (res) => {
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-type']), /text\/event-stream/);
        res.once('data', (chunk) => {
          req.destroy();
          resolve(String(chunk));
        });
      });
      req.on('error', reject);
    });
    assert.match(events, /^: connected/);
  });
});
