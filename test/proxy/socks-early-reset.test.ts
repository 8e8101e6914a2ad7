/**
 * A SOCKS proxy that resets the connection while CA Bridge is still resolving the site's name locally
 * (socks4://, socks5://): before the SOCKS handshake starts, nothing else listens on the socket, so
 * the reset must become this site's proxy error — not an unhandled 'error' event that ends the process.
 */
import assert from 'node:assert/strict';
import { pbkdf2 } from 'node:crypto';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseProxyUrl } from '../../electron/core/proxy/proxy-url.js';
import { ProbeFailure } from '../../electron/core/probe/errors.js';
import { socksConnect } from '../../electron/core/probe/socks-tunnel.js';
import { closeServer, listen, LOOPBACK } from '../lab/servers.js';

let server: net.Server;
let port: number;
before(async () => {
  // Accepts, then answers with a TCP reset before the client has said anything.
  server = net.createServer((socket) => setTimeout(() => socket.resetAndDestroy(), 20));
  port = await listen(server);
});
after(() => closeServer(server));

/** Keeps libuv's threadpool (where getaddrinfo runs) busy for a while, so the local lookup outlasts the reset. */
function occupyThreadpool(): Promise<unknown> {
  const size = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Promise.all(Array.from({ length: size }, () => new Promise((resolve) => pbkdf2('x', 'y', 400_000, 32, 'sha512', resolve))));
}

describe('a SOCKS proxy that resets during the local name lookup', () => {
  for (const scheme of ['socks5', 'socks4'] as const) {
    it(`${scheme}://: a per-site proxy error, the process goes on`, async () => {
      const proxy = parseProxyUrl(`${scheme}://127.0.0.1:${port}`);
      assert.ok(proxy.ok);
      const socket = net.connect({ host: LOOPBACK, port });
      await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      // As dial() hands it over: connected, with no 'error' listener of its own.
      socket.removeAllListeners('error');
      assert.equal(socket.listenerCount('error'), 0);
      const busy = occupyThreadpool();
      const outcome = await socksConnect(socket, { host: 'localhost', port: 443 }, proxy.value, [], 30_000).then(
        () => 'tunnelled',
        (error: unknown) => error,
      );
      await busy;
      assert.ok(outcome instanceof ProbeFailure, String(outcome));
      assert.equal(outcome.code, 'proxy-error');
      assert.match(outcome.message, new RegExp(`proxy ${scheme}://127\\.0\\.0\\.1:${port}`));
    });
  }
});
