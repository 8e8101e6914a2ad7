/** Result types of the detection engine, shared by the CLI, the desktop app and browser mode. */

export type KeyType = 'rsa' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | 'unknown';

export interface CertSummary {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  notBefore: string; // ISO 8601
  notAfter: string; // ISO 8601
  keyType: KeyType;
  /** RSA modulus bits, or the EC curve size in bits. */
  keyBits: number | null;
  curve: string | null;
  signatureAlgorithm: string;
  fingerprint256: string;
  /** SHA-256 of the SubjectPublicKeyInfo, to spot forged leaves that reuse one key. */
  spki256: string;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  isCa: boolean;
  selfIssued: boolean;
  pem: string;
}

export const PROBE_ERROR_CODES = [
  'dns',
  'refused',
  'timeout',
  'reset',
  'unreachable',
  'tls-alert',
  'tls-error',
  'proxy-dns',
  'proxy-refused',
  'proxy-auth-required',
  'proxy-error',
  'no-certificate',
  'internal',
] as const;
export type ProbeErrorCode = (typeof PROBE_ERROR_CODES)[number];

export interface ProbeError {
  code: ProbeErrorCode;
  /** English, for logs and the CLI; interfaces word the code and params in the user's language. */
  message: string;
  /** Facts an interface needs to word the error itself, e.g. the 407's auth scheme. */
  params?: { scheme?: string; credentialsSent?: 'yes' | 'no' };
}

export interface ProbeTimings {
  /** TCP connection to the first hop (the proxy, or the site when direct). */
  connectMs: number | null;
  /** CONNECT round trip through the proxy. */
  proxyMs: number | null;
  tlsMs: number | null;
  totalMs: number;
}

export interface ChainCheck {
  /** The chain reaches an anchor of the set through valid signatures and validity dates. */
  trusted: boolean;
  /** The anchor that the chain reaches, even where dates fail. */
  anchorFingerprint256: string | null;
  reason: string | null;
}

export interface ProbeResult {
  host: string;
  port: number;
  /** Where the TCP connection actually went, after --connect-to mapping. */
  connectedTo: string | null;
  via: 'direct' | 'proxy';
  error: ProbeError | null;
  chain: CertSummary[];
  protocol: string | null;
  cipher: string | null;
  hostnameMatches: boolean | null;
  publicRoots: ChainCheck | null;
  trustStore: ChainCheck | null;
  timings: ProbeTimings;
}

export type TargetStatus = 'inspected' | 'clean' | 'error';
export type Verdict = 'inspected' | 'partial' | 'clean' | 'inconclusive';

export interface EvidenceItem {
  kind:
    | 'not-public'
    | 'common-issuer'
    | 'shared-leaf-key'
    | 'vendor-match'
    | 'trust-store-anchor'
    | 'bypassed'
    | 'public-roots'
    | 'too-few-reachable'
    | 'chromium-local-root';
  message: string;
  hosts: string[];
}

export interface InspectionCa {
  subject: string;
  fingerprint256: string | null;
  source: 'trust-store' | 'presented-chain' | 'not-found';
  /** Where it was found: a store name or file, or the host whose chain carried it. */
  location: string | null;
  notAfter: string | null;
  pem: string | null;
}

export interface TargetReport extends ProbeResult {
  status: TargetStatus;
}

/** How much the verdict rests on: several agreeing sites, or a single well-known site anchored in the OS store. */
export const CONFIDENCE_REASONS = ['several-sites', 'one-known-site-trust-store', 'one-site', 'too-few-reachable'] as const;
export type ConfidenceReason = (typeof CONFIDENCE_REASONS)[number];
export interface Confidence {
  level: 'high' | 'moderate' | 'none';
  reason: ConfidenceReason;
}

export interface DetectionResult {
  verdict: Verdict;
  /** Absent only in results saved by older versions. */
  confidence?: Confidence;
  summary: string;
  vendor: { name: string; matched: string } | null;
  inspectionCa: InspectionCa | null;
  proxy: string | null;
  evidence: EvidenceItem[];
  targets: TargetReport[];
  startedAt: string;
  durationMs: number;
}
