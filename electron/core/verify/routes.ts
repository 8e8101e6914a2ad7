import type { VerifyRoute } from '../../../shared/api/results.js';
import type { DetectionResult, TargetReport } from '../../../shared/detection.js';
import { routeOf } from '../analysis/verdict.js';

/** A route the tools run on: the site they make their request to, and what detection said of it. */
export interface ChosenRoute extends VerifyRoute {
  target: TargetReport;
}

const siteOf = (t: { host: string; port: number }) => `${t.host}:${t.port}`;

/**
 * One site per inspection CA and route, as detection reported them (each CA's `sites` with their route:
 * a PAC route, DIRECT, each proxy), in detection's order, the primary CA first. Two inspectors on two
 * routes are two proofs: a tool that works through one proves nothing about the other, whose CA may be
 * missing from the export. A route that carried two CAs gets a site of each. When nothing was
 * inspected, the tools run once against a clean site (the export must not break public sites). Routes
 * are at most the sites checked, so the count is bounded by the target list.
 */
export function chooseRoutes(detection: DetectionResult): ChosenRoute[] {
  const inspected = detection.targets.filter((t) => t.status === 'inspected');
  const chosen: ChosenRoute[] = [];
  const seen = new Set<string>();
  for (const ca of detection.inspectionCas ?? [])
    for (const site of ca.sites) {
      const key = `${ca.fingerprint256 ?? ca.subject}\n${site.route}`;
      const target = inspected.find((t) => t.host === site.host && t.port === site.port);
      if (seen.has(key) || !target) continue;
      seen.add(key);
      chosen.push({
        route: site.route,
        pacRoute: site.pacRoute,
        site: siteOf(target),
        ca: { subject: ca.subject, fingerprint256: ca.fingerprint256 },
        target,
      });
    }
  if (chosen.length) return chosen;
  // A result saved before the per-CA list, or a clean network: one site, as before.
  const one = inspected[0] ?? detection.targets.find((t) => t.status === 'clean');
  if (!one) return [];
  const ca =
    inspected[0] && detection.inspectionCa
      ? { subject: detection.inspectionCa.subject, fingerprint256: detection.inspectionCa.fingerprint256 }
      : null;
  return [{ route: routeOf(one), pacRoute: one.proxyRoute ?? null, site: siteOf(one), ca, target: one }];
}
