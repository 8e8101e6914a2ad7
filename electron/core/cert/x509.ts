import { createHash, X509Certificate } from 'node:crypto';
import type { CertSummary, KeyType } from '../../../shared/detection.js';
import { escapeNetworkText } from '../../../shared/network-text.js';
import { readExtensions, signatureAlgorithmName } from './extensions.js';
import { CERTIFICATE_LABELS, pemBody, scanPem } from './pem.js';

export interface ParseProblem {
  index: number;
  reason: string;
}

export interface ParsedCertificates {
  certs: X509Certificate[];
  problems: ParseProblem[];
}

export function looksLikePem(data: Buffer | string): boolean {
  return data.toString('latin1').includes('-----BEGIN ');
}

/** Parses every certificate in PEM text or one DER certificate; bad entries are reported, not dropped silently. */
export function parseCertificates(data: Buffer | string): ParsedCertificates {
  const result: ParsedCertificates = { certs: [], problems: [] };
  if (looksLikePem(data)) {
    let index = 0;
    for (const entry of scanPem(data.toString('latin1'))) {
      if (!CERTIFICATE_LABELS.has(entry.label)) continue;
      if (entry.kind === 'broken') result.problems.push({ index: index++, reason: entry.reason });
      else tryParse(pemBody(entry), index++, result, `line ${entry.line}: the certificate block is not a valid X.509 certificate`);
    }
    return result;
  }
  const der = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  // DER certificates start with an ASN.1 SEQUENCE; anything else is neither PEM nor DER.
  if (der[0] === 0x30)
    tryParse(
      der,
      0,
      result,
      'binary (DER) data that is not an X.509 certificate (a private key, a certificate request or a PKCS#12 file?)',
    );
  return result;
}

/**
 * OpenSSL's message for bad DER is "PEM routines::no start line" (Node falls back to PEM and reports
 * that failure), which says nothing useful: the caller's sentence replaces it.
 */
function tryParse(der: Buffer, index: number, into: ParsedCertificates, whenBad: string): void {
  try {
    into.certs.push(new X509Certificate(der));
  } catch {
    into.problems.push({ index, reason: whenBad });
  }
}

export function toPem(cert: X509Certificate): string {
  return cert.toString().trim() + '\n';
}

/** Signed by its own key. Not checkIssued: self-signed server certificates often lack keyCertSign. */
export function isSelfIssued(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer && cert.verify(cert.publicKey);
}

export function spkiFingerprint(cert: X509Certificate): string {
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256')
    .update(spki)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp256k1: 256, secp384r1: 384, secp521r1: 521 };

function keyInfo(cert: X509Certificate): Pick<CertSummary, 'keyType' | 'keyBits' | 'curve'> {
  const key = cert.publicKey;
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  const keyType: KeyType =
    type === 'rsa-pss' ? 'rsa' : ((['rsa', 'ec', 'ed25519', 'ed448', 'dsa'].includes(type) ? type : 'unknown') as KeyType);
  const curve = details.namedCurve ?? null;
  const keyBits = details.modulusLength ?? (curve ? (CURVE_BITS[curve] ?? null) : keyType === 'ed25519' ? 256 : null);
  return { keyType, keyBits, curve };
}

/** OpenSSL prints "Mar  3 12:00:00 2030 GMT"; callers want ISO 8601. */
export const isoDate = (openSslDate: string): string => new Date(openSslDate).toISOString();

export function subjectAltNames(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter(Boolean)
    .map((entry) => escapeNetworkText(entry.replace(/^DNS:/, '').trim()));
}

export function summarize(cert: X509Certificate): CertSummary {
  const ext = readExtensions(cert.raw);
  return {
    subject: oneLineName(cert.subject),
    issuer: oneLineName(cert.issuer),
    subjectAltNames: subjectAltNames(cert),
    notBefore: isoDate(cert.validFrom),
    notAfter: isoDate(cert.validTo),
    ...keyInfo(cert),
    signatureAlgorithm: signatureAlgorithmName(ext.signatureAlgorithmOid),
    fingerprint256: cert.fingerprint256,
    spki256: spkiFingerprint(cert),
    subjectKeyId: ext.subjectKeyId,
    authorityKeyId: ext.authorityKeyId,
    isCa: cert.ca,
    selfIssued: isSelfIssued(cert),
    pem: toPem(cert),
  };
}

/**
 * Single-line form of a multi-line OpenSSL distinguished name, for tables and messages. Names come from
 * certificates the network presented: OpenSSL escapes C0 controls but passes C1 controls and bidi
 * overrides, so the rest is made visible here.
 */
export const oneLineName = (name: string): string => escapeNetworkText(name.split('\n').filter(Boolean).join(', '));
