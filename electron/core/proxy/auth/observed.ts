import type { ProxySpec } from '../proxy-url.js';

/**
 * Schemes each proxy offered during a run, also when CA Bridge authenticated successfully: an NTLM
 * proxy that let us through still stops npm or pip, which is what the relay advice is for.
 * Keyed by the run's own ProxySpec objects, so concurrent runs never mix.
 */
const offered = new WeakMap<ProxySpec, Set<string>>();

export function noteOfferedSchemes(proxy: ProxySpec, schemes: readonly string[]): void {
  const set = offered.get(proxy) ?? new Set<string>();
  for (const s of schemes.slice(0, 16)) set.add(s);
  offered.set(proxy, set);
}

export function offeredSchemesOf(proxy: ProxySpec): string[] {
  return [...(offered.get(proxy) ?? [])];
}
