import { advicePlatform, needsRelay, relayAdvice, type ProxyRelayAdvice } from '../../../shared/proxy-advice.js';
import { formatTarget } from '../../../shared/targets.js';
import { offeredSchemesOf } from './auth/observed.js';
import type { ProxySpec } from './proxy-url.js';

/**
 * One piece of relay advice per proxy (host:port) that asked for a scheme tools cannot answer, for the
 * platform the engine runs on (the relay's sign-in, shells and file paths differ on Windows).
 */
export function relayAdviceFor(proxies: Iterable<ProxySpec>, platform: NodeJS.Platform = process.platform): ProxyRelayAdvice[] {
  const byProxy = new Map<string, Set<string>>();
  for (const spec of proxies) {
    const schemes = offeredSchemesOf(spec);
    if (!schemes.length) continue;
    const key = formatTarget(spec);
    const set = byProxy.get(key) ?? new Set<string>();
    schemes.forEach((s) => set.add(s));
    byProxy.set(key, set);
  }
  return [...byProxy]
    .filter(([, schemes]) => needsRelay([...schemes]))
    .map(([proxy, schemes]) => relayAdvice(proxy, [...schemes], { platform: advicePlatform(platform) }));
}
