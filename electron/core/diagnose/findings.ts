import type { X509Certificate } from 'node:crypto';
import type { CertRole, Finding } from '../../../shared/diagnose.js';
import { isIpLiteral } from '../../../shared/targets.js';
import { EXPIRY_WARNING_DAYS, MIN_RSA_BITS, validityOf, weakRsaBits, weakSignature } from '../cert/rules.js';
import { isSelfIssued, oneLineName, subjectAltNames } from '../cert/x509.js';
import { findPath, type SearchLimits } from '../trust/chain.js';
import type { TrustSet } from '../trust/trust-set.js';
import { escapeNetworkText } from '../../../shared/network-text.js';

const name = (cert: X509Certificate) => oneLineName(cert.subject);
const roleOf = (i: number, chain: readonly X509Certificate[]): CertRole =>
  i === 0 ? 'server' : i === chain.length - 1 && isSelfIssued(chain[i]!) ? 'root' : 'intermediate';
const ROLE_EN: Record<CertRole, string> = { server: 'the server certificate', root: 'the root', intermediate: 'an intermediate' };
const role = (i: number, chain: readonly X509Certificate[]) => ROLE_EN[roleOf(i, chain)];

export function dateFindings(chain: readonly X509Certificate[], now: Date): Finding[] {
  const findings: Finding[] = [];
  chain.forEach((cert, i) => {
    const { state, notBefore, notAfter } = validityOf(cert, now);
    const who = `${role(i, chain)} "${name(cert)}"`;
    const subject = { role: roleOf(i, chain), name: name(cert) };
    if (state === 'expired')
      findings.push({
        code: 'expired',
        severity: 'error',
        certIndex: i,
        detail: { key: 'expired', params: { ...subject, date: notAfter.toISOString().slice(0, 10) } },
        message: `${who} expired on ${notAfter.toISOString().slice(0, 10)}: the server must install a renewed certificate`,
      });
    else if (state === 'not-yet-valid')
      findings.push({
        code: 'not-yet-valid',
        severity: 'error',
        certIndex: i,
        detail: { key: 'not-yet-valid', params: { ...subject, date: notBefore.toISOString() } },
        message: `${who} is not valid before ${notBefore.toISOString()}: check this computer's clock, or the server was given a certificate too early`,
      });
    else if (state === 'expiring-soon')
      findings.push({
        code: 'expiring-soon',
        severity: 'warning',
        certIndex: i,
        detail: { key: 'expiring-soon', params: { ...subject, date: notAfter.toISOString().slice(0, 10), days: EXPIRY_WARNING_DAYS } },
        message: `${who} expires on ${notAfter.toISOString().slice(0, 10)}, within ${EXPIRY_WARNING_DAYS} days`,
      });
  });
  return findings;
}

/** RFC 6125 as browsers apply it: a wildcard covers exactly one whole label; the CN counts only without SAN. */
export function hostnameFinding(leaf: X509Certificate, host: string): Finding | null {
  const covered = isIpLiteral(host)
    ? leaf.checkIP(host)
    : leaf.checkHost(host, { partialWildcards: false, multiLabelWildcards: false, singleLabelSubdomains: false });
  if (covered !== undefined) return null;
  const names = subjectAltNames(leaf);
  return {
    code: 'hostname-mismatch',
    severity: 'error',
    certIndex: 0,
    detail: names.length
      ? { key: 'hostname-mismatch', params: { host, names: names.join(', ') } }
      : { key: 'hostname-mismatch-no-san', params: { host, name: name(leaf) } },
    message: `the certificate does not cover "${host}"; it is valid for: ${names.length ? names.join(', ') : `(no SAN) ${name(leaf)}`}`,
  };
}

export function strengthFindings(chain: readonly X509Certificate[]): Finding[] {
  const findings: Finding[] = [];
  chain.forEach((cert, i) => {
    const weak = weakSignature(cert);
    if (weak)
      findings.push({
        code: 'weak-signature',
        severity: weak.md5 ? 'error' : 'warning',
        certIndex: i,
        detail: { key: 'weak-signature', params: { role: roleOf(i, chain), name: name(cert), algorithm: weak.algorithm } },
        message: `${role(i, chain)} "${name(cert)}" is signed with ${weak.algorithm}, which current clients reject`,
      });
    const bits = weakRsaBits(cert);
    if (bits !== null)
      findings.push({
        code: 'weak-key',
        severity: 'warning',
        certIndex: i,
        detail: { key: 'weak-key', params: { role: roleOf(i, chain), name: name(cert), bits, min: MIN_RSA_BITS } },
        message: `${role(i, chain)} "${name(cert)}" has a ${bits}-bit RSA key; ${MIN_RSA_BITS} bits is the minimum clients accept`,
      });
  });
  return findings;
}

/** The URL is the certificate's own text: escaped like every name from the network. */
const caIssuersUrl = (cert: X509Certificate) => {
  const url = /CA Issuers - URI:(\S+)/.exec(cert.infoAccess ?? '')?.[1];
  return url ? escapeNetworkText(url) : null;
};

/**
 * Why the chain reaches no trusted root: the server left out an intermediate, it is self-signed, or
 * it ends at a root nobody here trusts.
 */
export function trustFinding(
  chain: readonly X509Certificate[],
  anchorSets: readonly TrustSet[],
  intermediates?: TrustSet,
  limits?: SearchLimits,
): Finding | null {
  if (anchorSets.some((anchors) => findPath(chain, anchors, intermediates, limits).anchor)) return null;
  const leaf = chain[0]!;
  if (chain.length === 1 && isSelfIssued(leaf))
    return {
      code: 'self-signed',
      severity: 'error',
      certIndex: 0,
      detail: { key: 'self-signed', params: { name: name(leaf) } },
      message: `the server certificate "${name(leaf)}" is self-signed: only clients told to trust this exact certificate accept it`,
    };
  const top = chain[chain.length - 1]!;
  const topIndex = chain.length - 1;
  if (isSelfIssued(top))
    return {
      code: 'untrusted-root',
      severity: 'error',
      certIndex: topIndex,
      detail: { key: 'untrusted-root', params: { name: name(top) } },
      message: `the chain ends at the root "${name(top)}", which neither the public roots nor this computer's trust store contain`,
    };
  const url = caIssuersUrl(top);
  return {
    code: 'incomplete-chain',
    severity: 'error',
    certIndex: topIndex,
    detail: url
      ? { key: 'incomplete-chain-aia', params: { name: name(top), issuer: oneLineName(top.issuer), url } }
      : { key: 'incomplete-chain', params: { name: name(top), issuer: oneLineName(top.issuer) } },
    message: `the server did not send the certificate that issued "${name(top)}", namely "${oneLineName(top.issuer)}" ("unable to verify the first certificate"); ${url ? `its AIA CA Issuers URL ${url} could supply it, which browsers use but most tools do not` : 'and the certificate names no AIA CA Issuers URL to fetch it from'}. The server should send its intermediate certificates`,
  };
}
