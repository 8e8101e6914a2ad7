import type { X509Certificate } from 'node:crypto';
import type { ChainCheck } from '../../../shared/detection.js';
import { oneLineName } from '../cert/x509.js';
import type { TrustedCert, TrustSet } from './trust-set.js';

export interface PathResult {
  /** Certificates from the leaf up to (not including) the anchor. */
  path: X509Certificate[];
  anchor: TrustedCert | null;
  reason: string | null;
}

const MAX_DEPTH = 8;

function issuersIn(
  cert: X509Certificate,
  presented: readonly X509Certificate[],
  store: TrustSet | undefined,
  used: Set<string>,
): X509Certificate[] {
  const fromChain = presented.filter((c) => c.subject === cert.issuer && cert.checkIssued(c) && cert.verify(c.publicKey));
  const fromStore = store ? store.issuersOf(cert).map((e) => e.cert) : [];
  return [...fromChain, ...fromStore].filter((c) => !used.has(c.fingerprint256));
}

/**
 * Builds a path from the leaf to an anchor of `anchors`, climbing through the certificates the
 * server presented (and `intermediates`, e.g. a store's intermediate certificates). Every link
 * is confirmed by name, key identifiers and signature. Dates are checked separately so that an
 * expired public chain is still recognised as public.
 */
export function findPath(chain: readonly X509Certificate[], anchors: TrustSet, intermediates?: TrustSet): PathResult {
  const leaf = chain[0];
  if (!leaf) return { path: [], anchor: null, reason: 'no certificate was presented' };
  const presented = chain.slice(1);
  let lastReason = '';

  const climb = (cert: X509Certificate, path: X509Certificate[], used: Set<string>): PathResult | null => {
    const sameAsAnchor = anchors.has(cert);
    if (sameAsAnchor) return { path, anchor: sameAsAnchor, reason: null };
    const anchor = anchors.issuersOf(cert)[0];
    if (anchor) return { path: [...path, cert], anchor, reason: null };
    if (path.length >= MAX_DEPTH) return null;
    for (const next of issuersIn(cert, presented, intermediates, used)) {
      const found = climb(next, [...path, cert], new Set(used).add(next.fingerprint256));
      if (found) return found;
    }
    lastReason =
      cert.subject === cert.issuer
        ? `the chain ends at "${oneLineName(cert.subject)}", which ${anchors.label} do not contain`
        : `no certificate in ${anchors.label} issued "${oneLineName(cert.subject)}" (issuer "${oneLineName(cert.issuer)}")`;
    return null;
  };

  return climb(leaf, [], new Set([leaf.fingerprint256])) ?? { path: [], anchor: null, reason: lastReason };
}

function dateProblem(certs: readonly X509Certificate[], at: Date): string | null {
  for (const cert of certs) {
    if (new Date(cert.validTo) < at) return `"${oneLineName(cert.subject)}" expired on ${cert.validTo}`;
    if (new Date(cert.validFrom) > at) return `"${oneLineName(cert.subject)}" is not valid before ${cert.validFrom}`;
  }
  return null;
}

export function checkChain(
  chain: readonly X509Certificate[],
  anchors: TrustSet,
  at: Date = new Date(),
  intermediates?: TrustSet,
): ChainCheck {
  const found = findPath(chain, anchors, intermediates);
  if (!found.anchor) return { trusted: false, anchorFingerprint256: null, reason: found.reason };
  const problem = dateProblem([...found.path, found.anchor.cert], at);
  return { trusted: problem === null, anchorFingerprint256: found.anchor.cert.fingerprint256, reason: problem };
}
