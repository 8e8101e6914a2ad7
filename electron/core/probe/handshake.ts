import { X509Certificate } from 'node:crypto';
import type net from 'node:net';
import tls from 'node:tls';
import type { Target } from '../../../shared/targets.js';
import { classifyError, ProbeFailure } from './errors.js';
import { inspectingTlsOptions } from './inspecting-tls.js';

export interface Handshake {
  chain: X509Certificate[];
  protocol: string | null;
  cipher: string | null;
}

/**
 * The chain the server presented, leaf first. Node rebuilds it by following issuers through the
 * certificates the server sent, so unrelated or repeated certificates collapse. The socket gets an
 * empty CA list, otherwise Node would append a root from its own store that the server never sent.
 */
export function presentedChain(socket: tls.TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: tls.DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (current?.raw && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

/** TLS with verification off on purpose: the point is to see whatever chain is presented, then judge it ourselves. */
export function handshake(socket: net.Socket, target: Target, signal: AbortSignal): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const tlsSocket = tls.connect({ ...inspectingTlsOptions(target.host), socket });
    const onAbort = () => tlsSocket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    tlsSocket.once('secureConnect', () => {
      done();
      const chain = presentedChain(tlsSocket);
      const result = { chain, protocol: tlsSocket.getProtocol() ?? null, cipher: tlsSocket.getCipher()?.name ?? null };
      tlsSocket.destroy();
      if (chain.length === 0) reject(new ProbeFailure('no-certificate', `${target.host} completed TLS without presenting a certificate`));
      else resolve(result);
    });
    tlsSocket.once('error', (error) => {
      done();
      tlsSocket.destroy();
      reject(classifyError(error, 'site', `${target.host}:${target.port}`));
    });
    tlsSocket.once('close', () => {
      done();
      reject(new ProbeFailure('reset', `${target.host}:${target.port} closed the connection during the TLS handshake`));
    });
  });
}
