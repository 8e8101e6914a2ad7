import type { X509Certificate } from 'node:crypto';
import { readExtensions, signatureAlgorithmName } from './extensions.js';
import { isSelfIssued } from './x509.js';

/**
 * The certificate rules current clients enforce, stated once: `check` reports them per certificate of
 * a chain, the export lint per exported CA. Each returns what it found, the callers word it.
 */

/** Warn this long before expiry: enough time to roll out a renewed CA. */
export const EXPIRY_WARNING_DAYS = 30;
/** OpenSSL 3 at security level 2 (current distributions), Java and Python refuse shorter RSA keys. */
export const MIN_RSA_BITS = 2048;
const DAY = 86_400_000;

export type Validity = 'expired' | 'not-yet-valid' | 'expiring-soon' | 'valid';

export function validityOf(cert: X509Certificate, now: Date): { state: Validity; notBefore: Date; notAfter: Date } {
  const notAfter = new Date(cert.validTo);
  const notBefore = new Date(cert.validFrom);
  const state: Validity =
    notAfter < now
      ? 'expired'
      : notBefore > now
        ? 'not-yet-valid'
        : notAfter.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY
          ? 'expiring-soon'
          : 'valid';
  return { state, notBefore, notAfter };
}

/**
 * A SHA-1 or MD5 signature that clients check: a root's self-signature is never verified, so only
 * certificates signed by another are judged. Returns the algorithm's name, or null when acceptable.
 */
export function weakSignature(cert: X509Certificate): { algorithm: string; md5: boolean } | null {
  if (isSelfIssued(cert)) return null;
  const algorithm = signatureAlgorithmName(readExtensions(cert.raw).signatureAlgorithmOid);
  return /sha1|md5/i.test(algorithm) ? { algorithm, md5: /md5/i.test(algorithm) } : null;
}

/** The RSA modulus length when it is below MIN_RSA_BITS, else null (also for non-RSA keys). */
export function weakRsaBits(cert: X509Certificate): number | null {
  const bits = cert.publicKey.asymmetricKeyDetails?.modulusLength;
  return cert.publicKey.asymmetricKeyType?.startsWith('rsa') && bits !== undefined && bits < MIN_RSA_BITS ? bits : null;
}
