import { X509Certificate } from 'node:crypto';
import type { LintCode } from '../../../shared/api/results.js';
import type { DetectionResult } from '../../../shared/detection.js';
import { readExtensions } from '../cert/extensions.js';
import { EXPIRY_WARNING_DAYS, MIN_RSA_BITS, validityOf, weakRsaBits, weakSignature } from '../cert/rules.js';

export interface LintFinding {
  code: LintCode;
  severity: 'error' | 'warning';
  message: string;
  /** Which tools the problem breaks, in plain words. */
  affects: string;
  /** Who can fix it: a re-exported or reissued CA, or only the proxy's configuration. */
  fixedBy?: 'ca' | 'proxy-configuration';
  params?: { days?: number };
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
      fixedBy: 'ca',
    });
  }
  if (!ext.subjectKeyId) {
    findings.push({
      code: 'no-subject-key-id',
      severity: 'warning',
      message: 'the certificate has no Subject Key Identifier',
      affects: 'Python 3.13 and later reject it ("Missing Subject Key Identifier"); ask IT to reissue the CA',
      fixedBy: 'ca',
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
      params: { days: EXPIRY_WARNING_DAYS },
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

/** How many forged leaves are looked at: one per inspected site is plenty, and the work stays bounded. */
const MAX_LEAVES = 64;

/**
 * Problems in what the proxy forges, seen on the inspected chains. Python 3.13+ (VERIFY_X509_STRICT) and
 * urllib3 2.4+ reject a leaf without an Authority Key Identifier even with the right bundle; the fix is in
 * the proxy's configuration (the certificates it mints), never something the user can re-export.
 */
export function lintForgedLeaves(detection: DetectionResult | null): LintFinding[] {
  const inspected = (detection?.targets ?? []).filter((t) => t.status === 'inspected' && t.chain.length > 0).slice(0, MAX_LEAVES);
  const without: string[] = [];
  for (const target of inspected) {
    let leaf: X509Certificate;
    try {
      leaf = new X509Certificate(target.chain[0]!.pem);
    } catch {
      continue; // unparsable certificates are reported by detect itself
    }
    // A self-signed leaf has no issuer to identify: that is a different finding, not this one.
    if (leaf.subject !== leaf.issuer && !readExtensions(leaf.raw).authorityKeyId) without.push(target.host);
  }
  if (without.length === 0) return [];
  const hosts = without.slice(0, 3).join(', ') + (without.length > 3 ? ` and ${without.length - 3} more` : '');
  return [
    {
      code: 'forged-leaf-no-authority-key-id',
      severity: 'warning',
      message: `the proxy's forged certificates (${hosts}) have no Authority Key Identifier`,
      affects:
        'Python 3.13 and later and urllib3 2.4 and later reject them ("Missing Authority Key Identifier") even with the right bundle. This is the proxy\'s configuration, not the CA file: ask IT to have the proxy put an Authority Key Identifier in the certificates it forges. Until then, Python 3.12 or the truststore package (which verifies with the OS) work.',
      fixedBy: 'proxy-configuration',
    },
  ];
}
