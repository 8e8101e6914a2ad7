/** Result types of the detection engine, shared by the CLI, the desktop app and browser mode. */

export type KeyType = 'rsa' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | 'unknown';

import type { ProxyRelayAdvice } from './proxy-advice.js';
import type { ProxyNote } from './proxy-notes.js';

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
  /** With `proxy-auth-required`: what the proxy asked for and what was tried. */
  proxyAuth?: ProxyAuthInfo;
  /** Facts an interface needs to word the error itself, e.g. the 407's auth scheme. */
  params?: {
    scheme?: string;
    credentialsSent?: 'yes' | 'no';
    /** With `proxy-error`: the HTTP status the proxy answered CONNECT with (502 and 504: it could not reach the site). */
    proxyStatus?: number;
  };
}

/** Why a proxy's authentication did not succeed; the CLI and the interface word it from these fields. */
export type ProxyAuthProblem = 'no-credentials' | 'rejected' | 'unsupported-scheme' | 'no-ticket' | 'bad-challenge' | 'unconfirmed-proxy';

/**
 * Why the user's credentials were held back from a proxy (credential policy, docs/threat-model.md):
 * `wpad`, only WPAD auto-discovery named it; `unknown-pac`, the desktop's Chromium resolution named it
 * and cannot say whether a configured PAC or WPAD chose it.
 */
export type ProxyHoldReason = 'wpad' | 'unknown-pac';

/** What became of the user's proxy credentials at one proxy during a run (never the credentials themselves). */
export interface ProxyCredentialUse {
  /** scheme://host:port. */
  proxy: string;
  /** host:port, as the confirmation (`--confirm-proxy`, the page's confirmation) names it. */
  hostPort: string;
  /** `sent`: the proxy received them in `scheme`; `held`: it asked, and the policy held them back. */
  status: 'sent' | 'held';
  /** Basic, NTLM, Negotiate, or USERNAME/PASSWORD (SOCKS 5, RFC 1929); null when held. */
  scheme: string | null;
  /** Basic to a plain-http proxy: readable by anyone on the path; every front door warns. */
  cleartext: boolean;
  hold?: ProxyHoldReason;
}

export interface ProxyAuthInfo {
  /** Schemes from every `Proxy-Authenticate` header, in the proxy's order, e.g. ["Negotiate", "NTLM", "Basic"]. */
  offered: string[];
  /** The scheme CA Bridge answered with, if any. */
  tried: string | null;
  problem: ProxyAuthProblem;
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

/** Who answered one `HEAD /` after the handshake: the site, or the inspecting proxy's own error page. Values are escaped network text. */
export interface HttpAnswer {
  status: number;
  server: string | null;
  /** squid's `X-Squid-Error` (ERR_DNS_FAIL 0, ERR_CONNECT_FAIL 111…): squid wrote this page itself. */
  squidError: string | null;
  /** RFC 9209 `Proxy-Status`. */
  proxyStatus: string | null;
}

export interface ProbeResult {
  host: string;
  port: number;
  /** Where the TCP connection actually went, after --connect-to mapping. */
  connectedTo: string | null;
  /**
   * `chromium`: Node could not pass the proxy (NTLM/Kerberos sign-on, a PAC entry Node cannot use), so the
   * desktop app asked Chromium's network stack and the chain it captured was analysed here.
   */
  via: 'direct' | 'proxy' | 'chromium';
  /** With `via: 'chromium'`: why Node's own probe failed, kept so the user sees both. */
  nodeError?: ProbeError;
  /** A PAC file's answer for this site ("PROXY a:8080; DIRECT"), when a PAC file decided the route. */
  proxyRoute?: string;
  /** The hop actually taken: the proxy's URL without credentials, or null for a direct connection. Absent in older results. */
  proxyUsed?: string | null;
  /** The answer to one request after the handshake (absent when none was made, null when nothing answered). */
  http?: HttpAnswer | null;
  error: ProbeError | null;
  chain: CertSummary[];
  protocol: string | null;
  cipher: string | null;
  hostnameMatches: boolean | null;
  publicRoots: ChainCheck | null;
  trustStore: ChainCheck | null;
  timings: ProbeTimings;
}

/**
 * `unreachable-via-proxy`: the TLS was completed by an inspecting proxy that could not reach the site and
 * served its own error or block page, so the chain shows the proxy, not the site. `name-mismatch`: a chain
 * to a public root, but for another name (a captive portal, a wrong address): neither clean nor inspected.
 */
export const TARGET_STATUSES = ['inspected', 'clean', 'error', 'unreachable-via-proxy', 'name-mismatch'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];
/** Every verdict, in one list: parsers of saved reports accept exactly these, and switches end in assertNever. */
export const VERDICTS = ['inspected', 'partial', 'clean', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

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
    | 'unreachable-via-proxy'
    | 'name-mismatch'
    | 'several-cas'
    | 'chromium-local-root'
    | 'chromium-route-differs'
    | 'chromium-chain-differs'
    | 'seen-through-chromium';
  message: string;
  hosts: string[];
}

export interface InspectionCa {
  subject: string;
  fingerprint256: string | null;
  source: 'trust-store' | 'presented-chain' | 'not-found';
  /** Where it was found: a store name or file, or the host whose chain carried it. */
  location: string | null;
  /** Validity start; absent in results saved before it was reported. */
  notBefore?: string | null;
  notAfter: string | null;
  pem: string | null;
}

/** One site a CA re-signed, and the way it was reached. */
export interface CaSite {
  host: string;
  port: number;
  /** `DIRECT`, the proxy's URL without credentials, or `Chromium` with Chromium's route. */
  route: string;
  /** The PAC file's answer for the site, when a PAC file chose the route. */
  pacRoute: string | null;
}

/** An inspection CA with every site it re-signed and the routes they took (several inspectors: one per route or proxy). */
export interface InspectionCaReport extends InspectionCa {
  sites: CaSite[];
  /** The distinct routes of `sites`, in order of first appearance. */
  routes: string[];
  /** The one also given as `inspectionCa` (the CA that re-signed the most sites). */
  primary: boolean;
}

export interface TargetReport extends ProbeResult {
  status: TargetStatus;
}

/** Which reader produced a trust store: a platform's, a --trust-store file or folder, or none at all. */
export type StoreBackend = 'linux' | 'macos' | 'windows' | 'file' | 'none';

/**
 * What the trust-store reader saw, carried to the user: an unreadable store or entries it could not
 * judge (macOS trust settings on old runtimes) change what "not in the trust store" means.
 */
export interface TrustStoreDiagnostics {
  backend: StoreBackend;
  /** `ok`: read without problems; `partial`: read, but some entries were skipped; `unreadable`: nothing could be read. */
  state: 'ok' | 'partial' | 'unreadable';
  /** What was read: files, folders, keychains or Windows stores. */
  sources: string[];
  anchors: number;
  intermediates: number;
  /** The first problems (each with where it came from); `problemCount` counts them all. */
  problems: { source: string; reason: string }[];
  problemCount: number;
}

/** Where the proxy decision came from, so the user can see which setting to change. */
export interface ProxySource {
  /** `wpad`: the OS asked for automatic detection and a WPAD file found on the network decides. */
  kind: 'option' | 'pac' | 'wpad' | 'windows' | 'macos' | 'gnome' | 'kde' | 'environment' | 'none';
  /**
   * Data, never a sentence: the proxy or PAC address given (`direct`, `http://host:port`, a PAC URL),
   * the WPAD file's URL, the variable's name (`HTTPS_PROXY`), or a system setting's proxy (`host:port`
   * for an HTTP proxy, `socks4://host:port` or `socks5h://host:port` for a SOCKS one) or PAC address (a
   * URL with a path); empty for `none` and for a system setting that could not be used.
   */
  detail: string;
  /** What the user should know about the setting, as codes each front door words (shared/proxy-notes.ts). */
  notes: ProxyNote[];
}

/** How much the verdict rests on: several agreeing sites, or a single well-known site anchored in the OS store. */
export const CONFIDENCE_REASONS = ['several-sites', 'one-known-site-trust-store', 'one-site', 'too-few-reachable'] as const;
export type ConfidenceReason = (typeof CONFIDENCE_REASONS)[number];
export interface Confidence {
  level: 'high' | 'moderate' | 'none';
  reason: ConfidenceReason;
}

export interface DetectionResult {
  /** Names this result for later operations (exportCa's detectionId); random, never reused. */
  id: string;
  verdict: Verdict;
  /** Absent only in results saved by older versions. */
  confidence?: Confidence;
  summary: string;
  vendor: { name: string; matched: string } | null;
  inspectionCa: InspectionCa | null;
  /** Every inspection CA seen, the primary first; absent in results saved by older versions. */
  inspectionCas?: InspectionCaReport[];
  proxy: string | null;
  proxySource?: ProxySource;
  /** For proxies that ask for a scheme most tools cannot answer (NTLM, Negotiate…): a local relay, and how to point tools at it. */
  proxyAdvice?: ProxyRelayAdvice[];
  /** Which proxies received the user's credentials and in which scheme, and which were held back. */
  proxyCredentials?: ProxyCredentialUse[];
  evidence: EvidenceItem[];
  targets: TargetReport[];
  /** The OS trust store (or --trust-store) as read for this detection. */
  trustStore: TrustStoreDiagnostics;
  startedAt: string;
  durationMs: number;
}
