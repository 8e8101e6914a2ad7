/**
 * macOS: `scutil --proxy` prints the proxy settings of the active network service (what Safari and
 * CFNetwork use) as a property-list-like dictionary.
 */
import { proxyUrlFromHost } from './proxy-entry.js';
import type { CommandRunner, SystemProxySettings } from './types.js';

export function parseScutil(output: string): { values: Map<string, string>; exceptions: string[] } {
  const values = new Map<string, string>();
  const exceptions: string[] = [];
  let inExceptions = false;
  for (const line of output.split(/\r?\n/).slice(0, 1000)) {
    const text = line.trim().slice(0, 4096);
    if (/^ExceptionsList\s*:\s*<array>\s*\{$/.test(text)) {
      inExceptions = true;
      continue;
    }
    if (inExceptions) {
      if (text === '}') inExceptions = false;
      else {
        const item = /^\d+\s*:\s*(.+)$/.exec(text);
        if (item) exceptions.push(item[1]!);
      }
      continue;
    }
    const pair = /^(\w+)\s*:\s*(.*)$/.exec(text);
    if (pair) values.set(pair[1]!, pair[2]!);
  }
  return { values, exceptions };
}

/**
 * The manual proxy for https:// URLs, as Chromium's proxy_config_service_mac.cc reads the same
 * dictionary: the secure web proxy (HTTPS*) as an HTTP proxy; failing that the SOCKS proxy (SOCKS*),
 * which Chromium uses for every scheme without its own proxy, as SOCKS 5 (names resolved by the proxy).
 */
function manualProxy(values: Map<string, string>, on: (key: string) => boolean): string | null {
  const entry = (prefix: 'HTTPS' | 'SOCKS', fallback: 'http' | 'socks5h', defaultPort: number) => {
    const host = values.get(`${prefix}Proxy`);
    if (!on(`${prefix}Enable`) || !host) return null;
    const port = /^\d{1,5}$/.test(values.get(`${prefix}Port`) ?? '') ? Number(values.get(`${prefix}Port`)) : defaultPort;
    return proxyUrlFromHost(host, port, fallback, 'desktop');
  };
  // No port: the default of the scheme the proxy is spoken with (Chromium's GetDefaultPortForScheme):
  // the secure web proxy is an HTTP proxy, so 80, whatever the "HTTPS" in its key's name suggests.
  return entry('HTTPS', 'http', 80) ?? entry('SOCKS', 'socks5h', 1080);
}

export function macosSettings(output: string): SystemProxySettings | null {
  const { values, exceptions } = parseScutil(output);
  const on = (key: string) => values.get(key) === '1';
  const pacUrl = on('ProxyAutoConfigEnable') ? values.get('ProxyAutoConfigURLString') || null : null;
  const proxyUrl = manualProxy(values, on);
  const autoDetect = on('ProxyAutoDiscoveryEnable');
  if (!proxyUrl && !pacUrl && !autoDetect) return null;
  return {
    origin: 'macos',
    where: 'macOS network settings (scutil --proxy)',
    pacUrl,
    autoDetect,
    proxyUrl,
    bypass: exceptions,
    bypassSimpleNames: on('ExcludeSimpleHostnames'),
  };
}

export async function readMacosSettings(run: CommandRunner, env: NodeJS.ProcessEnv): Promise<SystemProxySettings | null> {
  const output = await run('scutil', ['--proxy'], env);
  return output === null ? null : macosSettings(output);
}
