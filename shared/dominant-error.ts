import type { DetectionResult, ProbeError, ProbeErrorCode } from './detection.js';

/**
 * The one cause that explains most of the unreachable sites (DNS, proxy refused, 407, timeout…), so the
 * Result can say it in one sentence. Null when every site answered.
 */
export function dominantError(detection: DetectionResult): ProbeError | null {
  const errors = detection.targets.flatMap((t) => (t.error ? [t.error] : []));
  if (errors.length === 0) return null;
  const counts = new Map<ProbeErrorCode, number>();
  for (const e of errors) counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  const [code] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return errors.find((e) => e.code === code)!;
}
