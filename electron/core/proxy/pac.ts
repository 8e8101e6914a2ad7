/**
 * Chromium's proxy decision for a URL (session.resolveProxy) in PAC form, e.g.
 * "PROXY proxy.corp:8080; DIRECT". Returns the first entry the engine can use: an HTTP proxy URL,
 * or null for DIRECT. SOCKS and HTTPS proxies are skipped (the engine speaks HTTP CONNECT only).
 */
export function proxyFromPac(pac: string): string | null {
  for (const entry of pac
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [kind, hostPort] = entry.split(/\s+/);
    if (kind?.toUpperCase() === 'DIRECT') return null;
    if (kind?.toUpperCase() === 'PROXY' && hostPort) return `http://${hostPort}`;
  }
  return null;
}
