import type { DetectionResult } from '../../../shared/detection.js';

/**
 * The documented `--json` shape (README "JSON output"). Field names are a public contract for
 * scripts: add fields, never rename or remove them.
 */
export function detectionJson(result: DetectionResult) {
  return {
    id: result.id,
    verdict: result.verdict,
    confidence: result.confidence ?? null,
    summary: result.summary,
    vendor: result.vendor,
    inspectionCa: result.inspectionCa,
    inspectionCas: result.inspectionCas ?? [],
    proxy: result.proxy,
    proxySource: result.proxySource ?? null,
    proxyAdvice: result.proxyAdvice ?? [],
    proxyCredentials: result.proxyCredentials ?? [],
    evidence: result.evidence,
    targets: result.targets.map((t) => ({
      host: t.host,
      port: t.port,
      status: t.status,
      error: t.error,
      chain: t.chain.map(({ pem: _pem, ...summary }) => summary),
      trustedByPublicRoots: t.publicRoots?.trusted ?? false,
      trustedByTrustStore: t.trustStore?.trusted ?? false,
      hostnameMatches: t.hostnameMatches,
      via: t.via,
      proxyRoute: t.proxyRoute ?? null,
      proxyUsed: t.proxyUsed ?? null,
      http: t.http ?? null,
      connectedTo: t.connectedTo,
      protocol: t.protocol,
      cipher: t.cipher,
      ms: t.timings.totalMs,
      timings: t.timings,
    })),
    trustStore: result.trustStore,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
  };
}
