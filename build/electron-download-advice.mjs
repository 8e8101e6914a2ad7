// What to tell someone whose `npm start` could not download Electron, from the failure's cause chain
// (build/electron-fetch.mjs). On a corporate laptop the usual cause is TLS inspection itself: the proxy
// re-signs the download with a CA that Node does not trust. Never suggests turning verification off.

// The words come from CA Bridge's command-line catalogue (firstRun in shared/i18n/cli-en.ts and cli-ja.ts),
// compiled into dist/ by the build `npm start` runs first; English unless the caller passes others.
import { cliEn } from '../dist/shared/i18n/cli-en.js';
import { fill } from '../dist/shared/i18n/fill.js';

const ENGLISH = cliEn.firstRun;

const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const CERTIFICATE_TEXT = /self[- ]signed certificate|unable to (get local issuer|verify the first) certificate/i;
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * The kind of failure: `certificate` (TLS not trusted: inspection), `offline` (no route to the server:
 * no internet, a proxy that cannot reach it, or one that is needed and not set), `proxy` (the proxy
 * refused: 407 sign-in, 403 blocked), `download` (the server answered, but not with Electron), `other`.
 */
export function failureKind(chain) {
  const codes = chain.map((e) => e.code).filter(Boolean);
  const text = chain.map((e) => e.message).join('\n');
  if (codes.some((c) => CERTIFICATE_CODES.has(c)) || CERTIFICATE_TEXT.test(text)) return 'certificate';
  if (/Proxy response \((40[37])\)/.test(text)) return 'proxy';
  if (codes.some((c) => OFFLINE_CODES.has(c)) || /other side closed|socket hang up|Proxy response \(5\d\d\)/i.test(text)) return 'offline';
  if (/HTTPError|Response code \d+|checksum|did not match|404|403/i.test(text)) return 'download';
  return 'other';
}

/** The deepest cause's words, on one bounded line: what actually went wrong. */
export function rootCause(chain, w = ENGLISH) {
  const last = chain[chain.length - 1];
  if (!last) return w.noError;
  return `${last.code ? `${last.code}: ` : ''}${last.message}`.replace(/\s+/g, ' ').slice(0, 300);
}

/** The browser-mode way out, for every failure. */
export const fallback = (w = ENGLISH) => [w.fallback, '  npx ca-bridge ui'];

/**
 * The fixes for a certificate failure, given what CA Bridge's own check found (`diagnosis`, or null when
 * it could not run): the inspection, its CA and where it is, and the commands that hand it to Node.
 */
export function certificateAdvice(chain, diagnosis, w = ENGLISH) {
  const lines = [fill(w.notTrusted, { cause: rootCause(chain, w) })];
  if (diagnosis?.inspected) {
    lines.push(fill(diagnosis.vendor ? w.checkedBy : w.checked, { host: diagnosis.host, vendor: diagnosis.vendor ?? '' }));
    lines.push(fill(w.caLine, { subject: diagnosis.subject, fingerprint: diagnosis.fingerprint ?? w.unknownFingerprint }));
    lines.push(diagnosis.inStore ? w.inStore : w.notInStore);
  } else lines.push(...w.likely.split('\n'));
  lines.push(w.fixWith);
  if (!diagnosis?.inspected || diagnosis.inStore) lines.push('  CA_BRIDGE_TRUST_OS_CA=1 npm start', w.trustOsCa);
  lines.push('  NODE_OPTIONS=--use-system-ca npm start', w.useSystemCa);
  lines.push('  NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem npm start', w.extraCa, w.mirrorCommand, w.mirror);
  return lines;
}

/** Lines for a failure that is not about certificates. Never "see the message above" over nothing: the cause is always named. */
export function otherAdvice(chain, kind, w = ENGLISH) {
  const cause = rootCause(chain, w);
  const template = kind === 'offline' || kind === 'proxy' || kind === 'download' ? w[kind] : w.other;
  return fill(template, { cause }).split('\n');
}
