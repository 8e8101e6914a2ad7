import { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import tls from 'node:tls';
import { Worker } from 'node:worker_threads';
import { isSelfIssued, oneLineName } from '../../cert/x509.js';
import { TrustSet } from '../trust-set.js';
import { evaluateMacTrust, type MacTrustDecision } from './macos-trust-settings.js';
import type { StoreContents, StoreProblem } from './types.js';

/** What the keychains list (`security find-certificate -a -p`), split per certificate by mac-ca. */
export interface KeychainListing {
  /** Apple's SystemRootCertificates keychain: trusted unless a trust setting says otherwise. */
  systemRoots: string[];
  /** The login and System keychains: anything anyone added, trusted or not. */
  keychains: string[];
}

export type KeychainReader = () => Promise<KeychainListing>;
/** PEMs macOS trusts for TLS after applying trust settings, or null where the runtime cannot say. */
export type SystemTrustReader = () => string[] | null;

const READ_LIMIT_MS = 20_000;
const CACHE_MS = 5 * 60_000;

/**
 * mac-ca shells out synchronously and can take many seconds on managed Macs, so it runs in a worker
 * thread with a time limit: the window and the CLI's progress stay responsive.
 */
export const macCaReader: KeychainReader = () =>
  new Promise((resolve, reject) => {
    const macCaPath = createRequire(import.meta.url).resolve('mac-ca');
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const ca = require(workerData);
       const opts = (keychain) => ({ keychain, unique: true, excludeBundled: false, format: ca.Format.pem });
       parentPort.postMessage({ systemRoots: ca.get(opts('SystemRootCertificates')), keychains: ca.get(opts('current')) });`,
      { eval: true, workerData: macCaPath },
    );
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`reading the keychains took longer than ${READ_LIMIT_MS / 1000} s`));
    }, READ_LIMIT_MS);
    worker.once('message', (listing: KeychainListing) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(listing);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

/** Node ≥ 22.15 (and so Electron) asks the macOS trust settings; older runtimes cannot. */
export const nodeSystemTrust: SystemTrustReader = () => {
  const get = (tls as unknown as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
  return typeof get === 'function' ? get('system') : null;
};

function parseListing(pems: string[], source: string, problems: StoreProblem[]): X509Certificate[] {
  const certs: X509Certificate[] = [];
  pems.forEach((pem, index) => {
    if (!pem.trim()) return;
    try {
      certs.push(new X509Certificate(pem));
    } catch (error) {
      problems.push({ source, index, reason: `unparseable entry: ${(error as Error).message}` });
    }
  });
  return certs;
}

/** macOS's own decision for candidate roots (see macos-trust-settings.ts); replaceable in tests. */
export type MacTrustEvaluator = (candidates: X509Certificate[]) => Promise<Map<X509Certificate, MacTrustDecision>>;

export async function readMacStore(
  reader: KeychainReader = macCaReader,
  systemTrust: SystemTrustReader = nodeSystemTrust,
  evaluate: MacTrustEvaluator = (candidates) => evaluateMacTrust(candidates),
): Promise<StoreContents> {
  const problems: StoreProblem[] = [];
  const listing = await reader();
  const systemRoots = parseListing(listing.systemRoots, 'SystemRootCertificates keychain', problems);
  const keychains = parseListing(listing.keychains, 'login and System keychains', problems);
  const trustedPems = systemTrust();
  const anchors = new TrustSet('the macOS trust store');
  const intermediates = new TrustSet('the macOS keychains');

  if (trustedPems) {
    // The trust settings decide: a certificate marked "Never Trust" is listed by mac-ca but absent here.
    const trusted = new Set(parseListing(trustedPems, 'macOS trust settings', problems).map((c) => c.fingerprint256));
    for (const [cert, source] of [
      ...systemRoots.map((c) => [c, 'SystemRootCertificates keychain'] as const),
      ...keychains.map((c) => [c, 'login or System keychain'] as const),
    ]) {
      if (trusted.has(cert.fingerprint256)) anchors.add({ cert, source: `macOS ${source}` });
      else if (cert.ca && !isSelfIssued(cert)) intermediates.add({ cert, source: `macOS ${source}` });
      else if (cert.ca)
        problems.push({
          source,
          index: -1,
          reason: `"${oneLineName(cert.subject)}" is in a keychain but macOS does not trust it for TLS (e.g. "Never Trust"): not used as an anchor`,
        });
    }
  } else {
    // Without the trust-settings API, Apple's own roots count, and each root someone added (an MDM
    // profile, IT, the user) is decided by macOS itself: it may be marked "Never Trust", and exporting
    // it as trusted would be wrong.
    for (const cert of systemRoots) anchors.add({ cert, source: 'macOS SystemRootCertificates keychain' });
    const candidates: X509Certificate[] = [];
    for (const cert of keychains.filter((c) => c.ca)) {
      if (!isSelfIssued(cert)) intermediates.add({ cert, source: 'macOS keychain' });
      else if (!anchors.has(cert) && !candidates.some((c) => c.fingerprint256 === cert.fingerprint256)) candidates.push(cert);
    }
    const decisions = candidates.length > 0 ? await evaluate(candidates) : new Map<X509Certificate, MacTrustDecision>();
    for (const cert of candidates) {
      const decision = decisions.get(cert) ?? { trusted: null, detail: 'not evaluated' };
      const name = oneLineName(cert.subject);
      if (decision.trusted === true) anchors.add({ cert, source: `macOS login or System keychain (trusted by ${decision.by})` });
      else
        problems.push({
          source: 'login and System keychains',
          index: -1,
          reason:
            decision.trusted === null
              ? `"${name}": macOS could not be asked whether it trusts it (${decision.detail}), and this runtime cannot read macOS trust settings (needs Node 22.15 or later, as in the desktop app), so it is not treated as trusted; use the desktop app or --trust-store`
              : decision.neverTrust
                ? `"${name}" is marked "Never Trust" in macOS: not used as an anchor`
                : `"${name}" is in a keychain but macOS does not trust it for TLS (security verify-cert: ${decision.detail}): not used as an anchor`,
        });
    }
  }
  return { backend: 'macos', anchors, intermediates, sources: ['SystemRootCertificates keychain', 'login and System keychains'], problems };
}

let cache: { at: number; contents: Promise<StoreContents> } | null = null;

/** The keychains change rarely and are slow to read: share one read for a few minutes. */
export function readMacStoreCached(read: () => Promise<StoreContents> = readMacStore): Promise<StoreContents> {
  if (!cache || Date.now() - cache.at > CACHE_MS) {
    cache = { at: Date.now(), contents: read() };
    cache.contents.catch(() => (cache = null));
  }
  return cache.contents;
}
