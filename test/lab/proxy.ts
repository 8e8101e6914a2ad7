/**
 * An HTTP CONNECT proxy that intercepts TLS like corporate appliances do, configurable for each
 * chain shape appliances present (docs/testing.md lists them). It relays the decrypted traffic to the lab origins,
 * so real clients can complete requests through it.
 */
import net from 'node:net';
import tls from 'node:tls';
import { issue, makeKeys, type Issued, type KeyAlg } from './pki.js';
import { closedPort, closeServer, listen, LOOPBACK, SocketTracker } from './servers.js';

export type ChainShape = 'leaf' | 'leaf+intermediate' | 'leaf+root' | 'leaf+root+root' | 'leaf+intermediate+root';

export interface ProxyOptions {
  /** `inspect` re-signs; `passthrough` tunnels untouched; `refuse` is a closed port; `hang` accepts and never answers. */
  mode?: 'inspect' | 'passthrough' | 'refuse' | 'hang';
  caSubject?: string;
  intermediateSubject?: string;
  alg?: KeyAlg;
  shape?: ChainShape;
  /** One key pair for every forged leaf, as mitmproxy and many appliances do. */
  sharedLeafKey?: boolean;
  /** Hosts tunnelled untouched (banking, health, pinned apps). */
  bypass?: string[];
  /** Hosts answered with 403, as a URL filter does. */
  blocked?: string[];
  /** Require Basic credentials (answer 407 otherwise). */
  auth?: { user: string; password: string };
  /** Where upstream `host:port` really lives (the lab origins). */
  upstream: Map<string, { host: string; port: number }>;
  /** Trust for the upstream leg (the lab's public roots). */
  upstreamCa: string[];
  /** Pre-made CA, so several proxies (or a trust store) can share it. */
  ca?: { root: Issued; intermediate?: Issued };
}

export interface LabProxy {
  url: string;
  port: number;
  /** Intercepts TLS dialled straight at it, with no CONNECT: a client-side agent. */
  transparentPort: number;
  root: Issued;
  intermediate: Issued | null;
  /** Authorization headers this proxy saw, to prove credentials were sent. */
  seenAuthorizations: string[];
  connectRequests: string[];
  close(): Promise<void>;
}

export async function makeProxyCa(
  alg: KeyAlg,
  caSubject: string,
  intermediateSubject?: string,
): Promise<{ root: Issued; intermediate?: Issued }> {
  const root = await issue({ subject: caSubject, alg, ca: true });
  const intermediate = intermediateSubject ? await issue({ subject: intermediateSubject, alg, ca: true, issuer: root }) : undefined;
  return { root, intermediate };
}

function readRequestHead(socket: net.Socket): Promise<{ head: string; rest: Buffer } | null> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      socket.off('data', onData);
      socket.pause(); // keep what follows (the TLS ClientHello) for whoever takes the socket next
      resolve({ head: buffered.subarray(0, end).toString('latin1'), rest: buffered.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.once('close', () => resolve(null));
  });
}

export async function startProxy(options: ProxyOptions): Promise<LabProxy> {
  const mode = options.mode ?? 'inspect';
  const alg = options.alg ?? 'ecdsa';
  const ca =
    options.ca ??
    (await makeProxyCa(
      alg,
      options.caSubject ?? 'CN=Lab Inspection Root CA, O=Example Corp',
      options.shape?.includes('intermediate') ? (options.intermediateSubject ?? 'CN=Lab Inspection Issuing CA, O=Example Corp') : undefined,
    ));
  const issuer = ca.intermediate ?? ca.root;
  const sharedKeys = options.sharedLeafKey ? await makeKeys(alg) : undefined;
  const contexts = new Map<string, Promise<tls.SecureContext>>();
  const sockets = new SocketTracker();
  const seenAuthorizations: string[] = [];
  const connectRequests: string[] = [];

  const chainPem = (leaf: Issued): string => {
    const shape = options.shape ?? 'leaf+intermediate';
    const parts = [leaf.pem];
    if (shape.includes('intermediate') && ca.intermediate) parts.push(ca.intermediate.pem);
    if (shape.includes('root')) parts.push(ca.root.pem);
    if (shape === 'leaf+root+root') parts.push(ca.root.pem);
    return parts.join('');
  };

  const contextFor = (host: string) => {
    let context = contexts.get(host);
    if (!context) {
      context = issue({ subject: `CN=${host}`, hosts: [host], issuer, alg, keys: sharedKeys }).then((leaf) =>
        tls.createSecureContext({ cert: chainPem(leaf), key: leaf.keyPem }),
      );
      contexts.set(host, context);
    }
    return context;
  };

  const tunnel = (client: net.Socket, target: string, rest: Buffer) => {
    const where = options.upstream.get(target);
    if (!where) {
      client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = sockets.track(
      net.connect(where.port, where.host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      }),
    );
    upstream.once('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  };

  /** Terminates TLS with a forged certificate, then relays the plaintext to the real origin. */
  const terminate = async (client: net.Socket, fallbackHost: string, port: string) => {
    const secure = sockets.track(
      new tls.TLSSocket(client, {
        isServer: true,
        // Clients that send no SNI still get a certificate, named after the CONNECT target.
        secureContext: await contextFor(fallbackHost),
        SNICallback: (name, cb) =>
          contextFor(name).then(
            (c) => cb(null, c),
            (e: Error) => cb(e),
          ),
        ALPNProtocols: ['http/1.1'],
      }),
    );
    secure.once('secure', () => {
      const host = (secure as tls.TLSSocket & { servername?: string | false }).servername || fallbackHost;
      const where = options.upstream.get(`${host}:${port}`);
      if (!where) return secure.destroy();
      const upstream = sockets.track(
        tls.connect({ host: where.host, port: where.port, servername: host, ca: options.upstreamCa, ALPNProtocols: ['http/1.1'] }),
      );
      upstream.once('secureConnect', () => secure.pipe(upstream).pipe(secure));
      upstream.once('error', () => secure.destroy());
    });
  };

  const intercept = async (client: net.Socket, target: string, rest: Buffer) => {
    const [, host = '', port = '443'] = /^(.*):(\d+)$/.exec(target) ?? [];
    // Like most appliances, reach the site before answering, so a dead site is a 502, not a forged chain.
    if (!options.upstream.has(target)) return client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (rest.length) client.unshift(rest);
    await terminate(client, host, port);
  };

  const handle = async (client: net.Socket) => {
    sockets.track(client);
    if (mode === 'hang') return;
    const request = await readRequestHead(client);
    if (!request) return;
    const [requestLine = '', ...headers] = request.head.split('\r\n');
    const [method, target = ''] = requestLine.split(' ');
    connectRequests.push(target);
    const authorization = headers.find((h) => /^proxy-authorization:/i.test(h))?.replace(/^[^:]+:\s*/, '');
    if (authorization) seenAuthorizations.push(authorization);
    if (method !== 'CONNECT') return client.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n');
    if (options.auth) {
      const expected = `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`;
      if (authorization !== expected) {
        return client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="lab"\r\nContent-Length: 0\r\n\r\n',
        );
      }
    }
    const host = target.replace(/:\d+$/, '');
    if (options.blocked?.includes(host)) return client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
    if (mode === 'passthrough' || options.bypass?.includes(host)) return tunnel(client, target, request.rest);
    await intercept(client, target, request.rest);
  };

  if (mode === 'refuse') {
    const port = await closedPort();
    return {
      url: `http://${LOOPBACK}:${port}`,
      port,
      transparentPort: port,
      root: ca.root,
      intermediate: ca.intermediate ?? null,
      seenAuthorizations,
      connectRequests,
      close: async () => {},
    };
  }
  const server = net.createServer((socket) => void handle(socket));
  const port = await listen(server);
  // Client-side agents (Zscaler Client Connector, WARP) intercept with no proxy configured at all.
  const transparent = net.createServer((socket) => void terminate(sockets.track(socket), 'unknown.invalid', '443'));
  const transparentPort = await listen(transparent);
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    transparentPort,
    root: ca.root,
    intermediate: ca.intermediate ?? null,
    seenAuthorizations,
    connectRequests,
    close: async () => {
      sockets.destroyAll();
      await Promise.all([closeServer(server), closeServer(transparent)]);
    },
  };
}
