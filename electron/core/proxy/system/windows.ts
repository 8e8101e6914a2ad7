/**
 * Windows: HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings, read with `reg query`
 * (present on every Windows; no native module). ProxyServer is either "host:port" for every scheme
 * or "http=h:p;https=h:p;socks=h:p" (below); ProxyOverride lists bypassed hosts, "<local>" meaning plain
 * names; auto-detect (WPAD) is a flag in Connections\DefaultConnectionSettings (byte 8, bit 0x08).
 */
import { proxyUrlFromEntry } from './proxy-entry.js';
import type { CommandRunner, SystemProxySettings } from './types.js';

const KEY = 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings';

/** `    Name    REG_TYPE    value` lines → name → value. */
export function parseRegQuery(output: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of output.split(/\r?\n/).slice(0, 500)) {
    const match = /^\s+(\S(?:.*?\S)?)\s{2,}(REG_\w+)\s{2,}(.*?)\s*$/.exec(line.slice(0, 4096));
    if (match) values.set(match[1]!.toLowerCase(), match[3]!);
  }
  return values;
}

/**
 * The proxy for https:// URLs in ProxyServer, read as Chromium's ProxyRules::ParseFromString
 * (net/proxy_resolution/proxy_config.cc) reads WinINet's string: one entry without "=" serves every
 * scheme as an HTTP proxy; otherwise "https=" serves https:// URLs and "socks=" every scheme that
 * has no entry of its own, as SOCKS 4 (WinINet's and Chromium's reading of "socks="). An "http="
 * entry alone leaves https:// URLs direct. A written scheme ("socks=socks5://h:p") wins.
 */
export function proxyUrlFromProxyServer(value: string): string | null {
  const entries = value
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean)
    .slice(0, 50);
  const perScheme = new Map<string, string>();
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq === -1) {
      if (perScheme.size === 0) return proxyUrlFromEntry(entry, 'http', 'uri');
      continue; // Chromium skips a scheme-less entry after per-scheme ones
    }
    const scheme = entry.slice(0, eq).trim().toLowerCase();
    if (!perScheme.has(scheme)) perScheme.set(scheme, entry.slice(eq + 1));
  }
  const https = perScheme.get('https');
  if (https !== undefined && https.trim()) return proxyUrlFromEntry(https, 'http', 'uri');
  const socks = perScheme.get('socks');
  return socks !== undefined ? proxyUrlFromEntry(socks, 'socks4', 'uri') : null;
}

export function windowsSettings(internetSettings: string, connections: string | null): SystemProxySettings | null {
  const values = parseRegQuery(internetSettings);
  const enabled = /^0x0*1$/i.test(values.get('proxyenable') ?? '');
  const server = values.get('proxyserver') ?? '';
  const pacUrl = values.get('autoconfigurl')?.trim() || null;
  const flagsHex = connections ? parseRegQuery(connections).get('defaultconnectionsettings') : undefined;
  const flags = flagsHex && flagsHex.length >= 18 ? parseInt(flagsHex.slice(16, 18), 16) : 0;
  const autoDetect = (flags & 0x08) !== 0;
  const proxyUrl = enabled && server ? proxyUrlFromProxyServer(server) : null;
  if (!proxyUrl && !pacUrl && !autoDetect) return null;
  const override = (values.get('proxyoverride') ?? '')
    .split(';')
    .map((e) => e.trim())
    .filter(Boolean);
  return {
    origin: 'windows',
    where: 'Windows Internet Settings (HKCU)',
    pacUrl,
    autoDetect,
    proxyUrl,
    bypass: override.filter((e) => e.toLowerCase() !== '<local>'),
    bypassSimpleNames: override.some((e) => e.toLowerCase() === '<local>'),
  };
}

export async function readWindowsSettings(run: CommandRunner, env: NodeJS.ProcessEnv): Promise<SystemProxySettings | null> {
  const main = await run('reg', ['query', KEY], env);
  if (main === null) return null;
  const connections = await run('reg', ['query', `${KEY}\\Connections`, '/v', 'DefaultConnectionSettings'], env);
  return windowsSettings(main, connections);
}
