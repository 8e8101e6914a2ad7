/**
 * GNOME (and desktops built on its settings: Unity, Cinnamon, Budgie…): `gsettings list-recursively
 * org.gnome.system.proxy`, one run for every key. mode is none, manual (per-scheme host and port)
 * or auto (autoconfig-url, or WPAD when empty).
 */
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
    return { ...base, pacUrl, autoDetect: pacUrl === null, httpsProxy: null };
  }
  if (mode !== 'manual') return null;
  // use-same-proxy (true by default) applies the http proxy to every scheme only when one is set, as Chromium reads it.
  const scheme = str('./use-same-proxy') === 'true' && str('http/host') ? 'http' : 'https';
  const host = str(`${scheme}/host`);
  const port = Number(str(`${scheme}/port`));
  if (!host || !(port > 0 && port < 65536)) return null;
  return { ...base, pacUrl: null, autoDetect: false, httpsProxy: `${host.includes(':') ? `[${host}]` : host}:${port}` };
}

export async function readGnomeSettings(run: CommandRunner, env: NodeJS.ProcessEnv): Promise<SystemProxySettings | null> {
  const output = await run('gsettings', ['list-recursively', 'org.gnome.system.proxy'], env);
  return output === null ? null : gnomeSettings(output);
}
