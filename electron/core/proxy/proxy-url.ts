import { parsePort } from '../../../shared/targets.js';
import type { ProxyHoldReason } from '../../../shared/detection.js';
import type { ErrorDetailKey } from '../../../shared/error-detail.js';
import type { Params } from '../../../shared/i18n/fill.js';
import { fail, ok, type Result } from '../../../shared/result.js';

export interface ProxyCredentials {
  /** As typed; `DOMAIN\user` (or `user@REALM`) is split only by the schemes that care (NTLM). */
  user: string;
  password: string;
}

/**
 * How CA Bridge talks to a proxy: `http` (CONNECT in clear), `https` (CONNECT inside TLS to the proxy),
 * SOCKS 4 and 5. The `h`/`a` forms let the proxy resolve the site's name (curl's spelling); plain
 * `socks4`/`socks5` resolve it here first.
 */
export const PROXY_SCHEMES = ['http', 'https', 'socks4', 'socks4a', 'socks5', 'socks5h'] as const;
export type ProxyScheme = (typeof PROXY_SCHEMES)[number];

const DEFAULT_PORT: Record<ProxyScheme, number> = { http: 80, https: 443, socks4: 1080, socks4a: 1080, socks5: 1080, socks5h: 1080 };

export const isSocks = (scheme: ProxyScheme) => scheme.startsWith('socks');

export interface ProxySpec {
  scheme: ProxyScheme;
  host: string;
  port: number;
  /** Credentials from the URL or from --proxy-user; never printed (output uses `redactedUrl`). */
  auth: ProxyCredentials | null;
  /** `scheme://host:port`, built from the parsed scheme, host and port only: safe for output and logs. */
  redactedUrl: string;
  /** The user gave credentials, but the policy holds them back from this proxy until confirmed (credential-policy.ts). */
  held?: ProxyHoldReason;
}

const SHAPE = 'expected http://, https://, socks4://, socks4a://, socks5:// or socks5h://[user:password@]host:port';
const ENCODE_HINT = 'in the user name or password, write / as %2F, @ as %40, : as %3A, # as %23, % as %25 and \\ as %5C';

/** Percent-decoding that reports malformed input instead of throwing "URI malformed". */
function decodeComponent(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * Parses a proxy URL with the WHATWG `URL` parser. Error messages never repeat the input: it may hold
 * a password, and a URL that failed to parse cannot be split reliably into the parts that are safe.
 */
export function parseProxyUrl(text: string): Result<ProxySpec> {
  const bad = (why: string, key: ErrorDetailKey, params: Params = {}) =>
    fail<ProxySpec>('bad-proxy', `the proxy URL ${why}`, undefined, { key, params });
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return bad(`is not a valid URL (${SHAPE}; ${ENCODE_HINT})`, 'proxy-not-url');
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase() as ProxyScheme;
  // curl reads socks:// as SOCKS 4, Chromium as SOCKS 5: guessing would probe the wrong protocol.
  if ((scheme as string) === 'socks')
    return bad('scheme "socks" means SOCKS 4 to curl and SOCKS 5 to Chromium: write socks4:// or socks5h://', 'proxy-socks');
  if (!PROXY_SCHEMES.includes(scheme))
    return bad(
      `scheme "${printableScheme(scheme)}" is not supported (http://, https://, socks4://, socks4a://, socks5:// or socks5h://; a PAC file is given as pac+URL)`,
      'proxy-scheme',
      { scheme: printableScheme(scheme) },
    );
  if (!url.hostname) return bad('has no host', 'proxy-no-host');
  // A raw "#" or "?" in a password moves the rest of it into the fragment or query: refuse, never guess.
  if (url.hash || url.search) {
    return bad(`must not contain "#" or "?" (${ENCODE_HINT})`, 'proxy-hash');
  }
  if (url.pathname !== '/' && url.pathname !== '') return bad(`must not have a path (${SHAPE}; ${ENCODE_HINT})`, 'proxy-path');
  // The WHATWG parser drops a port equal to the scheme's default (80 for http, 443 for https).
  const port = url.port === '' ? DEFAULT_PORT[scheme] : parsePort(url.port);
  if (port === null) return bad('has an invalid port', 'proxy-port');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let auth: ProxyCredentials | null = null;
  if (url.username || url.password) {
    const user = decodeComponent(url.username);
    const password = decodeComponent(url.password);
    if (user === null || password === null)
      return bad(`has a "%" that is not followed by two hexadecimal digits (${ENCODE_HINT})`, 'proxy-percent');
    auth = { user, password };
  }
  if (scheme === 'socks4' || scheme === 'socks4a') {
    // SOCKS 4 has a user id and no password: a password here would be silently dropped.
    if (auth?.password)
      return bad('cannot carry a password: SOCKS 4 has no password authentication (use socks5:// or socks5h://)', 'proxy-socks4-password');
  }
  return ok({ scheme, host, port, auth, redactedUrl: `${scheme}://${url.hostname}:${port}` });
}

/** A scheme the user typed, shown back only when it is a plain word (it comes before any secret). */
function printableScheme(scheme: string): string {
  return /^[a-z][a-z0-9+.-]{0,19}$/.test(scheme) ? scheme : '?';
}

/** The same proxy as a URL with its credentials, for tools that are handed the proxy (verify). */
export function proxyUrlWithCredentials(proxy: ProxySpec): string {
  const auth = proxy.auth ? `${encodeURIComponent(proxy.auth.user)}:${encodeURIComponent(proxy.auth.password)}@` : '';
  return `${proxy.scheme}://${auth}${proxy.host.includes(':') ? `[${proxy.host}]` : proxy.host}:${proxy.port}`;
}

/** Every form in which a password can show up in text a tool printed: raw, percent-encoded, and inside a Basic token. */
export function secretForms(auth: ProxyCredentials | null): string[] {
  if (!auth || !auth.password) return [];
  const urlEncoded = new URL('http://h/');
  urlEncoded.password = auth.password;
  const forms = [
    auth.password,
    encodeURIComponent(auth.password),
    urlEncoded.password,
    Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64'),
    Buffer.from(`${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}`, 'utf8').toString('base64'),
    // Python's requests encodes Basic credentials as Latin-1.
    Buffer.from(`${auth.user}:${auth.password}`, 'latin1').toString('base64'),
  ];
  return [...new Set(forms)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/** Replaces every known form of the password in text we did not write ourselves (a tool's error output). */
export function redactSecrets(text: string, auth: ProxyCredentials | null): string {
  let out = text;
  for (const secret of secretForms(auth)) out = out.split(secret).join('***');
  return out;
}
