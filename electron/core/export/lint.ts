import type { X509Certificate } from 'node:crypto';
import type { LintCode } from '../../../shared/api/results.js';
import { readExtensions } from '../cert/extensions.js';
import { EXPIRY_WARNING_DAYS, MIN_RSA_BITS, validityOf, weakRsaBits, weakSignature } from '../cert/rules.js';

export interface LintFinding {
  code: LintCode;
  severity: 'error' | 'warning';
  message: string;
  /** Which tools the problem breaks, in plain words. */
  affects: string;
}

/**
 * Problems in a CA certificate that make some tools reject it even once it is configured: Python 3.13
 * and later enforce RFC 5280 strictly (critical Basic Constraints, a Subject Key Identifier), OpenSSL 3
 * and Java refuse SHA-1 and short RSA keys. See docs/threat-model.md for why we warn, never fix.
 */
export function lintCa(cert: X509Certificate, now = new Date()): LintFinding[] {
  const findings: LintFinding[] = [];
  const ext = readExtensions(cert.raw);
  if (!cert.ca) {
    findings.push({
      code: 'not-a-ca',
      severity: 'error',
      message: 'this certificate is not a CA (Basic Constraints CA:FALSE or absent)',
      affects: 'every tool: it cannot sign other certificates',
    });
  } else if (ext.basicConstraints && !ext.basicConstraints.critical) {
    findings.push({
      code: 'basic-constraints-not-critical',
      severity: 'warning',
      message: 'Basic Constraints is not marked critical',
      affects: 'Python 3.13 and later reject it ("Basic Constraints of CA cert not marked critical"); ask IT to reissue the CA',
    });
  }
  if (!ext.subjectKeyId) {
    findings.push({
      code: 'no-subject-key-id',
      severity: 'warning',
      message: 'the certificate has no Subject Key Identifier',
      affects: 'Python 3.13 and later reject it ("Missing Subject Key Identifier"); ask IT to reissue the CA',
    });
  }
  const { state, notBefore, notAfter } = validityOf(cert, now);
  if (state === 'expired')
    findings.push({
      code: 'expired',
      severity: 'error',
      message: `expired on ${notAfter.toISOString().slice(0, 10)}`,
      affects: 'every tool rejects chains that end at an expired CA',
    });
  else if (state === 'expiring-soon')
    findings.push({
      code: 'expiring-soon',
      severity: 'warning',
      message: `expires on ${notAfter.toISOString().slice(0, 10)}, within ${EXPIRY_WARNING_DAYS} days`,
      affects: 'every tool, once it expires: export the renewed CA then',
    });
  else if (state === 'not-yet-valid')
    findings.push({
      code: 'not-yet-valid',
      severity: 'error',
      message: `not valid before ${notBefore.toISOString().slice(0, 10)} (check the clock)`,
      affects: 'every tool',
    });
  const weak = weakSignature(cert);
  if (weak) {
    findings.push({
      code: 'sha1-signature',
      severity: 'warning',
      message: `signed with ${weak.algorithm}`,
      affects: 'OpenSSL 3 at security level 1 or higher, Java and browsers reject SHA-1 signatures on intermediates',
    });
  }
  const bits = weakRsaBits(cert);
  if (bits !== null) {
    findings.push({
      code: 'weak-rsa-key',
      severity: 'warning',
      message: `RSA key of ${bits} bits`,
      affects: `OpenSSL 3 (security level 2 on current distributions), Java and Python reject RSA keys under ${MIN_RSA_BITS} bits`,
    });
  }
  return findings;
}
