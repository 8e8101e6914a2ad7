import type { StoreBackend } from '../../../../shared/detection.js';
import type { TrustSet } from '../trust-set.js';

export type { StoreBackend };

export interface StoreProblem {
  source: string;
  index: number;
  reason: string;
}

/** What a platform's trust store holds, with where each certificate came from. */
export interface StoreContents {
  backend: StoreBackend;
  /** Certificates the platform trusts as anchors. */
  anchors: TrustSet;
  /** Chain-building material only (e.g. the Windows "Intermediate Certification Authorities" store). */
  intermediates: TrustSet;
  /** What was read, for "where it was found" and diagnostics. */
  sources: string[];
  /** Entries that could not be parsed or are not trusted: counted and explained, never dropped silently. */
  problems: StoreProblem[];
}
