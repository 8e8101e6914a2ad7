import type { X509Certificate } from 'node:crypto';
import type { ChainCheck } from '../../../shared/detection.js';
import { readExtensions } from '../cert/extensions.js';
import { oneLineName, spkiFingerprint } from '../cert/x509.js';
import type { TrustedCert, TrustSet } from './trust-set.js';

export interface PathResult {
  /** Certificates from the leaf up to (not including) the anchor. */
  path: X509Certificate[];
  anchor: TrustedCert | null;
  reason: string | null;
  /** Set when the search stopped on a limit (or was cancelled) rather than after trying every candidate. */
  exhausted: 'budget' | 'time' | 'cancelled' | null;
  /** Signature checks the search made: the measure of its work, bounded by maxVerifications. */
  verifications: number;
}

/**
 * Limits of one path search. A chain comes from the network, so its shape is the attacker's choice:
 * eight copies of one CA (same name and key, new serials) each "issue" the other seven, and an
 * unbounded depth-first walk tries every ordering of them (8! paths, each costing signature checks).
 */
export interface SearchLimits {
  /** `performance.now()` value after which the search stops. */
  deadline?: number;
  /** Signature verifications allowed: the costly step, counted across the whole search. */
  maxVerifications?: number;
  /** The operation's cancellation, looked at before each step like the deadline. */
  signal?: AbortSignal;
}

const MAX_DEPTH = 8;
/** Distinct (name, key) issuers considered per certificate; real chains have one, cross-signing two or three. */
const MAX_CANDIDATES = 8;
export const DEFAULT_MAX_VERIFICATIONS = 200;
/** Certificates visited; memoised signature checks make a revisit cheap but not free. */
const MAX_VISITS = 2_000;

/**
 * A CA's identity is its subject and public key: whatever one certificate of that identity signed,
 * every other one "signed" too. A path never passes through one identity twice, which is what
 * defeats copies of a CA issuing each other.
 */
const identities = new WeakMap<X509Certificate, string>();
function identity(cert: X509Certificate): string {
  let id = identities.get(cert);
  if (id === undefined) {
    id = `${cert.subject}\u0000${spkiFingerprint(cert)}`;
    identities.set(cert, id);
  }
  return id;
}

/**
 * Candidates with the same identity *and* the same issuer (name and authority key identifier) lead to
 * the same places, so only the first is tried. The issuer keeps cross-certificates apart: the same CA
 * (name and key) signed by another root, or by a re-keyed root of the same name, is a different way
 * up, and often the only one the trust store knows.
 */
const candidateKeys = new WeakMap<X509Certificate, string>();
function candidateKey(cert: X509Certificate): string {
  let key = candidateKeys.get(cert);
  if (key === undefined) {
    key = `${identity(cert)}\u0000${cert.issuer}\u0000${readExtensions(cert.raw).authorityKeyId ?? ''}`;
    candidateKeys.set(cert, key);
  }
  return key;
}

class PathSearch {
  verifications = 0;
  visits = 0;
  exhausted: PathResult['exhausted'] = null;
  private readonly issuerMemo = new Map<string, X509Certificate[]>();
  private readonly anchorMemo = new Map<string, TrustedCert | null>();
  private readonly signatures = new Map<string, boolean>();
  private readonly maxVerifications: number;

  constructor(
    private readonly presented: readonly X509Certificate[],
    private readonly anchors: TrustSet,
    private readonly intermediates: TrustSet | undefined,
    private readonly limits: SearchLimits,
  ) {
    this.maxVerifications = limits.maxVerifications ?? DEFAULT_MAX_VERIFICATIONS;
  }

  /** False once a limit is hit; the caller stops at the next step. */
  private withinLimits(): boolean {
    if (this.exhausted) return false;
    if (this.verifications >= this.maxVerifications || this.visits >= MAX_VISITS) this.exhausted = 'budget';
    else if (this.limits.deadline !== undefined && performance.now() > this.limits.deadline) this.exhausted = 'time';
    else if (this.limits.signal?.aborted) this.exhausted = 'cancelled';
    return this.exhausted === null;
  }

  /** The signature check, counted and remembered per (certificate, key): cross-certificates share a key. */
  private signed(cert: X509Certificate, candidate: X509Certificate): boolean {
    const key = `${cert.fingerprint256}\u0000${identity(candidate)}`;
    const known = this.signatures.get(key);
    if (known !== undefined) return known;
    if (!this.withinLimits()) return false;
    this.verifications++;
    const valid = cert.verify(candidate.publicKey);
    this.signatures.set(key, valid);
    return valid;
  }

  /**
   * Candidates whose name and key identifiers match (cheap, no signature), one per identity and issuer
   * name, at most MAX_CANDIDATES, first seen first (the server's order, then the store's).
   */
  private distinct<T>(cert: X509Certificate, items: Iterable<T>, certOf: (item: T) => X509Certificate, exclude?: string): T[] {
    const seen = new Set<string>();
    const out: T[] = [];
    for (const item of items) {
      const candidate = certOf(item);
      if (!cert.checkIssued(candidate) || (exclude !== undefined && identity(candidate) === exclude)) continue;
      const key = candidateKey(candidate);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
      if (out.length >= MAX_CANDIDATES) break;
    }
    return out;
  }

  anchorFor(cert: X509Certificate): TrustedCert | null {
    const key = cert.fingerprint256;
    if (this.anchorMemo.has(key)) return this.anchorMemo.get(key)!;
    const same = this.anchors.has(cert);
    const found =
      same ??
      this.distinct(cert, this.anchors.withSubject(cert.issuer), (e) => e.cert).find((entry) => this.signed(cert, entry.cert)) ??
      null;
    if (!this.exhausted) this.anchorMemo.set(key, found);
    return found;
  }

  issuersOf(cert: X509Certificate): X509Certificate[] {
    const key = cert.fingerprint256;
    const memo = this.issuerMemo.get(key);
    if (memo) return memo;
    const named = [
      ...this.presented.filter((c) => c.subject === cert.issuer),
      ...(this.intermediates?.withSubject(cert.issuer).map((e) => e.cert) ?? []),
    ];
    // A certificate never issues itself in a path: its own identity is excluded along with its copies.
    const found = this.distinct(cert, named, (c) => c, identity(cert)).filter((candidate) => this.signed(cert, candidate));
    if (!this.exhausted) this.issuerMemo.set(key, found);
    return found;
  }

  step(): boolean {
    this.visits++;
    return this.withinLimits();
  }
}

function deadEnd(cert: X509Certificate, anchors: TrustSet): string {
  return cert.subject === cert.issuer
    ? `the chain ends at "${oneLineName(cert.subject)}", which ${anchors.label} do not contain`
    : `no certificate in ${anchors.label} issued "${oneLineName(cert.subject)}" (issuer "${oneLineName(cert.issuer)}")`;
}

/**
 * Builds a path from the leaf to an anchor of `anchors`, climbing through the certificates the
 * server presented (and `intermediates`, e.g. a store's intermediate certificates). Every link
 * is confirmed by name, key identifiers and signature. Dates are checked separately so that an
 * expired public chain is still recognised as public. The search is bounded (depth, distinct
 * candidates per step, signature checks, visits, and an optional deadline), whatever the chain.
 */
export function findPath(
  chain: readonly X509Certificate[],
  anchors: TrustSet,
  intermediates?: TrustSet,
  limits: SearchLimits = {},
): PathResult {
  const leaf = chain[0];
  if (!leaf) return { path: [], anchor: null, reason: 'no certificate was presented', exhausted: null, verifications: 0 };
  const search = new PathSearch(chain.slice(1), anchors, intermediates, limits);
  let lastReason = '';

  const climb = (cert: X509Certificate, path: X509Certificate[], used: Set<string>): PathResult | null => {
    if (!search.step()) return null;
    const anchor = search.anchorFor(cert);
    if (anchor) {
      const sameAsAnchor = anchor.cert.fingerprint256 === cert.fingerprint256;
      return { path: sameAsAnchor ? path : [...path, cert], anchor, reason: null, exhausted: null, verifications: search.verifications };
    }
    if (path.length >= MAX_DEPTH) return null;
    for (const next of search.issuersOf(cert)) {
      if (used.has(identity(next))) continue;
      const found = climb(next, [...path, cert], new Set(used).add(identity(next)));
      if (found || search.exhausted) return found;
    }
    lastReason = deadEnd(cert, anchors);
    return null;
  };

  const found = climb(leaf, [], new Set([identity(leaf)]));
  if (found) return { ...found, verifications: search.verifications };
  const { verifications } = search;
  if (search.exhausted === 'cancelled')
    return { path: [], anchor: null, reason: 'the chain search was cancelled', exhausted: 'cancelled', verifications };
  if (search.exhausted === 'time') {
    return { path: [], anchor: null, reason: 'building the chain took longer than the time allowed', exhausted: 'time', verifications };
  }
  if (search.exhausted === 'budget') {
    return {
      path: [],
      anchor: null,
      reason: `gave up building the chain after ${verifications} signature checks: it offers too many candidate issuers`,
      exhausted: 'budget',
      verifications,
    };
  }
  return { path: [], anchor: null, reason: lastReason, exhausted: null, verifications };
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
  limits?: SearchLimits,
): ChainCheck {
  const found = findPath(chain, anchors, intermediates, limits);
  if (!found.anchor) return { trusted: false, anchorFingerprint256: null, reason: found.reason };
  const problem = dateProblem([...found.path, found.anchor.cert], at);
  return { trusted: problem === null, anchorFingerprint256: found.anchor.cert.fingerprint256, reason: problem };
}
