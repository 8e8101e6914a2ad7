import type { CertSummary, ProbeError, ProxyCredentialUse } from './detection.js';
import type { ProxyNote } from './proxy-notes.js';

export type FindingCode =
  | 'expired'
  | 'not-yet-valid'
  | 'expiring-soon'
  | 'clock-skew'
  | 'hostname-mismatch'
  | 'incomplete-chain'
  | 'self-signed'
  | 'untrusted-root'
  | 'inspected'
  | 'sni-dependent'
  | 'weak-signature'
  | 'weak-key'
  | 'client-cert-required'
  | 'ca-file'
  | 'ok';

/**
 * What a finding says, as a key and parameters the front doors word in the user's language (the CLI's
 * catalogue: cli.findingDetail). `message` keeps the same in English for the JSON and logs.
 */
export const FINDING_DETAIL_KEYS = [
  'expired',
  'not-yet-valid',
  'expiring-soon',
  'hostname-mismatch',
  'hostname-mismatch-no-san',
  'weak-signature',
  'weak-key',
  'self-signed',
  'untrusted-root',
  'incomplete-chain',
  'incomplete-chain-aia',
  'inspected',
  'inspected-anchor',
  'inspected-vendor',
  'inspected-vendor-anchor',
  'clock-ahead',
  'clock-behind',
  'sni-dependent',
  'client-cert-missing',
  'client-cert-rejected',
  'client-cert-hung-up',
  'client-cert-accepted',
  'ca-file-verifies',
  'ca-file-fails',
  'ok',
] as const;
export type FindingDetailKey = (typeof FINDING_DETAIL_KEYS)[number];

/** Which certificate of the chain a finding names: worded by the front door (cli.certRole). */
export type CertRole = 'server' | 'root' | 'intermediate';

export interface FindingDetail {
  key: FindingDetailKey;
  /** Names, dates and numbers from the chain; `role` is a CertRole; an SNI of "" means none was sent. */
  params: Record<string, string | number>;
}

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  detail: FindingDetail;
  /** The certificate of the chain it concerns (0 = leaf), so a picture can attach it there. */
  certIndex: number | null;
}

export interface CheckResult {
  host: string;
  port: number;
  sni: string | null;
  proxy: string | null;
  error: ProbeError | null;
  chain: CertSummary[];
  protocol: string | null;
  cipher: string | null;
  findings: Finding[];
  trust: { publicRoots: boolean; trustStore: boolean; ca: boolean | null };
  /** Which proxy received the user's credentials and in which scheme, or held them back (credential policy). */
  proxyCredentials?: ProxyCredentialUse[];
  /** What the user should know about the proxy setting (a PAC file that failed, so the check went direct); absent when nothing. */
  proxyNotes?: ProxyNote[];
}
