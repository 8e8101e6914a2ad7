/**
 * What a SOCKS 5 proxy's sign-in failure carries as data (`proxyAuth`): the method as an identifier
 * (RFC 1928's name for method X'02'), never an English phrase — the page shows `offered` and `tried`
 * as they are, in every language. Driven on the tunnel code itself against the lab SOCKS server.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ProxyAuthFailure } from '../../electron/core/proxy/auth/failure.js';
import { parseProxyUrl } from '../../electron/core/proxy/proxy-url.js';
import { socksConnect } from '../../electron/core/probe/socks-tunnel.js';
import { LOOPBACK } from '../lab/servers.js';
import { startSocksServer, type LabSocks } from '../lab/socks.js';

let socks: LabSocks;
before(async () => {
  // The tunnel never gets that far: every attempt here stops at the sign-in.
  socks = await startSocksServer({ forwardTo: { host: LOOPBACK, port: 9 }, auth: { user: 'alice', password: 'right-Pass-1' } });
});
after(() => socks.close());

async function attempt(url: string): Promise<ProxyAuthFailure> {
  const proxy = parseProxyUrl(url);
  assert.ok(proxy.ok);
  const socket = net.connect({ host: LOOPBACK, port: socks.port });
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const error = await socksConnect(socket, { host: 'site.example.test', port: 443 }, proxy.value, [], 30_000).then(
    () => assert.fail('the proxy let an unauthenticated client through'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ProxyAuthFailure, String(error));
  return error;
}

describe('SOCKS 5 sign-in failures as data', () => {
  it('no credentials: the method offered is USERNAME/PASSWORD', async () => {
    const failure = await attempt(`socks5h://127.0.0.1:${socks.port}`);
    assert.deepEqual(failure.info, { offered: ['USERNAME/PASSWORD'], tried: null, problem: 'no-credentials' });
    assert.match(failure.message, /wants SOCKS 5 authentication/);
  });

  it('a wrong password: the method tried is USERNAME/PASSWORD, and the message says it was rejected', async () => {
    const failure = await attempt(`socks5h://alice:wrong-Pass-2@127.0.0.1:${socks.port}`);
    assert.deepEqual(failure.info, { offered: ['USERNAME/PASSWORD'], tried: 'USERNAME/PASSWORD', problem: 'rejected' });
    assert.match(failure.message, /rejected the SOCKS 5 user name and password \(RFC 1929\)/);
    assert.ok(!failure.message.includes('wrong-Pass-2'));
  });
});
