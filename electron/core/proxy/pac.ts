/**
 * The answer of a PAC script (or of Chromium's session.resolveProxy), e.g.
 * "PROXY a.corp:8080; HTTPS b.corp:443; SOCKS5 c.corp:1080; DIRECT": a fail-over list, tried in order.
 */
import { parseTarget } from '../../../shared/targets.js';

export type PacEntry =
  | { kind: 'DIRECT' }
  | { kind: 'PROXY' | 'HTTPS' | 'SOCKS' | 'SOCKS4' | 'SOCKS5'; host: string; port: number }
  | { kind: 'invalid'; text: string };

const MAX_ENTRIES = 16;
const DEFAULT_PORTS: Record<string, number> = { PROXY: 80, HTTP: 80, HTTPS: 443, SOCKS: 1080, SOCKS4: 1080, SOCKS5: 1080 };

export function parsePacResult(text: string): PacEntry[] {
  const entries: PacEntry[] = [];
  for (const raw of text.slice(0, 4096).split(';')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entries.length >= MAX_ENTRIES) break;
    const [word = '', hostPort, ...extra] = entry.split(/\s+/);
    const kind = word.toUpperCase();
    if (kind === 'DIRECT' && !hostPort) {
      entries.push({ kind: 'DIRECT' });
      continue;
    }
    const known = kind === 'HTTP' ? 'PROXY' : kind;
    if (!(known in DEFAULT_PORTS) || !hostPort || extra.length) {
      entries.push({ kind: 'invalid', text: entry.replace(/[^\x20-\x7e]/g, '?').slice(0, 100) });
      continue;
    }
    const target = parseTarget(hostPort, DEFAULT_PORTS[known]);
    if (!target.ok) entries.push({ kind: 'invalid', text: entry.replace(/[^\x20-\x7e]/g, '?').slice(0, 100) });
    else entries.push({ kind: known as 'PROXY', host: target.value.host, port: target.value.port });
  }
  // An empty answer means DIRECT (as browsers treat it).
  return entries.length ? entries : [{ kind: 'DIRECT' }];
}

export function formatPacEntry(entry: PacEntry): string {
  if (entry.kind === 'DIRECT') return 'DIRECT';
  if (entry.kind === 'invalid') return `"${entry.text}"`;
  return `${entry.kind} ${entry.host.includes(':') ? `[${entry.host}]` : entry.host}:${entry.port}`;
}

/**
 * A PAC proxy entry as the proxy URL with the same meaning, as Chromium documents it
 * (net/docs/proxy.md, "Proxy server schemes"): `SOCKS` and `SOCKS4` are SOCKS v4 with the site's
 * name resolved on the client (Chromium never uses 4a), so `socks4://`; `SOCKS5` always has the proxy
 * resolve the name (Chromium has no client-side option), so `socks5h://`; `HTTPS` is an HTTP proxy
 * spoken to over TLS. Going the way the browser goes also means asking the same resolver.
 */
const URL_SCHEME_OF_PAC: Record<Exclude<PacEntry['kind'], 'DIRECT' | 'invalid'>, string> = {
  PROXY: 'http',
  HTTPS: 'https',
  SOCKS: 'socks4',
  SOCKS4: 'socks4',
  SOCKS5: 'socks5h',
};

export function pacEntryUrl(entry: Extract<PacEntry, { host: string }>): string {
  return `${URL_SCHEME_OF_PAC[entry.kind]}://${entry.host.includes(':') ? `[${entry.host}]` : entry.host}:${entry.port}`;
}

/** Chromium's decision in PAC form → the first entry the engine can use as a proxy URL, or null for DIRECT. */
export function proxyFromPac(pac: string): string | null {
  for (const entry of parsePacResult(pac)) {
    if (entry.kind === 'DIRECT') return null;
    if (entry.kind !== 'invalid') return pacEntryUrl(entry);
  }
  return null;
}
