/**
 * GNOME (and desktops built on its settings: Unity, Cinnamon, Budgie…): `gsettings list-recursively
 * org.gnome.system.proxy`, one run for every key. mode is none, manual (host and port per scheme:
 * http, https, ftp, socks) or auto (autoconfig-url, or WPAD when empty).
 */
import { proxyUrlFromHost } from './proxy-entry.js';
import type { CommandRunner, SystemProxySettings } from './types.js';

/** GVariant text for the types used here: 'string', int, true/false, ['a', 'b']. */
function gvariant(text: string): string | string[] {
  const value = text.trim();
  if (value.startsWith('[') || value.startsWith('@as [')) {
    const items: string[] = [];
    for (const m of value.matchAll(/'((?:[^'\\]|\\.)*)'/g)) items.push(m[1]!.replace(/\\(.)/g, '$1'));
    return items;
  }
  const quoted = /^'((?:[^'\\]|\\.)*)'$/.exec(value);
  return quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : value;
}

export function parseGsettings(output: string): Map<string, string | string[]> {
  const values = new Map<string, string | string[]>();
  for (const line of output.split('\n').slice(0, 500)) {
    const match = /^(org\.gnome\.system\.proxy(?:\.\w+)?) ([\w-]+) (.*)$/.exec(line.slice(0, 8192));
    if (match) values.set(`${match[1]!.replace(/^org\.gnome\.system\.proxy\.?/, '') || '.'}/${match[2]}`, gvariant(match[3]!));
  }
  return values;
}

export function gnomeSettings(output: string): SystemProxySettings | null {
  const values = parseGsettings(output);
  const str = (key: string) => {
    const v = values.get(key);
    return typeof v === 'string' ? v : '';
  };
  const mode = str('./mode');
  const ignore = values.get('./ignore-hosts');
  const bypass = Array.isArray(ignore) ? ignore : [];
  const base = { origin: 'gnome' as const, where: 'GNOME proxy settings (gsettings)', bypass, bypassSimpleNames: false };
  if (mode === 'auto') {
    const pacUrl = str('./autoconfig-url') || null;
    return { ...base, pacUrl, autoDetect: pacUrl === null, proxyUrl: null };
  }
  if (mode !== 'manual') return null;
  const proxyUrl = manualProxy(str);
  return proxyUrl ? { ...base, pacUrl: null, autoDetect: false, proxyUrl } : null;
}

/**
 * The manual proxy for https:// URLs, as Chromium's proxy_config_service_linux.cc reads these keys:
 * the https host as an HTTP proxy; failing that the socks host, which Chromium uses for every scheme
 * without its own proxy, as SOCKS 5 (GNOME does not say which version; Chromium chose 5, and
 * "socks4://" written before the host means 4). Chromium's GSettings reader ignores use-same-proxy
 * (the GNOME settings panel never turns it off), so an http host alone gives https:// URLs no proxy
 * (Chromium then goes direct; here the setting counts as absent and the environment decides). Port
 * 0 (unset) means the scheme's default port, as in Chromium.
 */
function manualProxy(str: (key: string) => string): string | null {
  const entry = (scheme: 'https' | 'socks', fallback: 'http' | 'socks5h') => {
    const host = str(`${scheme}/host`);
    const port = Number(str(`${scheme}/port`) || '0');
    return host && Number.isInteger(port) ? proxyUrlFromHost(host, port, fallback, 'desktop') : null;
  };
  return entry('https', 'http') ?? entry('socks', 'socks5h');
}

export async function readGnomeSettings(run: CommandRunner, env: NodeJS.ProcessEnv): Promise<SystemProxySettings | null> {
  const output = await run('gsettings', ['list-recursively', 'org.gnome.system.proxy'], env);
  return output === null ? null : gnomeSettings(output);
}
