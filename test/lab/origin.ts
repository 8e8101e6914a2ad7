/**
 * An HTTPS origin on loopback standing in for a public site. It answers every request with
 * "hello from HOST" so that real tools (curl, node, python) can complete a request through the lab.
 */
import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { closeServer, listen, sleep, SocketTracker } from './servers.js';

export interface OriginOptions {
  host: string;
  /** PEM of the leaf followed by whatever intermediates this server sends. */
  certChainPem: string;
  keyPem: string;
  /** Added before the TLS handshake starts, to model distant or slow servers. */
  delayMs?: number;
  /** Certificate chain per SNI name (or for clients sending no SNI under the key ''). */
  sniContexts?: Record<string, { certChainPem: string; keyPem: string }>;
  requestClientCert?: boolean;
  clientCaPem?: string;
  /** The HTTP Date header to send, to model a server (or client) with a wrong clock. */
  dateHeader?: () => Date;
  /** OpenSSL refuses to serve SHA-1 chains and short keys at its default security level. */
  allowWeak?: boolean;
  /** Serve these paths (and 404 for any other) instead of "hello from HOST": a lab package repository. */
  files?: ReadonlyMap<string, Buffer>;
}

export interface Origin {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startOrigin(options: OriginOptions): Promise<Origin> {
  const sockets = new SocketTracker();
  const clientCa = options.clientCaPem ? new X509Certificate(options.clientCaPem) : null;
  const ciphers = options.allowWeak ? 'DEFAULT@SECLEVEL=0' : undefined;
  const defaultContext = tls.createSecureContext({ cert: options.certChainPem, key: options.keyPem, ciphers });
  const sniContexts = new Map(
    Object.entries(options.sniContexts ?? {}).map(([name, c]) => [
      name,
      tls.createSecureContext({ cert: c.certChainPem, key: c.keyPem, ciphers }),
    ]),
  );
  const app = http.createServer((req, res) => {
    if (options.files) {
      const file = options.files.get(new URL(req.url ?? '/', 'https://x').pathname);
      res.writeHead(file ? 200 : 404, { 'content-length': file?.length ?? 0, 'content-type': 'application/octet-stream' });
      res.end(req.method === 'HEAD' ? undefined : file);
      return;
    }
    const body = `hello from ${options.host}\n`;
    res.writeHead(200, {
      'content-type': 'text/plain',
      'content-length': Buffer.byteLength(body),
      date: (options.dateHeader?.() ?? new Date()).toUTCString(),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const server = net.createServer(async (raw) => {
    sockets.track(raw);
    if (options.delayMs) await sleep(options.delayMs);
    if (raw.destroyed) return;
    const secure = new tls.TLSSocket(raw, {
      isServer: true,
      secureContext: sniContexts.get('') ?? defaultContext,
      SNICallback: (name, cb) => cb(null, sniContexts.get(name) ?? defaultContext),
      requestCert: options.requestClientCert ?? false,
      rejectUnauthorized: options.requestClientCert ?? false,
      ca: options.clientCaPem,
      ALPNProtocols: ['http/1.1'],
    });
    sockets.track(secure);
    // A bare server-side TLSSocket never judges the client certificate (only tls.Server does): do it here.
    if (options.requestClientCert && clientCa) {
      secure.once('secure', () => {
        const peer = secure.getPeerX509Certificate();
        if (!peer || !peer.checkIssued(clientCa) || !peer.verify(clientCa.publicKey)) secure.destroy();
      });
    }
    app.emit('connection', secure);
  });
  const port = await listen(server);
  return {
    host: options.host,
    port,
    close: async () => {
      sockets.destroyAll();
      app.closeAllConnections();
      await closeServer(server);
    },
  };
}
