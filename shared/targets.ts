import { fail, ok, type Result } from './result.js';

export interface Target {
  host: string;
  port: number;
}

export interface DefaultTarget extends Target {
  /** The public CA family that normally issues this site's certificate (it changes over time). */
  caFamily: string;
}

/**
 * Sites whose genuine certificates come from different public CA families, so that a single
 * non-public issuer across all of them can only be an interceptor. Families as observed in 2026;
 * detection never relies on them, they only explain why these sites were picked.
 */
export const DEFAULT_TARGETS: readonly DefaultTarget[] = [
  { host: 'www.google.com', port: 443, caFamily: 'Google Trust Services' },
  { host: 'www.digicert.com', port: 443, caFamily: 'DigiCert' },
  { host: 'sectigo.com', port: 443, caFamily: 'Sectigo' },
  { host: 'letsencrypt.org', port: 443, caFamily: "Let's Encrypt (ISRG)" },
  { host: 'aws.amazon.com', port: 443, caFamily: 'Amazon Trust Services' },
  { host: 'www.microsoft.com', port: 443, caFamily: 'Microsoft (chained to DigiCert Global Root G2)' },
  { host: 'www.globalsign.com', port: 443, caFamily: 'GlobalSign' },
  { host: 'github.com', port: 443, caFamily: 'Sectigo / USERTrust ECC' },
  { host: 'registry.npmjs.org', port: 443, caFamily: 'Cloudflare edge (Google Trust Services)' },
  { host: 'pypi.org', port: 443, caFamily: 'GlobalSign (Fastly)' },
];

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

export function isValidHostName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  if (isIpLiteral(host)) return true;
  return host
    .replace(/\.$/, '')
    .split('.')
    .every((label) => HOST_LABEL.test(label));
}

export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || (host.includes(':') && /^[0-9a-f:.]+$/i.test(host));
}

export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

/** Splits `host`, `host:port`, `[v6]` or `[v6]:port`. */
export function splitHostPort(text: string): { host: string; port: string | null } | null {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ?? null };
  const colons = text.split(':').length - 1;
  if (colons === 0) return { host: text, port: null };
  if (colons === 1) {
    const [host, port] = text.split(':') as [string, string];
    return { host, port };
  }
  return null; // a bare IPv6 address is ambiguous with a port: require brackets
}

export function parseTarget(text: string, defaultPort = 443): Result<Target> {
  const trimmed = text.trim();
  const parts = splitHostPort(trimmed);
  if (!parts || !parts.host)
    return fail('bad-target', `"${text}" is not host[:port]`, undefined, { key: 'target-shape', params: { value: text } });
  const host = parts.host.toLowerCase();
  if (!isValidHostName(host))
    return fail('bad-target', `"${text}": "${parts.host}" is not a valid host name`, undefined, {
      key: 'target-host',
      params: { value: text, host: parts.host },
    });
  if (parts.port === null) return ok({ host, port: defaultPort });
  const port = parsePort(parts.port);
  if (port === null)
    return fail('bad-target', `"${text}": port must be a number from 1 to 65535`, undefined, {
      key: 'target-port',
      params: { value: text },
    });
  return ok({ host, port });
}

export function parseTargetList(text: string): Result<Target[]> {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) return fail('bad-target', 'the target list is empty', undefined, { key: 'target-empty', params: {} });
  const targets: Target[] = [];
  for (const item of items) {
    const parsed = parseTarget(item);
    if (!parsed.ok) return parsed;
    if (!targets.some((t) => t.host === parsed.value.host && t.port === parsed.value.port)) {
      targets.push(parsed.value);
    }
  }
  return ok(targets);
}

export const formatTarget = (t: Target): string => `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
