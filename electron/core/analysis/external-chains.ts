/**
 * Chains captured outside Node — the desktop app asks Chromium's network stack, which speaks the
 * desktop's PAC file and signs on to NTLM/Kerberos proxies with the logged-on user — analysed exactly
 * as if Node had probed them. The front door only captures; every judgement (public roots, the OS
 * store, the verdict) stays here, so a site seen through Chromium counts like any other.
 */
import { X509Certificate } from 'node:crypto';
import type { DetectionResult, ProbeErrorCode, ProbeResult, TargetReport } from '../../../shared/detection.js';
import { escapeNetworkText } from '../../../shared/network-text.js';
import { isIpLiteral } from '../../../shared/targets.js';
import { summarize } from '../cert/x509.js';
import type { TrustInputs } from '../detect.js';
import { parsePacResult } from '../proxy/pac.js';
import { checkChain } from '../trust/chain.js';
import { analyze } from './verdict.js';

export interface ExternalChain {
  host: string;
  port: number;
  /** The presented chain, leaf first, one PEM certificate per entry. */
  pems: readonly string[];
  /** How the outside stack went, in PAC form ("PROXY proxy.corp:8080"), for the user. */
  route: string | null;
  /**
   * The outside stack's route starts with a proxy Node cannot speak (an entry the PAC parser does not
   * know, such as Chromium's QUIC proxies; HTTP, HTTPS and SOCKS it speaks): whatever Node saw
   * came another way than the user's traffic, so this chain replaces Node's even where Node got through.
   */
  nodeCannotUseRoute: boolean;
}

/** Longer chains are not real server chains; the rest is dropped rather than parsed. */
export const MAX_EXTERNAL_CHAIN_LENGTH = 10;
/** A certificate's PEM above this is not a server certificate (large real ones are about 8 KB). */
export const MAX_EXTERNAL_PEM_CHARS = 32 * 1024;
const MAX_ROUTE_CHARS = 200;
/** Chain building has its own work budget; this bounds its time as well, as the Node probe's deadline does. */
const ANALYSIS_MS = 5_000;

/** Node's failures that say "the proxy stood in the way", not "the site is not there": worth asking Chromium. */
const PROXY_FAILURES: ReadonlySet<ProbeErrorCode> = new Set(['proxy-auth-required', 'proxy-error']);

/** The sites Node could not reach because of the proxy: the ones a front door with its own network stack should try. */
export function targetsBlockedByProxy(result: Pick<DetectionResult, 'targets'>): TargetReport[] {
  return result.targets.filter((t) => t.error && PROXY_FAILURES.has(t.error.code));
}

/**
 * A route (PAC form) whose first hop is a proxy the engine cannot tunnel through. It speaks HTTP
 * CONNECT, HTTPS proxies and SOCKS 4/5, so only a kind it does not know (Chromium's QUIC proxies)
 * remains; such an entry is kept in PAC form as "invalid".
 */
export function nodeCannotUseRoute(pac: string): boolean {
  return parsePacResult(pac)[0]!.kind === 'invalid';
}

function parseChain(pems: readonly string[]): X509Certificate[] {
  const chain: X509Certificate[] = [];
  for (const pem of pems.slice(0, MAX_EXTERNAL_CHAIN_LENGTH)) {
    if (typeof pem !== 'string' || pem.length > MAX_EXTERNAL_PEM_CHARS) break;
    try {
      chain.push(new X509Certificate(pem));
    } catch {
      break; // a chain is only as good as its unbroken start
    }
  }
  return chain;
}

function externalProbe(node: TargetReport, external: ExternalChain, trust: TrustInputs, now: Date): ProbeResult | null {
  const chain = parseChain(external.pems);
  const leaf = chain[0];
  if (!leaf) return null;
  const limits = { deadline: performance.now() + ANALYSIS_MS };
  const route = external.route === null ? null : escapeNetworkText(external.route.slice(0, MAX_ROUTE_CHARS));
  const { status: _status, ...probe } = node;
  return {
    ...probe,
    via: 'chromium',
    connectedTo: route ? `${route} (Chromium)` : 'Chromium',
    nodeError: node.error ?? undefined,
    error: null,
    chain: chain.map(summarize),
    protocol: null,
    cipher: null,
    hostnameMatches: (isIpLiteral(node.host) ? leaf.checkIP(node.host) : leaf.checkHost(node.host)) !== undefined,
    publicRoots: checkChain(chain, trust.publicRoots, now, undefined, limits),
    trustStore: checkChain(chain, trust.store.anchors, now, trust.store.intermediates, limits),
  };
}

/**
 * The result with each proxy-blocked site replaced by its externally captured chain, and the verdict,
 * evidence and inspection CA decided again over all sites. Chains for sites Node reached the same
 * way, or for sites not in the result, are ignored: an outside stack fills gaps, it does not overrule Node.
 */
export function withExternalChains(
  result: DetectionResult,
  chains: readonly ExternalChain[],
  trust: TrustInputs,
  now: Date = new Date(),
): DetectionResult {
  const blocked = new Set(targetsBlockedByProxy(result));
  const seen: string[] = [];
  const probes: ProbeResult[] = result.targets.map((t) => {
    const external = chains.find((c) => c.host.toLowerCase() === t.host.toLowerCase() && c.port === t.port);
    const replaced = external && (blocked.has(t) || external.nodeCannotUseRoute) && externalProbe(t, external, trust, now);
    if (!replaced) {
      const { status: _status, ...probe } = t;
      return probe;
    }
    seen.push(t.host);
    return replaced;
  });
  if (seen.length === 0) return result;
  const analysis = analyze(probes, trust.store.anchors, result.proxy);
  return {
    ...result,
    ...analysis,
    evidence: [
      ...analysis.evidence,
      {
        kind: 'seen-through-chromium',
        message:
          "Node could not pass the proxy for these sites (or could not take the desktop's route); their chains were captured through Chromium's network stack (the desktop's proxy settings and sign-on) and analysed the same way",
        hosts: seen,
      },
    ],
  };
}
