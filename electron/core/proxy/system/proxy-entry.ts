/**
 * A proxy as an OS setting writes it ("host:port", "host port", "socks://host:port", "socks4://host"),
 * turned into the proxy URL CA Bridge probes through, with the scheme Chromium would speak to it.
 *
 * Chromium: its SOCKS 4 client (net/socket/socks_client_socket.cc) resolves the site's name itself
 * and sends an address; its SOCKS 5 client always sends the name for the proxy to resolve (address
 * type "domain" in SOCKS5ClientSocket::BuildHandshakeWriteBuffer, net/socket/socks5_client_socket.cc). CA Bridge says the same with curl's spelling: `socks4` (resolved here) and `socks5h`
 * (resolved by the proxy).
 */
import type { ProxyScheme } from '../proxy-url.js';

/** The version a setting gives a scheme-less entry: Chromium's SCHEME_HTTP, SCHEME_SOCKS4 or SCHEME_SOCKS5. */
export type EntryDefault = 'http' | 'socks4' | 'socks5h';

/**
 * How the setting's text is read. `uri`: Chromium's proxy URI format (Windows ProxyServer, through
 * ProxyServer::FromURI), where a written scheme wins: http, https, socks4, socks5 (also "socks").
 * `desktop`: GNOME and KDE, through FixupProxyHostScheme in proxy_config_service_linux.cc, which
 * strips any written scheme and keeps the setting's own, except "socks4://" in a SOCKS setting.
 */
export type EntryStyle = 'uri' | 'desktop';

const URI_SCHEMES: Record<string, ProxyScheme> = { http: 'http', https: 'https', socks4: 'socks4', socks5: 'socks5h', socks: 'socks5h' };

const DEFAULT_PORT: Record<ProxyScheme, number> = { http: 80, https: 443, socks4: 1080, socks4a: 1080, socks5: 1080, socks5h: 1080 };

/** `scheme://host:port`, IPv6 literals bracketed; without a port, the scheme's default (as Chromium). */
export function proxyUrlOf(scheme: ProxyScheme, host: string, port: number | null): string {
  const bare = host.replace(/^\[|\]$/g, '');
  return `${scheme}://${bare.includes(':') ? `[${bare}]` : bare}:${port ?? DEFAULT_PORT[scheme]}`;
}

/** The scheme an entry is spoken with, and the entry without its scheme and credentials; null: not a proxy. */
function schemeOf(entry: string, fallback: EntryDefault, style: EntryStyle): { scheme: ProxyScheme; rest: string } | null {
  const text = entry.trim().slice(0, 300);
  const written = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/is.exec(text);
  let scheme: ProxyScheme = fallback;
  if (written) {
    const name = written[1]!.toLowerCase();
    if (style === 'uri') {
      const named = URI_SCHEMES[name];
      if (!named) return null; // quic://, direct://…: nothing CA Bridge can probe through
      scheme = named;
    } else if (fallback === 'socks5h' && name === 'socks4') scheme = 'socks4';
  }
  const rest = (written ? written[2]! : text).replace(/^.*@/s, '').replace(/\/+$/, '');
  return rest ? { scheme, rest } : null;
}

const HOST = /^(?:\[[0-9a-f:.]+\]|[^\s:/[\]@]+)$/i;

/**
 * A setting holding host and port together ("host:port", "[v6]:port", "host port" in older KDE files,
 * a bare host) → a proxy URL; the first entry of a comma-separated fail-over list. Null: no usable proxy.
 */
export function proxyUrlFromEntry(entry: string, fallback: EntryDefault, style: EntryStyle): string | null {
  const parsed = schemeOf(entry.split(',')[0] ?? '', fallback, style);
  if (!parsed) return null;
  const match = /^(.+?)(?:(?::|\s+)(\d{1,5}))?$/.exec(parsed.rest);
  if (!match || !HOST.test(match[1]!)) return null;
  return withPort(parsed.scheme, match[1]!, match[2] === undefined ? null : Number(match[2]));
}

/** A setting holding the host (maybe with a scheme) and the port apart (GNOME, macOS); port 0: the default. */
export function proxyUrlFromHost(host: string, port: number, fallback: EntryDefault, style: EntryStyle): string | null {
  const parsed = schemeOf(host, fallback, style);
  if (!parsed) return null;
  const name = parsed.rest.includes(':') && !parsed.rest.startsWith('[') ? `[${parsed.rest}]` : parsed.rest;
  if (!HOST.test(name)) return null;
  return withPort(parsed.scheme, name, port === 0 ? null : port);
}

function withPort(scheme: ProxyScheme, host: string, port: number | null): string | null {
  if (port !== null && !(Number.isInteger(port) && port >= 1 && port <= 65535)) return null;
  return proxyUrlOf(scheme, host, port);
}
