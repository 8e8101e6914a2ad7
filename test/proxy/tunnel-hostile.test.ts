/**
 * Proxies that misbehave during authentication, written in the test on 127.0.0.1: terminal escapes in
 * the status line and challenges, an NTLM exchange that never ends, a proxy that closes after every
 * 407 without saying so, and a flood of challenge headers. Each ends in a bounded, printable error.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';
import { openTunnel } from '../../electron/core/probe/tunnel.js';
import { ProbeFailure } from '../../electron/core/probe/errors.js';
import { parseProxyUrl } from '../../electron/core/proxy/proxy-url.js';
import { closeServer, listen } from '../lab/servers.js';

const servers: net.Server[] = [];
after(async () => {
  for (const s of servers) await closeServer(s);
});

/** A proxy that answers each CONNECT head with `reply(n)` (n counts requests across connections). */
async function fakeProxy(reply: (n: number, head: string) => { text: string; close: boolean }) {
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      let end: number;
      while ((end = buffered.indexOf('\r\n\r\n')) !== -1) {
        const head = buffered.slice(0, end);
        buffered = buffered.slice(end + 4);
        const { text, close } = reply(++n, head);
        if (close) socket.end(text);
        else socket.write(text);
      }
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  const port = await listen(server);
  return { port, count: () => n };
}

async function tunnelError(port: number, userinfo = ''): Promise<ProbeFailure> {
  const spec = parseProxyUrl(`http://${userinfo}127.0.0.1:${port}`);
  assert.ok(spec.ok);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    const tunnel = await openTunnel({ host: 'site.example', port: 443 }, spec.value, [], controller.signal, () => undefined);
    tunnel.socket.destroy();
    assert.fail('the tunnel should not open');
  } catch (error) {
    assert.ok(error instanceof ProbeFailure, String(error));
    return error;
  } finally {
    clearTimeout(timer);
  }
}

const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('hostile proxies during CONNECT and authentication', () => {
  it('escape sequences in the status line never reach the message', async () => {
    const proxy = await fakeProxy(() => ({
      text: 'HTTP/1.1 502 \u001b]0;pwned\u0007\u001b[2J\u202eall good\r\nContent-Length: 0\r\n\r\n',
      close: true,
    }));
    const error = await tunnelError(proxy.port);
    assert.equal(error.code, 'proxy-error');
    assert.doesNotMatch(error.message, CONTROLS);
    assert.match(error.message, /502/);
  });

  it('escape sequences in Proxy-Authenticate: not a scheme, never printed', async () => {
    const proxy = await fakeProxy(() => ({
      text: 'HTTP/1.1 407 x\r\nProxy-Authenticate: \u001b[2JEvil realm="\u001b]0;t\u0007"\r\nProxy-Authenticate: Basic realm="\u001b[31m"\r\nContent-Length: 0\r\n\r\n',
      close: true,
    }));
    const error = await tunnelError(proxy.port);
    assert.equal(error.code, 'proxy-auth-required');
    assert.doesNotMatch(error.message, CONTROLS);
    assert.deepEqual(error.toValue().proxyAuth?.offered, ['Basic']);
  });

  it('an NTLM proxy that answers every message with a new challenge: stops after a few rounds', async () => {
    const type2 =
      'TlRMTVNTUAACAAAADAAMADAAAAA1goriESIzRFVmd4gAAAAAAAAAAGIAYgA8AAAARABPAE0AQQBJAE4AAgAMAEQATwBNAEEASQBOAAEADABTAEUAUgBWAEUAUgAEABQAZABvAG0AYQBpAG4ALgBjAG8AbQADACIAcwBlAHIAdgBlAHIALgBkAG8AbQBhAGkAbgAuAGMAbwBtAAAAAAA=';
    const proxy = await fakeProxy(() => ({
      text: `HTTP/1.1 407 x\r\nProxy-Authenticate: NTLM ${type2}\r\nContent-Length: 0\r\n\r\n`,
      close: false,
    }));
    const error = await tunnelError(proxy.port, 'D%5Cu:p@');
    assert.equal(error.code, 'proxy-auth-required');
    assert.ok(proxy.count() <= 5, `${proxy.count()} requests`);
  });

  it('a proxy that closes after every 407 without "Connection: close": redialled a bounded number of times', async () => {
    const proxy = await fakeProxy(() => ({
      text: 'HTTP/1.1 407 x\r\nProxy-Authenticate: Basic realm="r"\r\nContent-Length: 0\r\n\r\n',
      close: true,
    }));
    const error = await tunnelError(proxy.port, 'u:p@');
    assert.equal(error.code, 'proxy-auth-required');
    assert.match(error.message, /rejected the credentials, sent as Basic/);
    assert.ok(proxy.count() <= 4, `${proxy.count()} requests`);
  });

  it('a malformed NTLM challenge: a clear error, no exception escapes', async () => {
    const proxy = await fakeProxy((n) => ({
      text: `HTTP/1.1 407 x\r\nProxy-Authenticate: ${n === 1 ? 'NTLM' : 'NTLM AAAA'}\r\nContent-Length: 0\r\n\r\n`,
      close: false,
    }));
    const error = await tunnelError(proxy.port, 'D%5Cu:p@');
    assert.equal(error.code, 'proxy-auth-required');
    assert.match(error.message, /NTLM challenge/);
  });

  it('ten thousand challenge headers: bounded by the header size limit', async () => {
    const headers = Array.from({ length: 10_000 }, (_, i) => `Proxy-Authenticate: S${i}`).join('\r\n');
    const proxy = await fakeProxy(() => ({ text: `HTTP/1.1 407 x\r\n${headers}\r\n\r\n`, close: true }));
    const error = await tunnelError(proxy.port);
    assert.equal(error.code, 'proxy-error');
    assert.match(error.message, /oversized/);
  });
});
