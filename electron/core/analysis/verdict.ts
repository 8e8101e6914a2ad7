import type {
  CertSummary,
  Confidence,
  DetectionResult,
  EvidenceItem,
  InspectionCa,
  InspectionCaReport,
  ProbeResult,
  TargetReport,
  TargetStatus,
  Verdict,
} from '../../../shared/detection.js';
import { assertNever } from '../../../shared/result.js';
import { DEFAULT_TARGETS } from '../../../shared/targets.js';
import { oneLineName } from '../cert/x509.js';
import type { TrustSet } from '../trust/trust-set.js';
import { proxyErrorPage } from '../probe/http-answer.js';
import { matchVendor } from './vendors.js';

type Analysis = Omit<DetectionResult, 'id' | 'trustStore' | 'startedAt' | 'durationMs'>;

/**
 * A chain that leads to no public root is inspected: an inspection CA is never in Mozilla's list; unless the
 * page behind it is the inspecting proxy's own error page (the site itself was not reached). A public chain
 * for another name is not clean.
 */
export function statusOf(probe: ProbeResult): TargetStatus {
  if (probe.error) return 'error';
  if (probe.publicRoots?.anchorFingerprint256) return probe.hostnameMatches === false ? 'name-mismatch' : 'clean';
  return proxyErrorPage(probe.http) ? 'unreachable-via-proxy' : 'inspected';
}

/** How a site was reached, for the per-CA route list. */
export function routeOf(target: ProbeResult): string {
  if (target.via === 'chromium') return target.connectedTo ?? 'Chromium';
  return target.proxyUsed ?? (target.via === 'direct' ? 'DIRECT' : 'proxy');
}

const top = (chain: readonly CertSummary[]) => chain[chain.length - 1]!;

/** Chains signed under the same CA share this key, whether or not the proxy sent its root. */
function issuingCaKey(chain: readonly CertSummary[]): string {
  const last = top(chain);
  return last.selfIssued ? `root:${last.spki256}` : `issuer:${last.issuer}|${last.authorityKeyId ?? ''}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.values()].sort((a, b) => b.length - a.length);
}

function findInspectionCa(group: readonly TargetReport[], trustStore: TrustSet): InspectionCa {
  const anchored = group.find((t) => t.trustStore?.anchorFingerprint256);
  const entry = anchored && trustStore.get(anchored.trustStore!.anchorFingerprint256!);
  if (entry) {
    return {
      subject: oneLineName(entry.cert.subject),
      fingerprint256: entry.cert.fingerprint256,
      source: 'trust-store',
      location: entry.source,
      notBefore: new Date(entry.cert.validFrom).toISOString(),
      notAfter: new Date(entry.cert.validTo).toISOString(),
      pem: entry.cert.toString(),
    };
  }
  const last = top(group[0]!.chain);
  if (last.selfIssued) {
    return {
      subject: last.subject,
      fingerprint256: last.fingerprint256,
      source: 'presented-chain',
      location: `sent by the proxy for ${group.map((t) => t.host).join(', ')}`,
      notBefore: last.notBefore,
      notAfter: last.notAfter,
      pem: last.pem,
    };
  }
  return { subject: last.issuer, fingerprint256: null, source: 'not-found', location: null, notBefore: null, notAfter: null, pem: null };
}

/**
 * Every CA that re-signed a site, the largest group first. Groups keyed differently (one proxy sends its
 * intermediate, another does not) but anchored at the same store CA are one CA.
 */
function inspectionCaReports(
  inspected: readonly TargetReport[],
  trustStore: TrustSet,
): { ca: InspectionCaReport; group: TargetReport[] }[] {
  const found: { ca: InspectionCaReport; group: TargetReport[] }[] = [];
  for (const group of groupBy(inspected, (t) => issuingCaKey(t.chain))) {
    const ca = findInspectionCa(group, trustStore);
    const same = ca.fingerprint256 ? found.find((f) => f.ca.fingerprint256 === ca.fingerprint256) : undefined;
    if (same) same.group.push(...group);
    else found.push({ ca: { ...ca, sites: [], routes: [], primary: found.length === 0 }, group: [...group] });
  }
  for (const { ca, group } of found) {
    ca.sites = group.map((t) => ({ host: t.host, port: t.port, route: routeOf(t), pacRoute: t.proxyRoute ?? null }));
    ca.routes = [...new Set(ca.sites.map((site) => site.route))];
  }
  return found;
}

function inspectionEvidence(
  inspected: readonly TargetReport[],
  group: readonly TargetReport[],
  ca: InspectionCa,
  reachable: number,
): EvidenceItem[] {
  const evidence: EvidenceItem[] = [
    {
      kind: 'not-public',
      message: `${inspected.length} of ${reachable} reachable ${reachable === 1 ? 'site presents a chain' : 'sites present chains'} that lead to no public root`,
      hosts: inspected.map((t) => t.host),
    },
  ];
  if (group.length >= 2) {
    evidence.push({
      kind: 'common-issuer',
      message: `${group.length} unrelated sites present chains issued under the same CA "${ca.subject}"`,
      hosts: group.map((t) => t.host),
    });
  }
  for (const sameKey of groupBy(inspected, (t) => t.chain[0]!.spki256).filter((g) => g.length >= 2)) {
    evidence.push({
      kind: 'shared-leaf-key',
      message: `${sameKey.length} sites present leaf certificates with one and the same public key, as interceptors do`,
      hosts: sameKey.map((t) => t.host),
    });
  }
  if (ca.source === 'trust-store') {
    evidence.push({
      kind: 'trust-store-anchor',
      message: `the chains end at a CA installed in the OS trust store (${ca.location})`,
      hosts: group.filter((t) => t.trustStore?.anchorFingerprint256).map((t) => t.host),
    });
  }
  return evidence;
}

/** The verdict in one sentence (not to be confused with a certificate's summary). */
function verdictSentence(
  verdict: Verdict,
  vendor: string | null,
  proxy: string | null,
  counts: { inspected: number; clean: number; reachable: number; total: number; cas: number },
): string {
  const by = vendor ? ` by ${vendor}` : '';
  const cas = counts.cas > 1 ? ` (${counts.cas} different inspection CAs)` : '';
  // The English summary for logs and JSON: "the one reachable site", never "all 1 reachable sites".
  const sites = (n: number) => (n === 1 ? '1 site' : `${n} sites`);
  const all = counts.reachable === 1 ? 'the one reachable site was' : `all ${counts.reachable} reachable sites were`;
  switch (verdict) {
    case 'inspected':
      return `TLS inspection detected${by}: ${all} re-signed by a non-public CA${cas}.`;
    case 'partial':
      return `Partial TLS inspection${by}: ${sites(counts.inspected)} ${counts.inspected === 1 ? 'was' : 'were'} re-signed${cas}, ${counts.clean} ${counts.clean === 1 ? 'was' : 'were'} not (bypassed).`;
    case 'clean':
      return (
        `No TLS inspection: ${counts.reachable === 1 ? 'the one reachable site verifies' : `all ${counts.reachable} reachable sites verify`} against public roots` +
        (proxy ? `; the proxy ${proxy} passes TLS through untouched.` : '.')
      );
    case 'inconclusive':
      return `Inconclusive: only ${counts.reachable} of ${counts.total} sites could be reached; see the reason for each site.`;
    default:
      return assertNever(verdict);
  }
}

export function analyze(probes: readonly ProbeResult[], trustStore: TrustSet, proxy: string | null): Analysis {
  const targets: TargetReport[] = probes.map((p) => ({ ...p, status: statusOf(p) }));
  const inspected = targets.filter((t) => t.status === 'inspected');
  const clean = targets.filter((t) => t.status === 'clean');
  // Only sites that really answered decide: a proxy's error page and a certificate for another name say nothing about the site.
  const reachable = [...inspected, ...clean];
  const cas = inspectionCaReports(inspected, trustStore);
  const counts = { inspected: inspected.length, clean: clean.length, reachable: reachable.length, total: targets.length, cas: cas.length };

  // Where only one site answers, one well-known public site whose chain reaches a CA of the OS store and no
  // public root is still strong evidence: nothing but an interceptor re-signs a famous site with a local CA.
  // (An internal site signed by the company CA proves nothing, hence "well-known".)
  const only = reachable.length === 1 ? reachable[0]! : null;
  const knownAnchored =
    only !== null &&
    only.status === 'inspected' &&
    only.trustStore?.anchorFingerprint256 != null &&
    DEFAULT_TARGETS.some((d) => d.host === only.host && d.port === only.port);
  let verdict: Verdict;
  if (reachable.length === 0 || (reachable.length < Math.min(2, targets.length) && !knownAnchored)) verdict = 'inconclusive';
  else if (inspected.length === 0) verdict = 'clean';
  else verdict = clean.length === 0 ? 'inspected' : 'partial';

  let inspectionCa: InspectionCa | null = null;
  let vendor: Analysis['vendor'] = null;
  const evidence: EvidenceItem[] = [];
  if (cas.length > 0) {
    const { ca: primary, group } = cas[0]!;
    const { sites: _sites, routes: _routes, primary: _primary, ...ca } = primary;
    inspectionCa = ca;
    vendor = matchVendor(group[0]!.chain);
    evidence.push(...inspectionEvidence(inspected, group, inspectionCa, reachable.length));
    if (cas.length > 1) {
      evidence.push({
        kind: 'several-cas',
        message: `${cas.length} different CAs re-sign sites (${cas.map((c) => `"${c.ca.subject}" via ${c.ca.routes.join(', ')}`).join('; ')}): every one must be trusted`,
        hosts: inspected.map((t) => t.host),
      });
    }
    if (vendor)
      evidence.push({
        kind: 'vendor-match',
        message: `the issuer matches ${vendor.name} ("${vendor.matched}")`,
        hosts: group.map((t) => t.host),
      });
  }
  if (verdict === 'partial') {
    evidence.push({
      kind: 'bypassed',
      message: 'these sites present their genuine public chain (bypass list)',
      hosts: clean.map((t) => t.host),
    });
  }
  if (verdict === 'clean') {
    evidence.push({ kind: 'public-roots', message: 'every reachable site verifies against public roots', hosts: clean.map((t) => t.host) });
  }
  const proxyPages = targets.filter((t) => t.status === 'unreachable-via-proxy');
  if (proxyPages.length > 0) {
    evidence.push({
      kind: 'unreachable-via-proxy',
      message:
        "the inspecting proxy could not reach these sites and answered with its own error page (its certificates for them are not the site's and are not judged)",
      hosts: proxyPages.map((t) => t.host),
    });
  }
  const mismatched = targets.filter((t) => t.status !== 'error' && t.status !== 'unreachable-via-proxy' && t.hostnameMatches === false);
  if (mismatched.length > 0) {
    evidence.push({
      kind: 'name-mismatch',
      message:
        'these sites presented a certificate issued for another name (a captive portal, a wrong address or a misconfigured inspector)',
      hosts: mismatched.map((t) => t.host),
    });
  }
  if (verdict === 'inconclusive') {
    const failed = targets.filter((t) => t.status !== 'inspected' && t.status !== 'clean');
    evidence.push({
      kind: 'too-few-reachable',
      message: `${failed.length} of ${targets.length} sites could not be reached`,
      hosts: failed.map((t) => t.host),
    });
  }
  const confidence: Confidence =
    verdict === 'inconclusive'
      ? { level: 'none', reason: 'too-few-reachable' }
      : reachable.length >= 2
        ? { level: 'high', reason: 'several-sites' }
        : { level: 'moderate', reason: knownAnchored ? 'one-known-site-trust-store' : 'one-site' };
  return {
    verdict,
    confidence,
    summary: verdictSentence(verdict, vendor?.name ?? null, proxy, counts),
    vendor,
    inspectionCa,
    inspectionCas: cas.map((c) => c.ca),
    proxy,
    evidence,
    targets,
  };
}
