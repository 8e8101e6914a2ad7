import { parsePort } from '../../../shared/targets.js';
import { fail, ok, type Result } from '../../../shared/result.js';

export interface ProxyCredentials {
  /** As typed; `DOMAIN\user` (or `user@REALM`) is split only by the schemes that care (NTLM). */
  user: string;
  password: string;
}

export interface ProxySpec {
  host: string;
  port: number;
  /** Credentials from the URL or from --proxy-user; never printed (output uses `redactedUrl`). */
  auth: ProxyCredentials | null;
  /** `http://host:port`, built from the parsed host and port only: safe for output and logs. */
  redactedUrl: string;
}

const SHAPE = 'expected http://[user:password@]host:port';
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
  const bad = (why: string) => fail<ProxySpec>('bad-proxy', `the proxy URL ${why}`);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return bad(`is not a valid URL (${SHAPE}; ${ENCODE_HINT})`);
  }
  if (url.protocol !== 'http:')
    return bad(`scheme "${url.protocol.replace(':', '')}" is not supported (only http:// CONNECT proxies; a PAC file is given as pac+URL)`);
  if (!url.hostname) return bad('has no host');
  // A raw "#" or "?" in a password moves the rest of it into the fragment or query: refuse, never guess.
  if (url.hash || url.search) {
    return bad(`must not contain "#" or "?" (${ENCODE_HINT})`);
  }
  if (url.pathname !== '/' && url.pathname !== '') return bad(`must not have a path (${SHAPE}; ${ENCODE_HINT})`);
  const port = url.port === '' ? 80 : parsePort(url.port);
  if (port === null) return bad('has an invalid port');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let auth: ProxyCredentials | null = null;
  if (url.username || url.password) {
    const user = decodeComponent(url.username);
    const password = decodeComponent(url.password);
    if (user === null || password === null) return bad(`has a "%" that is not followed by two hexadecimal digits (${ENCODE_HINT})`);
    auth = { user, password };
  }
  return ok({ host, port, auth, redactedUrl: `http://${url.hostname}:${port}` });
}

/** The same proxy with other credentials (--proxy-user with a prompted password). */
export function withCredentials(spec: ProxySpec, auth: ProxyCredentials | null): ProxySpec {
  return auth ? { ...spec, auth } : spec;
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
