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

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
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
