import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startUiServer, type UiServer } from '../../electron/cli/ui-server.js';

let server: UiServer;
let token: string;
before(async () => {
  server = await startUiServer({
    port: 0,
    staticDir: new URL('../../renderer/dist', import.meta.url).pathname,
    service: { env: {}, platform: 'linux', locale: 'en-US' },
  });
  token = new URL(server.url).searchParams.get('token')!;
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

describe("browser mode refuses what is not the user's own page", () => {
  it('listens on 127.0.0.1 only and prints a URL with a long random token', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });
  it('no token, or a wrong one: refused', async () => {
    assert.equal((await request('/')).status, 401);
    assert.equal((await request(`/?token=${'x'.repeat(token.length)}`)).status, 401);
    assert.equal((await request('/api/getEnvironment', {}, 'POST', '{}')).status, 401);
    assert.equal((await request('/api/events')).status, 401);
  });
  it('a foreign Host header (DNS rebinding): refused even with the token', async () => {
    const res = await request(`/?token=${token}`, { host: `evil.example:${server.port}` });
    assert.equal(res.status, 421);
  });
  it('a foreign Origin (a cross-site page posting to the API): refused even with the token', async () => {
    const res = await request(
      '/api/getEnvironment',
      { 'x-ca-bridge-token': token, origin: 'https://evil.example', 'content-type': 'application/json' },
      'POST',
      '{}',
    );
    assert.equal(res.status, 403);
    const crossSite = await request('/api/getEnvironment', { 'x-ca-bridge-token': token, 'sec-fetch-site': 'cross-site' }, 'POST', '{}');
    assert.equal(crossSite.status, 403);
  });
  it('with the token: the page, an HttpOnly SameSite=Strict cookie, and the API', async () => {
    const page = await request(`/?token=${token}`);
    assert.equal(page.status, 200);
    assert.match(page.headers['set-cookie']![0]!, /ca_bridge_token=.+; HttpOnly; SameSite=Strict/);
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'/);
    const cookie = page.headers['set-cookie']![0]!.split(';')[0]!;
    const env = JSON.parse(
      (await request('/api/getEnvironment', { cookie, origin: `http://127.0.0.1:${server.port}` }, 'POST', '{}')).body,
    );
    assert.equal(env.ok, true);
    const desktopOnly = JSON.parse((await request('/api/chooseFolder', { cookie }, 'POST', '{"title":"x"}')).body);
    assert.equal(desktopOnly.error.code, 'unsupported');
    const bad = JSON.parse((await request('/api/detect', { cookie }, 'POST', '{"timeoutMs":"x"}')).body);
    assert.equal(bad.error.code, 'bad-input');
    assert.equal((await request('/api/detect', { cookie }, 'POST', '{not json')).status, 400);
    assert.equal((await request('/api/nothing', { cookie }, 'POST', '{}')).status, 404);
  });
  it('files outside the interface folder are never served, whatever the path looks like', async () => {
    const cookie = (await request(`/?token=${token}`)).headers['set-cookie']![0]!.split(';')[0]!;
    // URL parsing removes plain and encoded ".." itself; "/.//etc/passwd" survives it as "//etc/passwd",
    // an absolute path once the leading "/" is cut: only the folder guard stands between it and the disk.
    for (const attempt of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/.//etc/passwd', '/.//proc/self/environ']) {
      const res = await request(attempt, { cookie });
      assert.equal(res.status, 404, attempt);
      assert.doesNotMatch(res.body, /root:|PATH=/, attempt);
    }
  });
});
