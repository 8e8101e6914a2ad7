import { advicePlatform, needsRelay, relayAdvice, type ProxyRelayAdvice } from '../../../shared/proxy-advice.js';
import { formatTarget } from '../../../shared/targets.js';
import { offeredSchemesOf } from './auth/observed.js';
import type { ProxySpec } from './proxy-url.js';

/**
 * One piece of relay advice per proxy (host:port) that asked for NTLM or Negotiate, for the
 * platform the engine runs on (the relay's sign-in, shells and file paths differ on Windows). Not for
 * an HTTPS proxy: the relay settings written (px's and cntlm's `host:port` upstream) speak plain HTTP
 * to it, which a TLS port would refuse; no relay set-up for a TLS upstream has been checked.
 */
export function relayAdviceFor(proxies: Iterable<ProxySpec>, platform: NodeJS.Platform = process.platform): ProxyRelayAdvice[] {
  const byProxy = new Map<string, Set<string>>();
  for (const spec of proxies) {
    if (spec.scheme === 'https') continue;
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
