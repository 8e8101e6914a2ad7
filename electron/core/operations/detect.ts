import type { ValidInput } from '../../../shared/api/schemas.js';
import type { DetectionResult } from '../../../shared/detection.js';
import { ok, type Result } from '../../../shared/result.js';
import { withExternalChains } from '../analysis/external-chains.js';
import { detect, loadTrustInputs } from '../detect.js';
import { rememberDetection } from '../diagnose/detection-memory.js';
import type { OperationContext } from './context.js';
import { resolveProbeOptions } from './probe-options.js';

/** Probes the sites, decides the verdict, and keeps the result by id for a later export. */
export async function detectOperation(
  input: ValidInput<'detect'>,
  ctx: OperationContext,
  /** `status` probes too, but its two-site look must not replace the user's last detection that explain reads. */
  how: { remember?: boolean } = {},
): Promise<Result<DetectionResult>> {
  const options = await resolveProbeOptions(input, ctx);
  if (!options.ok) return options;
  const trust = await loadTrustInputs(options.value);
  const nodeOnly = await detect(
    options.value,
    (e) => ctx.emit({ type: 'detect-progress', done: e.done, total: e.total, target: e.target }),
    trust,
  );
  const found = ctx.externalChains
    ? withExternalChains(
        nodeOnly,
        await ctx.externalChains(nodeOnly).catch((error: Error) => {
          ctx.log.log('warn', `probing through the front door's network stack failed: ${error.message}`);
          return [];
        }),
        trust,
      )
    : nodeOnly;
  const extra = ctx.extraEvidence
    ? await ctx.extraEvidence(found).catch((error: Error) => {
        ctx.log.log('warn', `extra evidence failed: ${error.message}`);
        return [];
      })
    : [];
  const detection = { ...found, evidence: [...found.evidence, ...extra] };
  ctx.detections.keep({ detection, trust });
  ctx.log.log('info', `detect: ${detection.verdict} in ${detection.durationMs} ms (${detection.targets.length} sites)`);
  // `explain` reads the last detection to say what an error means on this machine.
  if (how.remember ?? true) await rememberDetection(detection, ctx.env);
  return ok(detection);
}
