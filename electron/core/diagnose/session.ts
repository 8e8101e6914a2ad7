import type { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import type { ConnectTo } from '../../../shared/connect-to.js';
import type { ProbeError } from '../../../shared/detection.js';
import { formatTarget, type Target } from '../../../shared/targets.js';
import { withDeadline } from '../probe/deadline.js';
import { classifyError, ProbeFailure } from '../probe/errors.js';
import { presentedChain } from '../probe/handshake.js';
import type { ProxySpec } from '../proxy/proxy-url.js';
import { openTunnel } from '../probe/tunnel.js';
import { inspectingTlsOptions } from '../probe/inspecting-tls.js';

export interface SessionOptions {
  /** SNI to send; null sends none. */
  servername: string | null;
  proxy: ProxySpec | null;
  connectTo: readonly ConnectTo[];
  timeoutMs: number;
  /** PEMs that verify an HTTPS proxy's certificate (the OS store and the user's --ca). */
  proxyTrust?: readonly string[];
  clientCert?: { cert: string; key: string };
  /** Send `HEAD /` after the handshake: for the server's clock, and to learn whether a client certificate is demanded. */
  httpProbe: boolean;
  /** The whole check's deadline (or its cancellation): ends this connection at once, whatever is left of its own limit. */
  signal?: AbortSignal;
  /** What the connection is doing (connecting, signing in to the proxy, the handshake), for a deadline's message. */
  onPhase?: (phase: string) => void;
}

export interface Session {
  chain: X509Certificate[];
  protocol: string | null;
  cipher: string | null;
  /** The HTTP `Date` header, when the endpoint speaks HTTP. */
  serverDate: Date | null;
  /** What ended the connection after the handshake (TLS 1.3 servers reject a missing client certificate only then). */
  afterHandshake: ProbeError | null;
  /** Whether anything came back to the HTTP probe: servers that reject a client certificate often just hang up. */
  answered: boolean;
}

/** Bytes of the HTTP answer kept after the handshake: the status line and headers fit many times over. */
export const MAX_RESPONSE_HEAD = 16 * 1024;

/** One TLS session for diagnosis: verification off (we judge the chain ourselves), optional HTTP HEAD. */
export function openSession(target: Target, options: SessionOptions): Promise<Session> {
  return withDeadline(
    options.timeoutMs,
    () => `${formatTarget(target)}: no answer within ${options.timeoutMs} ms`,
    async (signal) => {
      const onPhase = options.onPhase ?? (() => {});
      const tunnel = await openTunnel(target, options.proxy, options.connectTo, signal, onPhase, options.proxyTrust);
      onPhase('during the TLS handshake');
      return new Promise<Session>((resolve, reject) => {
        const socket = tls.connect({ ...inspectingTlsOptions(options.servername), socket: tunnel.socket, ...(options.clientCert ?? {}) });
        signal.addEventListener('abort', () => socket.destroy(), { once: true });
        let session: Session | null = null;
        let head = '';
        const finish = () => {
          if (!session) return;
          const date = /^date:\s*(.+)$/im.exec(head)?.[1];
          const parsed = date ? new Date(date) : null;
          session.serverDate = parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
          socket.destroy();
          resolve(session);
        };
        socket.once('secureConnect', () => {
          session = {
            chain: presentedChain(socket),
            protocol: socket.getProtocol() ?? null,
            cipher: socket.getCipher()?.name ?? null,
            serverDate: null,
            afterHandshake: null,
            answered: false,
          };
          if (!options.httpProbe) return finish();
          socket.write(`HEAD / HTTP/1.1\r\nHost: ${target.host}\r\nUser-Agent: ca-bridge\r\nConnection: close\r\n\r\n`);
          setTimeout(finish, Math.min(3000, options.timeoutMs / 2)).unref();
        });
        socket.on('data', (chunk: Buffer) => {
          if (session) session.answered = true;
          // Only the response head is wanted (for its Date header); a server that floods after the
          // handshake must not fill memory: at the cap the session ends with what it has.
          head += chunk.subarray(0, MAX_RESPONSE_HEAD - head.length).toString('latin1');
          if (head.includes('\r\n\r\n') || head.length >= MAX_RESPONSE_HEAD) finish();
        });
        socket.once('error', (error) => {
          if (session) {
            session.afterHandshake = classifyError(error, 'site', formatTarget(target)).toValue();
            return finish();
          }
          reject(classifyError(error, 'site', formatTarget(target)));
        });
        socket.once('close', () =>
          session ? finish() : reject(new ProbeFailure('reset', `${formatTarget(target)} closed the connection during the TLS handshake`)),
        );
      });
    },
    options.signal,
  );
}
