import { X509Certificate } from 'node:crypto';
import type { VerifyChainProblem, VerifySiteProblem } from '../../../shared/api/results.js';
import type { DetectionResult } from '../../../shared/detection.js';
import { isSelfIssued } from '../cert/x509.js';
import { checkChain } from '../trust/chain.js';
import { TrustSet } from '../trust/trust-set.js';

export type CheckOutcome = 'pass' | 'fail' | 'error';

export interface TargetVerification {
  host: string;
  port: number;
  /** Public roots + corporate-ca.pem: what NODE_EXTRA_CA_CERTS gives Node. */
  extraCa: CheckOutcome;
  /** ca-bundle.pem alone: what SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE … give their tools. */
  bundle: CheckOutcome;
  error: string | null;
  problem: VerifySiteProblem | null;
}

function verdict(
  chain: X509Certificate[],
  anchors: TrustSet,
  intermediates: TrustSet,
  nameOk: boolean | null,
): { outcome: CheckOutcome; why: string | null; problem: VerifyChainProblem | null } {
  const check = checkChain(chain, anchors, new Date(), intermediates);
  if (!check.trusted) return { outcome: 'fail', why: check.reason, problem: 'untrusted' };
  if (nameOk === false) return { outcome: 'fail', why: 'the certificate does not cover this host name', problem: 'name' };
  return { outcome: 'pass', why: null, problem: null };
}

/** Re-judges the freshly probed chains with the exported files, as the two kinds of tool setting would. */
export function verifyTargets(
  result: DetectionResult,
  publicRoots: TrustSet,
  corporate: X509Certificate[],
  bundle: X509Certificate[],
): TargetVerification[] {
  const extraAnchors = new TrustSet('the public roots plus corporate-ca.pem', [
    ...publicRoots.entries(),
    ...corporate.filter(isSelfIssued).map((cert) => ({ cert, source: 'corporate-ca.pem' })),
  ]);
  const corporateIntermediates = new TrustSet(
    'corporate-ca.pem',
    corporate.filter((c) => !isSelfIssued(c)).map((cert) => ({ cert, source: 'corporate-ca.pem' })),
  );
  const bundleAnchors = new TrustSet(
    'ca-bundle.pem',
    bundle.filter(isSelfIssued).map((cert) => ({ cert, source: 'ca-bundle.pem' })),
  );
  const bundleIntermediates = new TrustSet(
    'ca-bundle.pem',
    bundle.filter((c) => !isSelfIssued(c)).map((cert) => ({ cert, source: 'ca-bundle.pem' })),
  );

  return result.targets.map((target) => {
    if (target.error)
      return {
        host: target.host,
        port: target.port,
        extraCa: 'error',
        bundle: 'error',
        error: target.error.message,
        problem: { kind: 'probe', error: target.error },
      };
    const chain = target.chain.map((c) => new X509Certificate(c.pem));
    const extra = verdict(chain, extraAnchors, corporateIntermediates, target.hostnameMatches);
    const replaced = verdict(chain, bundleAnchors, bundleIntermediates, target.hostnameMatches);
    const error = [extra.why && `with corporate-ca.pem: ${extra.why}`, replaced.why && `with ca-bundle.pem: ${replaced.why}`]
      .filter(Boolean)
      .join('; ');
    const problem: VerifySiteProblem | null =
      extra.problem || replaced.problem ? { kind: 'chain', extraCa: extra.problem, bundle: replaced.problem } : null;
    return { host: target.host, port: target.port, extraCa: extra.outcome, bundle: replaced.outcome, error: error || null, problem };
  });
}
