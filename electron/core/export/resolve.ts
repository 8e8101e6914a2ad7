import { X509Certificate } from 'node:crypto';
import type { DetectionResult, InspectionCa, TargetReport, Verdict } from '../../../shared/detection.js';
import { isSelfIssued } from '../cert/x509.js';
import { findPath } from '../trust/chain.js';
import type { StoreContents } from '../trust/stores/types.js';
import { TrustSet } from '../trust/trust-set.js';

export type CaOutcome = 'trust-store' | 'presented-chain' | 'not-found' | 'imported';

/** The inspection CA to hand to tools, and how far it can be trusted. */
export interface ResolvedCa {
  outcome: CaOutcome;
  root: X509Certificate | null;
  /** CA certificates between the forged leaves and the root: tools need them when the proxy does not send them. */
  intermediates: X509Certificate[];
  location: string | null;
  subject: string | null;
  explanation: string;
}

const chainOf = (target: TargetReport) => target.chain.map((c) => new X509Certificate(c.pem));

/**
 * Walks each inspected chain, then the store's intermediates, to a trusted anchor; every link is
 * matched by name and key identifiers and confirmed by signature (findPath).
 */
export function resolveInspectionCa(result: DetectionResult, store: StoreContents): ResolvedCa {
  return resolveFor(
    result.targets.filter((t) => t.status === 'inspected'),
    result.inspectionCa,
    result.verdict,
    store,
  );
}

/**
 * Every other inspection CA the detection reported (several inspectors: per PAC route, per proxy, DIRECT),
 * each resolved from its own sites exactly as the primary is; the primary's root is not repeated.
 */
export function resolveOtherCas(result: DetectionResult, primary: ResolvedCa, store: StoreContents): ResolvedCa[] {
  const others: ResolvedCa[] = [];
  for (const report of (result.inspectionCas ?? []).filter((c) => !c.primary)) {
    const sites = new Set(report.sites.map((site) => `${site.host}:${site.port}`));
    const inspected = result.targets.filter((t) => t.status === 'inspected' && sites.has(`${t.host}:${t.port}`));
    const resolved = resolveFor(inspected, report, result.verdict, store);
    const fingerprint = resolved.root?.fingerprint256;
    const seen = [primary, ...others].some((r) => fingerprint !== undefined && r.root?.fingerprint256 === fingerprint);
    if (!seen) others.push(resolved);
  }
  return others;
}

function resolveFor(inspected: readonly TargetReport[], ca: InspectionCa | null, verdict: Verdict, store: StoreContents): ResolvedCa {
  if (inspected.length === 0) {
    return {
      outcome: 'not-found',
      root: null,
      intermediates: [],
      location: null,
      subject: null,
      explanation: `no site was inspected (verdict: ${verdict}), so there is no inspection CA to export`,
    };
  }
  const anchored = inspected
    .map((target) => findPath(chainOf(target), store.anchors, store.intermediates))
    .filter((found) => found.anchor !== null);
  const best = anchored.find((f) => f.anchor!.cert.fingerprint256 === ca?.fingerprint256) ?? anchored[0];
  if (best?.anchor) {
    return {
      outcome: 'trust-store',
      root: best.anchor.cert,
      intermediates: best.path.slice(1).filter((c) => c.ca),
      location: best.anchor.source,
      subject: best.anchor.cert.subject,
      explanation: `the OS trust store holds this CA (${best.anchor.source}) and it signs the inspected chains`,
    };
  }
  const carrier = inspected.find((t) => t.chain.some((c) => c.fingerprint256 === ca?.fingerprint256));
  if (ca?.source === 'presented-chain' && carrier) {
    const chain = chainOf(carrier);
    const root = chain.find((c) => c.fingerprint256 === ca.fingerprint256)!;
    return {
      outcome: 'presented-chain',
      root,
      intermediates: chain.slice(1).filter((c) => c.ca && !isSelfIssued(c)),
      location: ca.location,
      subject: root.subject,
      explanation: 'the proxy sent this root, but the OS trust store does not trust it: anyone in the middle can present any root',
    };
  }
  return {
    outcome: 'not-found',
    root: null,
    intermediates: [],
    location: null,
    subject: ca?.subject ?? null,
    explanation: `the inspected chains are issued by "${ca?.subject ?? 'an unknown CA'}", which is neither in the OS trust store nor sent by the proxy: ask IT for this CA certificate (then use --from FILE), or have it installed in the OS trust store`,
  };
}

/** Picks the root and intermediates out of a file IT handed out. */
export function caFromImport(certs: X509Certificate[], file: string): ResolvedCa | { error: string; subject: string } {
  const cas = certs.filter((c) => c.ca);
  if (cas.length === 0) {
    const first = certs[0]!;
    return {
      subject: first.subject.replace(/\n/g, ', '),
      error: `${file}: "${first.subject.replace(/\n/g, ', ')}" is not a CA certificate (it cannot sign other certificates); this looks like a server certificate, ask IT for the root CA`,
    };
  }
  const root = cas.find(isSelfIssued) ?? cas.find((c) => !cas.some((other) => other !== c && c.checkIssued(other))) ?? cas[0]!;
  return {
    outcome: 'imported',
    root,
    intermediates: cas.filter((c) => c !== root),
    location: file,
    subject: root.subject,
    explanation: `imported from ${file}`,
  };
}

/** Whether the imported CA actually signs the chains that detection saw being inspected; null when none were. */
export function signsInspectedChains(ca: ResolvedCa, result: DetectionResult | null): boolean | null {
  const inspected = result?.targets.filter((t) => t.status === 'inspected') ?? [];
  if (!ca.root || inspected.length === 0) return null;
  const anchors = new TrustSet('the imported CA', [{ cert: ca.root, source: 'import' }]);
  const intermediates = new TrustSet(
    'the imported intermediates',
    ca.intermediates.map((cert) => ({ cert, source: 'import' })),
  );
  return inspected.every((t) => findPath(chainOf(t), anchors, intermediates).anchor !== null);
}
