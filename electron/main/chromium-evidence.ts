import type { Session } from 'electron';
import type { DetectionResult, EvidenceItem } from '../../shared/detection.js';

export type HeadRequest = (url: string) => Promise<void>;

/**
 * Asks Chromium's own verifier about each inspected site: `isIssuedByKnownRoot` is false for chains
 * ending at a locally installed root. Runs on a dedicated session whose verify procedure records the
 * answer and then fails the request, so nothing is ever fetched.
 */
export async function chromiumEvidence(
  probeSession: Pick<Session, 'setCertificateVerifyProc'>,
  head: HeadRequest,
  result: DetectionResult,
): Promise<EvidenceItem[]> {
  const inspected = result.targets.filter((t) => t.status === 'inspected');
  if (inspected.length === 0) return [];
  const knownRoot = new Map<string, boolean>();
  probeSession.setCertificateVerifyProc((request, callback) => {
    knownRoot.set(request.hostname, request.isIssuedByKnownRoot);
    callback(-2); // net::ERR_FAILED: we only wanted the verdict
  });
  try {
    await Promise.all(inspected.map((t) => head(`https://${t.host}:${t.port}/`).catch(() => {})));
  } finally {
    probeSession.setCertificateVerifyProc(null);
  }
  const local = inspected.filter((t) => knownRoot.get(t.host) === false).map((t) => t.host);
  return local.length
    ? [
        {
          kind: 'chromium-local-root',
          message: "Chromium's verifier reports these chains end at a locally installed root, not a publicly known one",
          hosts: local,
        },
      ]
    : [];
}
