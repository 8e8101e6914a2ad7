import net from 'node:net';
import { resolveConnectTo, type ConnectTo } from '../../../shared/connect-to.js';
import { formatTarget, type Target } from '../../../shared/targets.js';
import type { ProxySpec } from '../proxy/proxy-url.js';
import { classifyError, ProbeFailure } from './errors.js';

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

function readProxyResponse(
  socket: net.Socket,
  proxyLabel: string,
): Promise<{ status: number; statusLine: string; headers: string; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length > MAX_PROXY_HEADER) {
          cleanup();
          reject(new ProbeFailure('proxy-error', `proxy ${proxyLabel} sent an oversized or non-HTTP answer to CONNECT`));
        }
        return;
      }
      cleanup();
      socket.pause(); // TLS takes the socket over next; nothing may be read and lost before that
      const head = buffered.subarray(0, end).toString('latin1');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
      if (!match) {
        reject(new ProbeFailure('proxy-error', `proxy ${proxyLabel} did not answer CONNECT with HTTP (got "${statusLine.slice(0, 60)}")`));
        return;
      }
      resolve({ status: Number(match[1]), statusLine, headers: headerLines.join('\n'), rest: buffered.subarray(end + 4) });
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
  });
}

function connectRequest(target: Target, proxy: ProxySpec): string {
  const authority = formatTarget(target);
  const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
  if (proxy.auth) {
    const token = Buffer.from(`${proxy.auth.user}:${proxy.auth.password}`, 'utf8').toString('base64');
    lines.push(`Proxy-Authorization: Basic ${token}`);
  }
  return lines.join('\r\n') + '\r\n\r\n';
}

function connectFailure(status: number, statusLine: string, headers: string, target: Target, proxy: ProxySpec): ProbeFailure {
  const label = `proxy ${formatTarget(proxy)}`;
  const reason = statusLine.replace(/^HTTP\/1\.[01] /, '');
  if (status === 407) {
    // The scheme name comes from the network: keep it to an auth-scheme token, bounded, before it reaches any screen.
    const scheme = /^proxy-authenticate:\s*([A-Za-z0-9._-]{1,40})/im.exec(headers)?.[1];
    const wants = scheme ? ` (it asks for ${scheme} authentication)` : '';
    const message = proxy.auth
      ? `${label} rejected the credentials in the proxy URL${wants}`
      : `${label} requires authentication${wants}: put user:password in the proxy URL, or use the desktop app, which lets the OS authenticate`;
    return new ProbeFailure('proxy-auth-required', message, { ...(scheme ? { scheme } : {}), credentialsSent: proxy.auth ? 'yes' : 'no' });
  }
  return new ProbeFailure('proxy-error', `${label} answered "${reason}" to CONNECT ${formatTarget(target)}`);
}

/** A TCP stream to `target`: direct, or through an HTTP CONNECT proxy. */
export async function openTunnel(
  target: Target,
  proxy: ProxySpec | null,
  mappings: readonly ConnectTo[],
  signal: AbortSignal,
  onPhase: (phase: string) => void,
): Promise<Tunnel> {
  const started = performance.now();
  onPhase(proxy ? `connecting to proxy ${formatTarget(proxy)}` : 'connecting');
  const hop = proxy ? { host: proxy.host, port: proxy.port } : target;
  const { socket, address } = await dial(hop, mappings, proxy ? 'proxy' : 'site', signal);
  const connectMs = performance.now() - started;
  if (!proxy) return { socket, connectedTo: address, connectMs, proxyMs: null };

  onPhase('waiting for the proxy to answer CONNECT');
  const askedAt = performance.now();
  socket.write(connectRequest(target, proxy));
  try {
    const answer = await readProxyResponse(socket, formatTarget(proxy));
    if (answer.status < 200 || answer.status > 299) throw connectFailure(answer.status, answer.statusLine, answer.headers, target, proxy);
    if (answer.rest.length > 0) socket.unshift(answer.rest);
  } catch (error) {
    socket.destroy();
    throw error;
  }
  return { socket, connectedTo: `${address} (proxy)`, connectMs, proxyMs: performance.now() - askedAt };
}
