/**
 * KDE Plasma: [Proxy Settings] in kioslaverc (XDG_CONFIG_HOME, else ~/.config). ProxyType 0 none,
 * 1 manual, 2 PAC ("Proxy Config Script"), 3 WPAD, 4 the environment variables. httpsProxy is
 * "http://host:port" or, in older files, "http://host port"; socksProxy (KDE 4.8 and later)
 * "socks://host:port" or "socks://host port".
 *
 * Manual proxies are chosen as Chromium's proxy_config_service_linux.cc reads this file: httpsProxy
 * as an HTTP proxy for https:// URLs; failing that socksProxy, which Chromium uses for every scheme
 * without its own proxy, as SOCKS 5 (names resolved by the proxy; "socks4://" means SOCKS 4).
 */
import path from 'node:path';
import { readUserFile } from '../../fs/read-user-file.js';
import { proxyUrlFromEntry } from './proxy-entry.js';
import type { SystemProxySettings } from './types.js';

export function kioslavercSettings(text: string): SystemProxySettings | null {
  const values = new Map<string, string>();
  let inSection = false;
  for (const line of text.split(/\r?\n/).slice(0, 2000)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) {
      inSection = trimmed === '[Proxy Settings]';
      continue;
    }
    const eq = trimmed.indexOf('=');
    if (inSection && eq > 0) values.set(trimmed.slice(0, eq).trim(), trimmed.slice(eq + 1).trim());
  }
  const type = values.get('ProxyType');
  const base = {
    origin: 'kde' as const,
    where: 'KDE proxy settings (kioslaverc)',
    bypass: (values.get('NoProxyFor') ?? '').split(/[,\s]+/).filter(Boolean),
    bypassSimpleNames: false,
  };
  if (values.get('ReversedException') === 'true') base.bypass = []; // "use the proxy only for these": not modelled; never bypass wrongly
  if (type === '2') return { ...base, pacUrl: values.get('Proxy Config Script') || null, autoDetect: false, proxyUrl: null };
  if (type === '3') return { ...base, pacUrl: null, autoDetect: true, proxyUrl: null };
  if (type !== '1') return null;
  const proxyUrl =
    proxyUrlFromEntry(values.get('httpsProxy') ?? '', 'http', 'desktop') ??
    proxyUrlFromEntry(values.get('socksProxy') ?? '', 'socks5h', 'desktop');
  return proxyUrl ? { ...base, pacUrl: null, autoDetect: false, proxyUrl } : null;
}

export async function readKdeSettings(env: NodeJS.ProcessEnv): Promise<SystemProxySettings | null> {
  const base = env.XDG_CONFIG_HOME || (env.HOME ? path.join(env.HOME, '.config') : null);
  if (!base) return null;
  try {
    return kioslavercSettings((await readUserFile(path.join(base, 'kioslaverc'), { maxBytes: 256 * 1024 })).toString('utf8'));
  } catch {
    return null; // no such file: KDE never configured a proxy
  }
}
