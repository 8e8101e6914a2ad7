/**
 * RFC 1928 section 3: the server picks one of the methods the client offered; if it picks another, the
 * client closes. A client with no credentials offers only X'00' (no authentication). A server choosing
 * X'02' (username/password) anyway must get nothing more — not an empty RFC 1929 request — and the
 * connection must close. The server here is a few bytes of its own, recording what the client sends.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ProbeFailure } from '../../electron/core/probe/errors.js';
import { socksConnect } from '../../electron/core/probe/socks-tunnel.js';
import { parseProxyUrl } from '../../electron/core/proxy/proxy-url.js';
import { listen, LOOPBACK, closeServer } from '../lab/servers.js';

let server: net.Server;
let port: number;
const sessions: { received: Buffer; closed: Promise<void> }[] = [];

before(async () => {
  server = net.createServer((client) => {
    const session = { received: Buffer.alloc(0), closed: new Promise<void>((resolve) => client.once('close', () => resolve())) };
    sessions.push(session);
    let answered = false;
    client.on('error', () => {});
    client.on('data', (chunk) => {
      session.received = Buffer.concat([session.received, chunk]);
      // After the greeting (VER, NMETHODS, METHODS…): choose username/password whatever was offered.
      if (!answered && session.received.length >= 2 + session.received[1]!) {
        answered = true;
        client.write(Buffer.from([0x05, 0x02]));
      }
    });
  });
  port = await listen(server);
});
after(() => closeServer(server));

describe('a SOCKS 5 server choosing a method that was not offered', () => {
  for (const scheme of ['socks5h', 'socks5']) {
    it(`${scheme}: the client closes after the greeting, sending no RFC 1929 request`, async () => {
      const proxy = parseProxyUrl(`${scheme}://127.0.0.1:${port}`);
      assert.ok(proxy.ok);
      const socket = net.connect({ host: LOOPBACK, port });
      await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      const error = await socksConnect(socket, { host: '127.0.0.1', port: 443 }, proxy.value, [], 30_000).then(
        () => assert.fail('a tunnel was made'),
        (e: unknown) => e,
      );
      const session = sessions.at(-1)!;
      await session.closed;
      assert.ok(error instanceof ProbeFailure, String(error));
      assert.match(error.message, /chose SOCKS 5 username\/password authentication, which CA Bridge did not offer/);
      // Exactly the greeting, offering "no authentication" alone: 05 01 00.
      assert.deepEqual([...session.received], [0x05, 0x01, 0x00]);
    });
  }
});
