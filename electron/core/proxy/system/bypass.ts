/**
 * Bypass lists of system settings (Windows ProxyOverride, macOS exceptions, GNOME ignore-hosts, KDE
 * NoProxyFor): names with `*` wildcards, `.domain` suffixes, `host:port`, and IPv4 CIDR ranges.
 */
import net from 'node:net';
import { shExpMatch } from '../pac/glob-match.js';
import { inNet } from '../pac/pac-dns.js';

function cidrMatch(host: string, entry: string): boolean {
  const match = /^(\d+(?:\.\d+){0,3})\/(\d{1,2})$/.exec(entry);
  if (!match || !net.isIPv4(host)) return false;
  const parts = match[1]!.split('.');
  while (parts.length < 4) parts.push('0'); // macOS writes 169.254/16
  const bits = Number(match[2]);
  if (bits > 32) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const maskText = [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.');
  return inNet(host, parts.join('.'), maskText);
}

export function matchesBypass(host: string, port: number, patterns: readonly string[], simpleNames: boolean): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (simpleNames && !name.includes('.') && !name.includes(':')) return true;
  return patterns.slice(0, 500).some((raw) => {
    let entry = raw.trim().toLowerCase().slice(0, 300);
    if (!entry) return false;
    entry = entry.replace(/^\w+:\/\//, '');
    if (cidrMatch(name, entry)) return true;
    const withPort = /^(.*[^:]):(\d+)$/.exec(entry);
    if (withPort && !entry.includes('::')) {
      if (Number(withPort[2]) !== port) return false;
      entry = withPort[1]!;
    }
    if (entry.startsWith('.')) return name.endsWith(entry) || name === entry.slice(1);
    return shExpMatch(name, entry);
  });
}
