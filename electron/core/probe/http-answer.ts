import type tls from 'node:tls';
import type { HttpAnswer } from '../../../shared/detection.js';
import { escapeNetworkText } from '../../../shared/network-text.js';
import { formatTarget, type Target } from '../../../shared/targets.js';

/** A response head larger than this is not read further: the status line and the first headers decide. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** A site that completed TLS but does not answer a request in this time is left as it is (the chain already counts). */
export const HTTP_ANSWER_MS = 5_000;
const MAX_VALUE_CHARS = 120;

/**
 * After the handshake, one `HEAD /` shows who answers on the other side of the forged certificate. An
 * inspecting proxy that cannot reach the site still completes TLS with a certificate for the name, then
 * serves its own error or block page: squid marks it with `X-Squid-Error` (ERR_DNS_FAIL, ERR_CONNECT_FAIL,
 * ERR_ACCESS_DENIED…), mitmproxy answers 502 with `Server: mitmproxy …`, RFC 9209 proxies add `Proxy-Status`
 * with an error. Every header value kept is network text, escaped. Never throws: no answer is `null`.
 */
export function readHttpAnswer(
  socket: tls.TLSSocket,
  target: Target,
  signal: AbortSignal,
  budgetMs = HTTP_ANSWER_MS,
): Promise<HttpAnswer | null> {
  // The port belongs in Host unless it is 443: an inspecting proxy builds the URL from it (squid answers a wrong port with ERR_CANNOT_FORWARD).
  const authority = target.port === 443 ? formatTarget(target).replace(/:443$/, '') : formatTarget(target);
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    let settled = false;
    const finish = (answer: HttpAnswer | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      resolve(answer);
    };
    const onAbort = () => finish(null);
    const timer = setTimeout(() => finish(null), budgetMs);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]).subarray(0, MAX_HEAD_BYTES);
      const end = buffered.indexOf('\r\n\r\n');
      if (end !== -1 || buffered.length >= MAX_HEAD_BYTES)
        finish(parseHead(buffered.subarray(0, end === -1 ? undefined : end).toString('latin1')));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.once('error', () => finish(null));
    socket.once('close', () => finish(buffered.length ? parseHead(buffered.toString('latin1')) : null));
    socket.write(`HEAD / HTTP/1.1\r\nHost: ${authority}\r\nUser-Agent: ca-bridge\r\nAccept: */*\r\nConnection: close\r\n\r\n`);
  });
}

const clip = (value: string) => escapeNetworkText(value.trim().slice(0, MAX_VALUE_CHARS));

/** The status and the few headers that say who answered; anything that is not an HTTP response head is `null`. */
export function parseHead(head: string): HttpAnswer | null {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})\b/.exec(statusLine);
  if (!status) return null;
  const header = (name: string) => {
    const line = lines.find((l) => l.toLowerCase().startsWith(`${name}:`));
    return line === undefined ? null : clip(line.slice(name.length + 1));
  };
  return {
    status: Number(status[1]),
    server: header('server'),
    squidError: header('x-squid-error'),
    proxyStatus: header('proxy-status'),
  };
}

/**
 * Whether the answer is the inspecting proxy's own error or block page rather than the site's: only
 * marks a proxy sets on its own pages count, never a bare 5xx (a real site can answer 502 itself).
 */
export function proxyErrorPage(answer: HttpAnswer | null | undefined): boolean {
  if (!answer) return false;
  if (answer.squidError) return true;
  // RFC 9209: an intermediary that generated the response names the error (dns_error, connection_refused…).
  if (answer.proxyStatus && /;\s*error\s*=/i.test(answer.proxyStatus)) return true;
  // mitmproxy serves its own 502 page, and names itself, when it cannot reach the site.
  return answer.status === 502 && /^mitmproxy\b/i.test(answer.server ?? '');
}
