import { parsePort } from '../../../shared/targets.js';
import { fail, ok, type Result } from '../../../shared/result.js';

export interface ProxySpec {
  host: string;
  port: number;
  /** Basic credentials taken from the URL; never printed, see `redactedUrl`. */
  auth: { user: string; password: string } | null;
  /** `http://host:port`, safe for output and logs. */
  redactedUrl: string;
}

export function parseProxyUrl(text: string): Result<ProxySpec> {
  const bad = (why: string) => fail<ProxySpec>('bad-proxy', `proxy "${redactCredentials(text)}": ${why}`);
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `http://${text}`);
  } catch {
    return bad('is not a URL (expected http://[user:password@]host:port)');
  }
  if (url.protocol !== 'http:') return bad(`scheme "${url.protocol.replace(':', '')}" is not supported (only http:// CONNECT proxies)`);
  if (!url.hostname) return bad('has no host');
  if (url.pathname !== '/' && url.pathname !== '') return bad('must not have a path');
  const port = url.port === '' ? 80 : parsePort(url.port);
  if (port === null) return bad('has an invalid port');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const auth = url.username ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : null;
  return ok({ host, port, auth, redactedUrl: `http://${url.hostname}:${port}` });
}

/** Hides any `user:password@` in a proxy URL, also in text that failed to parse. */
export function redactCredentials(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/g, '//***@').replace(/^[^/:@\s]+:[^/@\s]*@/, '***@');
}
