/**
 * macOS: `scutil --proxy` prints the proxy settings of the active network service (what Safari and
 * CFNetwork use) as a property-list-like dictionary.
 */
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

export function macosSettings(output: string): SystemProxySettings | null {
  const { values, exceptions } = parseScutil(output);
  const on = (key: string) => values.get(key) === '1';
  const pacUrl = on('ProxyAutoConfigEnable') ? values.get('ProxyAutoConfigURLString') || null : null;
  const host = values.get('HTTPSProxy');
  const port = values.get('HTTPSPort') ?? '443';
  const httpsProxy = on('HTTPSEnable') && host ? `${host.includes(':') ? `[${host}]` : host}:${port}` : null;
  const autoDetect = on('ProxyAutoDiscoveryEnable');
  if (!httpsProxy && !pacUrl && !autoDetect) return null;
  return {
    origin: 'macos',
    where: 'macOS network settings (scutil --proxy)',
    pacUrl,
    autoDetect,
    httpsProxy,
    bypass: exceptions,
    bypassSimpleNames: on('ExcludeSimpleHostnames'),
  };
}

export async function readMacosSettings(run: CommandRunner, env: NodeJS.ProcessEnv): Promise<SystemProxySettings | null> {
  const output = await run('scutil', ['--proxy'], env);
  return output === null ? null : macosSettings(output);
}
