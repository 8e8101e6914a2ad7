/**
 * The SOCKS leg of a tunnel: on a TCP connection already open to the proxy, asks it to connect to the
 * site (SOCKS 4, 4a, 5 with RFC 1929 username/password). The protocol itself is the `socks` package's;
 * this file decides where the site's name is resolved, bounds what the proxy may send, and turns its
 * failures into the probe's codes.
 */
import { lookup } from 'node:dns/promises';
import { isIP, type Socket } from 'node:net';
import { SocksClient, SocksClientError, type SocksProxy } from 'socks';
import { resolveConnectTo, type ConnectTo } from '../../../shared/connect-to.js';
import { formatTarget, type Target } from '../../../shared/targets.js';
import { ProxyAuthFailure } from '../proxy/auth/failure.js';
import { noteCredentialsHeld, noteCredentialsSent, proxyHostPort } from '../proxy/credential-policy.js';
import type { ProxySpec } from '../proxy/proxy-url.js';
import { classifyError, ProbeFailure } from './errors.js';

/**
 * A SOCKS 5 reply is at most 262 bytes (a 255-byte name, header and port), SOCKS 4's is 8, the
 * username/password answer 2. More than this before the tunnel is up is not a SOCKS proxy talking.
 */
const MAX_HANDSHAKE_BYTES = 1024;
/** RFC 1929 carries each of user name and password in at most 255 bytes. */
const MAX_RFC1929_FIELD = 255;
/**
 * The method as `proxyAuth.offered`/`tried` carry it: RFC 1928's own name for method X'02', an
 * identifier like an HTTP scheme name, so each front door shows it as data and words the rest.
 */
const USERPASS_METHOD = 'USERNAME/PASSWORD';
/** The same method in the engine's English messages. */
const USERPASS = 'username/password (RFC 1929)';

/**
 * The address handed to the proxy. `socks4a` and `socks5h` send the name and let the proxy resolve
 * it (curl's meaning of those schemes). `socks4` and `socks5` resolve it here first, through
 * --connect-to like a hosts-file entry; SOCKS 4 can only carry an IPv4 address.
 */
async function destinationFor(target: Target, proxy: ProxySpec, mappings: readonly ConnectTo[]): Promise<Target> {
  if (proxy.scheme === 'socks4a' || proxy.scheme === 'socks5h') return target;
  const where = resolveConnectTo(target, mappings);
  const family = proxy.scheme === 'socks4' ? 4 : 0;
  if (isIP(where.host) && (family === 0 || isIP(where.host) === 4)) return where;
  try {
    const found = await lookup(where.host, { family });
    return { host: found.address, port: where.port };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const v4 = family === 4 ? ' to an IPv4 address (SOCKS 4 carries no other)' : '';
    throw new ProbeFailure(
      'dns',
      `${formatTarget(target)} could not be resolved${v4} on this computer (${code}); ${proxy.scheme}:// resolves names locally, socks5h:// or socks4a:// let the proxy do it`,
    );
  }
}

function socksProxyOf(proxy: ProxySpec): SocksProxy {
  const auth = proxy.auth;
  if (proxy.scheme === 'socks4' || proxy.scheme === 'socks4a') {
    if (auth?.password) {
      throw new ProxyAuthFailure(`proxy ${proxy.redactedUrl}: SOCKS 4 has no password authentication; use socks5:// or socks5h://`, {
        offered: [],
        tried: null,
        problem: 'unsupported-scheme',
      });
    }
    return { host: proxy.host, port: proxy.port, type: 4, ...(auth?.user ? { userId: auth.user } : {}) };
  }
  if (auth && (Buffer.byteLength(auth.user) > MAX_RFC1929_FIELD || Buffer.byteLength(auth.password) > MAX_RFC1929_FIELD)) {
    throw new ProxyAuthFailure(`proxy ${proxy.redactedUrl}: a SOCKS 5 user name or password is at most 255 bytes`, {
      offered: [],
      tried: null,
      problem: 'rejected',
    });
  }
  return { host: proxy.host, port: proxy.port, type: 5, ...(auth ? { userId: auth.user, password: auth.password } : {}) };
}

/** The `socks` package's English errors → the probe's codes; its text never carries the credentials. */
function failureOf(error: unknown, proxy: ProxySpec, target: Target): ProbeFailure {
  if (error instanceof ProbeFailure) return error;
  const label = `proxy ${proxy.redactedUrl}`;
  const text = error instanceof Error ? error.message : String(error);
  if (!(error instanceof SocksClientError)) return new ProbeFailure('proxy-error', `${label}: ${text}`);
  if (/Authentication failed/i.test(text)) {
    return new ProxyAuthFailure(`${label} rejected the SOCKS 5 user name and password (RFC 1929)`, {
      offered: [USERPASS_METHOD],
      tried: USERPASS_METHOD,
      problem: 'rejected',
    });
  }
  if (/no accepted authentication type/i.test(text)) {
    if (proxy.held) {
      noteCredentialsHeld(proxy);
      return new ProxyAuthFailure(
        `${label} wants SOCKS 5 authentication, but it was named only by ${proxy.held === 'wpad' ? 'a WPAD file found on the network' : 'a proxy setting whose origin is unknown'}: CA Bridge sends your credentials to it only after you confirm it, with --confirm-proxy ${proxyHostPort(proxy)}`,
        { offered: [USERPASS_METHOD], tried: null, problem: 'unconfirmed-proxy' },
      );
    }
    return proxy.auth
      ? new ProxyAuthFailure(`${label} accepts none of the SOCKS 5 authentication methods CA Bridge offers (none, ${USERPASS})`, {
          offered: [],
          tried: null,
          problem: 'unsupported-scheme',
        })
      : new ProxyAuthFailure(
          `${label} wants SOCKS 5 authentication: give user:password in the proxy URL (percent-encoded) or --proxy-user with the password at the prompt or in CA_BRIDGE_PROXY_PASSWORD`,
          { offered: [USERPASS_METHOD], tried: null, problem: 'no-credentials' },
        );
  }
  if (/rejected/i.test(text)) {
    // The package appends the reply code's name, e.g. "- HostUnreachable".
    const reason = /-\s*([A-Za-z]{1,40})\s*$/.exec(text)?.[1];
    return new ProbeFailure('proxy-error', `${label} refused to connect to ${formatTarget(target)}${reason ? ` (${reason})` : ''}`);
  }
  if (/Socket closed/i.test(text)) return new ProbeFailure('proxy-error', `${label} closed the connection during the SOCKS handshake`);
  if (/timed out/i.test(text)) return new ProbeFailure('timeout', `${label} did not finish the SOCKS handshake in time`);
  return new ProbeFailure('proxy-error', `${label} did not answer as a ${proxy.scheme.startsWith('socks4') ? 'SOCKS 4' : 'SOCKS 5'} proxy`);
}

/** Asks the SOCKS proxy at the other end of `socket` to connect to `target`; resolves with the same socket, tunnelled. */
export async function socksConnect(
  socket: Socket,
  target: Target,
  proxy: ProxySpec,
  mappings: readonly ConnectTo[],
  timeoutMs: number,
): Promise<Socket> {
  // Counted before the package sees each chunk (this listener comes first): whatever the package
  // makes of the bytes, a reply this large ends the attempt.
  let received = 0;
  let oversized: ProbeFailure | null = null;
  const socks5 = proxy.scheme === 'socks5' || proxy.scheme === 'socks5h';
  const count = (chunk: Buffer) => {
    // The method-selection reply is the proxy's first two bytes (RFC 1928 section 3). A method the client
    // did not offer ends the connection there, before the package answers it: offered only "no
    // authentication", a proxy picking username/password would otherwise get an empty RFC 1929 request.
    const method = socks5 && received < 2 && received + chunk.length >= 2 ? chunk[1 - received] : undefined;
    received += chunk.length;
    if (method === 0x02 && !proxy.auth && !oversized) {
      oversized = new ProbeFailure(
        'proxy-error',
        `proxy ${proxy.redactedUrl} chose SOCKS 5 username/password authentication, which CA Bridge did not offer; the connection was closed (RFC 1928)`,
      );
      socket.destroy();
      return;
    }
    if (method === 0x02 && proxy.auth) noteCredentialsSent(proxy, USERPASS_METHOD);
    if (received <= MAX_HANDSHAKE_BYTES || oversized) return;
    oversized = new ProbeFailure('proxy-error', `proxy ${proxy.redactedUrl} sent too much for a SOCKS reply`);
    socket.destroy();
  };
  socket.on('data', count);
  // Until the package takes the socket, nothing else listens for its errors: a reset from the proxy
  // while the site's name is being resolved here would otherwise be an uncaught 'error' event.
  let broken: Error | null = null;
  const onError = (error: Error) => (broken ??= error);
  socket.on('error', onError);
  try {
    const destination = await destinationFor(target, proxy, mappings);
    if (broken || socket.destroyed) {
      throw broken
        ? classifyError(broken, 'proxy', proxy.redactedUrl)
        : new ProbeFailure('proxy-error', `proxy ${proxy.redactedUrl} closed the connection before the SOCKS handshake`);
    }
    const { socket: tunnelled } = await SocksClient.createConnection({
      command: 'connect',
      proxy: socksProxyOf(proxy),
      destination,
      existing_socket: socket,
      timeout: timeoutMs,
    });
    if (oversized) throw oversized;
    return tunnelled;
  } catch (error) {
    socket.destroy();
    throw oversized ?? failureOf(error, proxy, target);
  } finally {
    socket.off('data', count);
    socket.off('error', onError);
  }
}
