import { X509Certificate } from 'node:crypto';
import type net from 'node:net';
import tls from 'node:tls';
import type { HttpAnswer } from '../../../shared/detection.js';
import type { Target } from '../../../shared/targets.js';
import { classifyError, ProbeFailure } from './errors.js';
import { readHttpAnswer } from './http-answer.js';
import { inspectingTlsOptions } from './inspecting-tls.js';

export interface Handshake {
  chain: X509Certificate[];
  protocol: string | null;
  cipher: string | null;
  /** What answered a `HEAD /` after the handshake; null when nothing did within the budget. */
  http: HttpAnswer | null;
  /** performance.now() when the handshake completed (the request after it is not TLS time). */
  securedAt: number;
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

/**
 * TLS with verification off on purpose: the point is to see whatever chain is presented, then judge it ourselves.
 * With `httpBudgetMs`, one request follows (readHttpAnswer), to tell the site's answer from the proxy's error page.
 */
export function handshake(socket: net.Socket, target: Target, signal: AbortSignal, httpBudgetMs = 0): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const tlsSocket = tls.connect({ ...inspectingTlsOptions(target.host), socket });
    const onAbort = () => tlsSocket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    // Once the chain is in hand, an error or close during the HTTP request does not undo it.
    let secured = false;
    tlsSocket.once('secureConnect', () => {
      secured = true;
      done();
      const chain = presentedChain(tlsSocket);
      const result = {
        chain,
        protocol: tlsSocket.getProtocol() ?? null,
        cipher: tlsSocket.getCipher()?.name ?? null,
        securedAt: performance.now(),
      };
      if (chain.length === 0) {
        tlsSocket.destroy();
        reject(new ProbeFailure('no-certificate', `${target.host} completed TLS without presenting a certificate`));
        return;
      }
      const answered = httpBudgetMs > 0 ? readHttpAnswer(tlsSocket, target, signal, httpBudgetMs) : Promise.resolve(null);
      void answered.then((http) => {
        tlsSocket.destroy();
        resolve({ ...result, http });
      });
    });
    tlsSocket.once('error', (error) => {
      done();
      tlsSocket.destroy();
      if (!secured) reject(classifyError(error, 'site', `${target.host}:${target.port}`));
    });
    tlsSocket.once('close', () => {
      done();
      if (!secured) reject(new ProbeFailure('reset', `${target.host}:${target.port} closed the connection during the TLS handshake`));
    });
  });
}
