/**
 * An HTTPS proxy for the lab: TLS terminated with a certificate for `name`, then the plain CONNECT
 * exchange relayed to a lab HTTP proxy (so its inspection and its authentication apply unchanged).
 * The stunnel-in-front-of-squid set-up many companies use for "secure web proxies".
 */
import net from 'node:net';
import tls from 'node:tls';
import { issue, type Issued } from './pki.js';
import { closeServer, listen, SocketTracker } from './servers.js';

export interface LabTlsProxy {
  port: number;
  /** The CA that issued the proxy's certificate: trusted or not, as the test decides. */
  ca: Issued;
  /** TLS connections completed (a client that refused the certificate never counts). */
  handshakes: number;
  close(): Promise<void>;
}

export async function startTlsProxy(options: { name: string; relayTo: { host: string; port: number } }): Promise<LabTlsProxy> {
  const ca = await issue({ subject: 'CN=Lab Proxy Service CA, O=Example Corp', alg: 'ecdsa', ca: true });
  const leaf = await issue({ subject: `CN=${options.name}`, hosts: [options.name], issuer: ca, alg: 'ecdsa' });
  const sockets = new SocketTracker();
  const state = { handshakes: 0 };
  // noDelay: without it Nagle holds the second TLS 1.3 session ticket until the client's delayed ACK,
  // adding ~40 ms to every tunnel (measured in the proxy-kinds bench) that is the lab's, not the client's.
  const server = tls.createServer({ cert: leaf.pem + ca.pem, key: leaf.keyPem, noDelay: true }, (secure) => {
    sockets.track(secure);
    state.handshakes++;
    const upstream = sockets.track(net.connect(options.relayTo.port, options.relayTo.host));
    secure.pipe(upstream).pipe(secure);
  });
  server.on('connection', (socket: net.Socket) => sockets.track(socket));
  server.on('tlsClientError', () => {});
  const port = await listen(server);
  return {
    port,
    ca,
    get handshakes() {
      return state.handshakes;
    },
    close: async () => {
      sockets.destroyAll();
      await closeServer(server);
    },
  };
}
