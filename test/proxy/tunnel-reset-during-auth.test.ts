/**
 * A proxy that answers 407 (keeping the connection) and then resets it while CA Bridge is still
 * working out its answer — here Negotiate, whose Kerberos call runs on libuv's threadpool, kept busy
 * so the reset comes first. Between two reads nothing else listens on the connection: the reset must
 * end this site with the authentication outcome, not as an uncaught 'error' event that ends the process.
 */
import assert from 'node:assert/strict';
import { pbkdf2 } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ProxyAuthFailure } from '../../electron/core/proxy/auth/failure.js';
import { parseProxyUrl } from '../../electron/core/proxy/proxy-url.js';
import { openTunnel } from '../../electron/core/probe/tunnel.js';
import { closeServer, listen } from '../lab/servers.js';

function kerberosMissing(): string | null {
  try {
    createRequire(import.meta.url)('kerberos');
    return null;
  } catch {
    return 'the optional kerberos module is not built (.ci/install.d/60-proxy.sh)';
  }
}

let server: net.Server;
let port: number;
let previousCache: string | undefined;
before(async () => {
  // No ticket anywhere: the Negotiate attempt ends in "no ticket", after the reset has arrived.
  previousCache = process.env.KRB5CCNAME;
  process.env.KRB5CCNAME = 'FILE:/nonexistent/ca-bridge-test-ccache';
  server = net.createServer((socket) => {
    socket.once('data', () => {
      socket.write('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Negotiate\r\nContent-Length: 0\r\n\r\n');
      setTimeout(() => socket.resetAndDestroy(), 20);
    });
  });
  port = await listen(server);
});
after(async () => {
  if (previousCache === undefined) delete process.env.KRB5CCNAME;
  else process.env.KRB5CCNAME = previousCache;
  await closeServer(server);
});

function occupyThreadpool(): Promise<unknown> {
  const size = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  return Promise.all(Array.from({ length: size }, () => new Promise((resolve) => pbkdf2('x', 'y', 400_000, 32, 'sha512', resolve))));
}

describe('a proxy that resets the connection while the answer to its 407 is being built', { skip: kerberosMissing() ?? false }, () => {
  it('the site ends with the sign-in outcome; the process goes on', async () => {
    const proxy = parseProxyUrl(`http://127.0.0.1:${port}`);
    assert.ok(proxy.ok);
    const busy = occupyThreadpool();
    const outcome = await openTunnel(
      { host: 'site.example.test', port: 443 },
      proxy.value,
      [],
      new AbortController().signal,
      () => {},
    ).then(
      () => 'tunnelled',
      (error: unknown) => error,
    );
    await busy;
    assert.ok(outcome instanceof ProxyAuthFailure, String(outcome));
    assert.equal(outcome.info.problem, 'no-ticket');
  });
});
