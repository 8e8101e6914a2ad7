import net from 'node:net';
import { resolveConnectTo, type ConnectTo } from '../../../shared/connect-to.js';
import { formatTarget, type Target } from '../../../shared/targets.js';
import { offeredSchemes, parseChallenges } from '../proxy/auth/challenges.js';
import { ConnectAuth } from '../proxy/auth/connect-auth.js';
import { ProxyAuthFailure } from '../proxy/auth/failure.js';
import { noteOfferedSchemes } from '../proxy/auth/observed.js';
import { isSocks, type ProxySpec } from '../proxy/proxy-url.js';
import { classifyError, ProbeFailure } from './errors.js';
import { proxyTls } from './proxy-tls.js';
import { socksConnect } from './socks-tunnel.js';

export interface Tunnel {
  socket: net.Socket;
  connectedTo: string;
  connectMs: number;
  proxyMs: number | null;
}

const MAX_PROXY_HEADER = 16 * 1024;

/** Opens a TCP connection, honouring --connect-to for whichever host we dial (the site, or the proxy). */
function dial(
  hop: Target,
  mappings: readonly ConnectTo[],
  peer: 'site' | 'proxy',
  signal: AbortSignal,
): Promise<{ socket: net.Socket; address: string }> {
  const where = resolveConnectTo(hop, mappings);
  const address = formatTarget(where);
  const label = peer === 'proxy' ? `proxy ${formatTarget(hop)}` : formatTarget(hop);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: where.host, port: where.port });
    const onAbort = () => socket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve({ socket, address });
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(classifyError(error, peer, peer === 'proxy' ? `${formatTarget(hop)}` : label));
    });
  });
}

interface ProxyAnswer {
  status: number;
  statusLine: string;
  /** Every `Proxy-Authenticate` value, in order. */
  challenges: string[];
  /** Whether the proxy keeps the connection open after a non-2xx answer (its body was read). */
  reusable: boolean;
  rest: Buffer;
}

/** A 407 page is small; a bigger body is not worth reading to keep the connection. */
const MAX_ERROR_BODY = 64 * 1024;

function headerValues(lines: readonly string[], name: string): string[] {
  const prefix = `${name.toLowerCase()}:`;
  return lines.filter((l) => l.toLowerCase().startsWith(prefix)).map((l) => l.slice(prefix.length).trim());
}

/** Whether a non-2xx answer leaves the connection usable: HTTP/1.1 without "close", a known body length. */
function keepsConnection(statusLine: string, lines: readonly string[]): number | null {
  const connection = [...headerValues(lines, 'connection'), ...headerValues(lines, 'proxy-connection')].join(',').toLowerCase();
  const http11 = statusLine.startsWith('HTTP/1.1');
  if (connection.includes('close') || (!http11 && !connection.includes('keep-alive'))) return null;
  if (headerValues(lines, 'transfer-encoding').length) return null;
  const lengths = headerValues(lines, 'content-length');
  const length = lengths.length === 1 && /^\d{1,9}$/.test(lengths[0]!) ? Number(lengths[0]) : null;
  return length !== null && length <= MAX_ERROR_BODY ? length : null;
}

function readProxyResponse(socket: net.Socket, proxyLabel: string): Promise<ProxyAnswer> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    let head: { status: number; statusLine: string; lines: string[]; bodyStart: number; bodyLength: number | null } | null = null;
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onError);
    };
    const finish = (answer: ProxyAnswer) => {
      cleanup();
      socket.pause(); // TLS (or the next CONNECT) takes the socket over; nothing may be read and lost before that
      resolve(answer);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!head) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end === -1) {
          if (buffered.length > MAX_PROXY_HEADER) {
            cleanup();
            reject(new ProbeFailure('proxy-error', `proxy ${proxyLabel} sent an oversized or non-HTTP answer to CONNECT`));
          }
          return;
        }
        const [statusLine = '', ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
        const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
        if (!match) {
          cleanup();
          reject(
            new ProbeFailure(
              'proxy-error',
              `proxy ${proxyLabel} did not answer CONNECT with HTTP (got "${printable(statusLine.slice(0, 60))}")`,
            ),
          );
          return;
        }
        const status = Number(match[1]);
        const ok = status >= 200 && status <= 299;
        head = { status, statusLine, lines, bodyStart: end + 4, bodyLength: ok ? 0 : keepsConnection(statusLine, lines) };
      }
      const { status, statusLine, lines, bodyStart, bodyLength } = head;
      const challenges = headerValues(lines, 'proxy-authenticate');
      if (bodyLength === null) return finish({ status, statusLine, challenges, reusable: false, rest: Buffer.alloc(0) });
      if (buffered.length < bodyStart + bodyLength) return; // the rest of the error page is still coming
      finish({ status, statusLine, challenges, reusable: status < 200 || status > 299, rest: buffered.subarray(bodyStart + bodyLength) });
    };
    const onClose = () => {
      cleanup();
      reject(new ProbeFailure('proxy-error', `proxy ${proxyLabel} closed the connection without answering CONNECT`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(classifyError(error, 'proxy', proxyLabel));
    };
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onError);
    socket.resume();
  });
}

/** Network text shown to the user: no terminal controls, no bidi overrides (a proxy must not draw on the screen). */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

function connectRequest(target: Target, authorization: string | null): string {
  const authority = formatTarget(target);
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`, 'Proxy-Connection: keep-alive'];
  if (authorization) lines.push(`Proxy-Authorization: ${authorization}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/**
 * The SOCKS handshake's own limit, a backstop: the probe's deadline aborts the socket first in
 * every normal run.
 */
const SOCKS_HANDSHAKE_MS = 30_000;

/** A connection to the proxy: TCP, inside verified TLS for an HTTPS proxy. */
async function dialProxy(
  proxy: ProxySpec,
  mappings: readonly ConnectTo[],
  signal: AbortSignal,
  proxyTrust: readonly string[],
  onPhase: (phase: string) => void = () => {},
): Promise<{ socket: net.Socket; address: string }> {
  const tcp = await dial({ host: proxy.host, port: proxy.port }, mappings, 'proxy', signal);
  if (proxy.scheme !== 'https') return tcp;
  onPhase(`during the TLS handshake with HTTPS proxy ${proxy.redactedUrl}`);
  return { socket: await proxyTls(tcp.socket, proxy, proxyTrust, signal), address: tcp.address };
}

/** NTLM takes two 407 rounds; one more covers a proxy that restarts the exchange. Anything longer is a loop. */
const MAX_AUTH_ROUNDS = 4;

/**
 * A stream to `target`: direct, through a SOCKS proxy, or through an HTTP CONNECT proxy (in clear or
 * inside TLS to an HTTPS proxy), authenticating when it asks. `proxyTrust` (PEM) verifies an HTTPS proxy.
 */
export async function openTunnel(
  target: Target,
  proxy: ProxySpec | null,
  mappings: readonly ConnectTo[],
  signal: AbortSignal,
  onPhase: (phase: string) => void,
  proxyTrust: readonly string[] = [],
): Promise<Tunnel> {
  const started = performance.now();
  onPhase(proxy ? `connecting to proxy ${proxy.redactedUrl}` : 'connecting');
  const first = proxy ? await dialProxy(proxy, mappings, signal, proxyTrust, onPhase) : await dial(target, mappings, 'site', signal);
  const address = first.address;
  let socket = first.socket;
  const connectMs = performance.now() - started;
  if (!proxy) return { socket, connectedTo: address, connectMs, proxyMs: null };
  if (isSocks(proxy.scheme)) {
    onPhase(`waiting for the SOCKS proxy ${proxy.redactedUrl} to connect to the site`);
    const askedAt = performance.now();
    const tunnelled = await socksConnect(socket, target, proxy, mappings, SOCKS_HANDSHAKE_MS);
    return { socket: tunnelled, connectedTo: `${address} (${proxy.scheme} proxy)`, connectMs, proxyMs: performance.now() - askedAt };
  }

  const label = `proxy ${proxy.scheme === 'https' ? proxy.redactedUrl : formatTarget(proxy)}`;
  const auth = new ConnectAuth(proxy, label, signal);
  const askedAt = performance.now();
  let authorization: string | null = null;
  let reused = false;
  let needsSameConnection = false;
  // Between two answers — while the next Proxy-Authorization is built, which for Kerberos or Windows
  // sign-on can take seconds — nothing else listens on the connection: a reset from the proxy then
  // would be an uncaught 'error' event. This listener only keeps it caught; whether the connection is
  // still usable is checked (socket.destroyed) before it is used again.
  const keepCaught = () => {};
  socket.on('error', keepCaught);
  const redial = async () => {
    ({ socket } = await dialProxy(proxy, mappings, signal, proxyTrust));
    socket.on('error', keepCaught);
  };
  try {
    for (let round = 0; ; round++) {
      onPhase(round === 0 ? 'waiting for the proxy to answer CONNECT' : 'authenticating to the proxy');
      socket.write(connectRequest(target, authorization));
      let answer: ProxyAnswer;
      try {
        answer = await readProxyResponse(socket, formatTarget(proxy));
      } catch (error) {
        // A proxy may close a connection it had not marked "close": ask again on a fresh one,
        // unless the exchange needed this very connection (NTLM's last message).
        if (!reused || needsSameConnection || !(error instanceof ProbeFailure) || error.code !== 'proxy-error') throw error;
        socket.destroy();
        await redial();
        socket.write(connectRequest(target, authorization));
        answer = await readProxyResponse(socket, formatTarget(proxy));
      }
      if (answer.status >= 200 && answer.status <= 299) {
        if (answer.rest.length > 0) socket.unshift(answer.rest);
        break;
      }
      if (answer.status !== 407) {
        const reason = printable(answer.statusLine.replace(/^HTTP\/1\.[01] /, '').slice(0, 200));
        // The status lets the page tell "could not reach the site" (502, 504) from "refused" (403).
        throw new ProbeFailure('proxy-error', `${label} answered "${reason}" to CONNECT ${formatTarget(target)}`, {
          proxyStatus: answer.status,
        });
      }
      if (round >= MAX_AUTH_ROUNDS) throw new ProbeFailure('proxy-auth-required', `${label} kept asking for authentication`);
      const challenges = parseChallenges(answer.challenges);
      noteOfferedSchemes(proxy, offeredSchemes(challenges));
      // Windows sign-on may wait for a domain controller: a deadline here should say so.
      onPhase("answering the proxy's authentication request");
      const next = await auth.next(challenges);
      if (next instanceof ProxyAuthFailure) throw next;
      // The proxy may have closed or reset the connection while the answer was being built.
      const stillOpen = answer.reusable && !socket.destroyed;
      reused = stillOpen;
      needsSameConnection = next.needsSameConnection;
      if (!stillOpen) {
        if (next.needsSameConnection)
          throw new ProbeFailure('proxy-error', `${label} closed the connection in the middle of NTLM authentication`);
        socket.destroy();
        await redial();
      }
      authorization = next.header;
    }
  } catch (error) {
    socket.destroy();
    throw error;
  } finally {
    // Windows security contexts live only for this exchange.
    auth.dispose();
    // From here the caller's TLS handles the connection's errors.
    socket.off('error', keepCaught);
  }
  return {
    socket,
    connectedTo: `${address} (${proxy.scheme === 'https' ? 'HTTPS proxy' : 'proxy'})`,
    connectMs,
    proxyMs: performance.now() - askedAt,
  };
}
