/**
 * Browser mode under hostile requests: malformed targets, headers, methods and bodies, huge and slow
 * ones. None may take the server down or hold it: after each, the server still answers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startUiServer, type UiServer } from '../../electron/cli/ui-server.js';

const staticDir = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-fuzz-static-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>CA Bridge</title>');
const LIMITS = { maxBodyBytes: 64 * 1024, headersTimeoutMs: 1500, requestTimeoutMs: 2500 };

let server: UiServer;
let token = '';
let host = '';
before(async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'ca-bridge-fuzz-home-'));
  server = await startUiServer({
    port: 0,
    staticDir,
    service: { env: { HOME: home }, platform: 'linux', locale: 'en-US' },
    limits: LIMITS,
  });
  host = `127.0.0.1:${server.port}`;
  const code = new URL(server.url).hash.replace('#code=', '');
  token = JSON.parse(await post('/api/session', JSON.stringify({ code }))).token;
});
after(() => server.close());

function post(pathname: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { port: server.port, host: '127.0.0.1', path: pathname, method: 'POST', headers: { host, ...headers } },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve(data));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends raw bytes (optionally in timed pieces) and returns whatever came back before the server closed or the wait ended. */
function raw(
  pieces: (string | Buffer | number)[],
  waitMs = 8000,
  untilClose = false,
): Promise<{ reply: string; closed: boolean; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let reply = '';
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, closed, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (d) => {
      reply += d.toString('latin1');
      // A complete answer's head is enough; keep-alive would otherwise hold the socket for seconds.
      if (!untilClose && reply.includes('\r\n\r\n')) setTimeout(() => finish(socket.destroyed), 50);
    });
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (typeof piece === 'number') await new Promise((r) => setTimeout(r, piece));
        else if (!socket.destroyed) socket.write(piece);
      }
    });
  });
}

async function assertStillServing(what: string) {
  const res = await raw([`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`]);
  assert.match(res.reply, /^HTTP\/1\.1 200 /, `after ${what}, the server no longer answers: ${JSON.stringify(res.reply.slice(0, 200))}`);
  const api = JSON.parse(await post('/api/getEnvironment', '{}', { authorization: `Bearer ${token}` }));
  assert.equal(api.ok, true, `after ${what}, the API no longer answers`);
}

const auth = () => `Authorization: Bearer ${token}\r\n`;

describe('malformed requests are answered, never fatal', () => {
  const cases: [string, () => string][] = [
    ['the request target //[ (crashed the server without a token)', () => `GET //[ HTTP/1.1\r\nHost: ${host}\r\n\r\n`],
    ['an absolute-form target with a bad authority', () => `GET http://[::1/ HTTP/1.1\r\nHost: ${host}\r\n\r\n`],
    ['//[ on the API, with a session', () => `POST //[/api/detect HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: 2\r\n\r\n{}`],
    ['an asterisk target', () => `OPTIONS * HTTP/1.1\r\nHost: ${host}\r\n\r\n`],
    ['a made-up method', () => `BREW /api/detect HTTP/1.1\r\nHost: ${host}\r\n${auth()}\r\n`],
    ['a DELETE on the API', () => `DELETE /api/detect HTTP/1.1\r\nHost: ${host}\r\n${auth()}\r\n`],
    ['a header without a colon', () => `GET / HTTP/1.1\r\nHost: ${host}\r\nno colon here\r\n\r\n`],
    ['a control byte in a header value', () => `GET / HTTP/1.1\r\nHost: ${host}\r\nX-A: a\u0000b\r\n\r\n`],
    ['two Host headers', () => `GET / HTTP/1.1\r\nHost: ${host}\r\nHost: evil.example\r\n\r\n`],
    ['no Host header', () => `GET / HTTP/1.1\r\n\r\n`],
    ['HTTP/0.9', () => `GET /\r\n\r\n`],
    ['a binary request line', () => '\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003garbage\r\n\r\n'],
    ['a Content-Length that is not a number', () => `POST /api/detect HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: abc\r\n\r\n{}`],
    [
      'Content-Length and chunked together',
      () => `POST /api/detect HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`,
    ],
    [
      'broken chunked encoding',
      () => `POST /api/detect HTTP/1.1\r\nHost: ${host}\r\n${auth()}Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
    ],
    ['a body that is not JSON', () => `POST /api/detect HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: 5\r\n\r\n{{{{{`],
    ['a JSON body of the wrong type', () => `POST /api/detect HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: 4\r\n\r\nnull`],
    [
      'a body in invalid UTF-8',
      () => `POST /api/explain HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: 4\r\n\r\n\u00ff\u00fe\u00fd\u00fc`,
    ],
    [
      'a session exchange with a non-string code',
      () => `POST /api/session HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 12\r\n\r\n{"code":[1]}`,
    ],
    [
      'a session exchange with a huge body',
      () => `POST /api/session HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 9000\r\n\r\n${'x'.repeat(9000)}`,
    ],
    ['a percent-encoded NUL in the path', () => `GET /%00 HTTP/1.1\r\nHost: ${host}\r\n\r\n`],
    ['a path of 8000 characters', () => `GET /${'a/'.repeat(4000)} HTTP/1.1\r\nHost: ${host}\r\n\r\n`],
    [
      'an operation name of 8000 characters',
      () => `POST /api/${'a'.repeat(8000)} HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: 2\r\n\r\n{}`,
    ],
  ];
  for (const [what, build] of cases) {
    it(what, async () => {
      const res = await raw([Buffer.from(build(), 'latin1')], 8000);
      assert.match(res.reply, /^HTTP\/1\.[01] [1-5]\d\d /, `no HTTP answer to ${what}: ${JSON.stringify(res.reply.slice(0, 200))}`);
      await assertStillServing(what);
    });
  }

  it('headers over 16 KB: refused with 431', async () => {
    const res = await raw([`GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`]);
    assert.match(res.reply, /^HTTP\/1\.1 431 /);
    await assertStillServing('huge headers');
  });

  it('a declared body over the limit: 413 at once, without reading it', async () => {
    const res = await raw([`POST /api/explain HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: 50000000\r\n\r\n{"text":"`]);
    // Answered although the client never sends the body: the server did not wait to read it.
    assert.match(res.reply, /^HTTP\/1\.1 413 /);
    await assertStillServing('a declared huge body');
  });

  it('a chunked body that grows past the limit: 413, and the connection is cut', async () => {
    const chunk = `4000\r\n${'a'.repeat(0x4000)}\r\n`;
    const res = await raw(
      [`POST /api/explain HTTP/1.1\r\nHost: ${host}\r\n${auth()}Transfer-Encoding: chunked\r\n\r\n`, ...Array(10).fill(chunk)],
      8000,
      true,
    );
    assert.match(res.reply, /^HTTP\/1\.1 413 /);
    assert.equal(res.closed, true);
    await assertStillServing('a growing chunked body');
  });

  it('headers sent a byte at a time, never finished: cut off after the header time limit', async () => {
    const drip = Array.from({ length: 60 }, (_, i) => (i % 2 ? 100 : 'X'));
    const res = await raw([`GET / HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `, ...drip], 15_000, true);
    // Cut off within the 15 s this client keeps dripping and waiting: the server's header limit, not the client, ended it.
    assert.equal(res.closed, true, 'the slow client was not cut off');
    await assertStillServing('slow headers');
  });

  it('a body that never arrives: cut off after the request time limit', async () => {
    const res = await raw([`POST /api/explain HTTP/1.1\r\nHost: ${host}\r\n${auth()}Content-Length: 1000\r\n\r\n{"text":`], 15_000, true);
    assert.equal(res.closed, true, 'the slow body was not cut off');
    await assertStillServing('a slow body');
  });

  it('fifty bad requests at once', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => raw([Buffer.from(cases[i % cases.length]![1](), 'latin1')], 8000)));
    await assertStillServing('fifty bad requests');
  });
});
