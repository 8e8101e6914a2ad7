/**
 * An HTTPS proxy for the lab: TLS terminated with a certificate for `name`, then the plain CONNECT
 * exchange relayed to a lab HTTP proxy (so its inspection and its authentication apply unchanged).
 * The stunnel-in-front-of-squid set-up many companies use for "secure web proxies".
 */
import net from 'node:net';
import tls from 'node:tls';
import { readFile } from 'node:fs/promises';
import { issue, loadIssued, type Issued } from './pki.js';
import { closeServer, listen, SocketTracker } from './servers.js';

export interface LabTlsProxy {
  port: number;
  /** The CA that issued the proxy's certificate: trusted or not, as the test decides. */
  ca: Issued;
  /** TLS connections completed (a client that refused the certificate never counts). */
  handshakes: number;
  close(): Promise<void>;
}

/**
 * The proxy's CA: a fresh one, or — in the hostile-environment lane (test/lanes/tls-env-switches.test.ts) —
 * the CA that lane put in NODE_EXTRA_CA_CERTS and SSL_CERT_FILE, so that the environment "trusts" every
 * untrusted proxy of the suites it reruns, and only the engine's own verification can still refuse it.
 */
async function proxyCa(): Promise<Issued> {
  const file = process.env.CA_BRIDGE_LAB_HOSTILE_CA;
  if (file) {
    const text = await readFile(file, 'utf8');
    const [pem] = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/) ?? [];
    const [keyPem] = text.match(/-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/) ?? [];
    if (!pem || !keyPem) throw new Error(`${file}: a certificate and its PKCS#8 key expected`);
    return loadIssued(pem, keyPem);
  }
  return issue({ subject: 'CN=Lab Proxy Service CA, O=Example Corp', alg: 'ecdsa', ca: true });
}

export async function startTlsProxy(options: { name: string; relayTo: { host: string; port: number } }): Promise<LabTlsProxy> {
  const ca = await proxyCa();
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
