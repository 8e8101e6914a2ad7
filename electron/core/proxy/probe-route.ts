import type { ProbeResult } from '../../../shared/detection.js';
import { formatTarget, type Target } from '../../../shared/targets.js';
import { emptyProbe } from '../probe/probe.js';
import type { ProxySpec } from './proxy-url.js';
import type { ProxyRouter } from './select.js';

/** A PAC fail-over list may be long; each try costs up to the per-site time limit, so only the first few are tried. */
const MAX_TRIES = 3;
/** Failures that mean "this proxy is not there": the next entry of a fail-over list is tried. */
const UNREACHABLE = new Set(['proxy-refused', 'proxy-dns', 'refused', 'dns', 'unreachable']);

/**
 * Probes a site along its route: the hops in order (a PAC fail-over list), moving on only when a
 * hop could not be reached. `probe` with null goes direct.
 */
export async function probeRoute(
  target: Target,
  router: ProxyRouter,
  probe: (proxy: ProxySpec | null) => Promise<ProbeResult>,
): Promise<ProbeResult> {
  const route = await router.route(target);
  if (!route.ok) return emptyProbe(target, 'proxy', { code: 'proxy-error', message: `${formatTarget(target)}: ${route.error.message}` });
  const { hops, pacAnswer } = route.value;
  const skipped: string[] = [];
  let last: ProbeResult | null = null;
  let tries = 0;
  for (const hop of hops) {
    if (hop.kind === 'unsupported') {
      skipped.push(`${hop.entry} (${hop.why})`);
      continue;
    }
    if (tries++ >= MAX_TRIES) break;
    last = await probe(hop.kind === 'proxy' ? hop.spec : null);
    if (!last.error || !UNREACHABLE.has(last.error.code)) break;
  }
  if (!last) {
    last = emptyProbe(target, 'proxy', {
      code: 'proxy-error',
      message: `${formatTarget(target)}: the proxy setting names no proxy CA Bridge can probe through: ${skipped.join('; ')}`,
    });
  }
  return pacAnswer === null ? last : { ...last, proxyRoute: pacAnswer };
}
