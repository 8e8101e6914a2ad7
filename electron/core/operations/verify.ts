import path from 'node:path';
import type { VerifyOutcome } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { detect, loadTrustInputs } from '../detect.js';
import { readExportFiles, runVerify } from '../verify/run-verify.js';
import type { OperationContext } from './context.js';
import { resolveProbeOptions } from './probe-options.js';

/** Re-probes the sites, judges each chain with the export, then runs each installed tool against it. */
export async function verifyOperation(input: ValidInput<'verify'>, ctx: OperationContext): Promise<Result<VerifyOutcome>> {
  const { dir, ...probe } = input;
  const options = await resolveProbeOptions(probe, ctx);
  if (!options.ok) return options;
  const files = await readExportFiles(dir);
  if (!files.ok) return fail(files.error.code, files.error.message, 'dir');
  const trust = await loadTrustInputs(options.value);
  const detection = await detect(
    options.value,
    (e) => ctx.emit({ type: 'detect-progress', done: e.done, total: e.total, target: e.target }),
    trust,
  );
  const report = await runVerify(detection, trust, files.value, options.value, (tool, done, total) =>
    ctx.emit({ type: 'verify-progress', done, total, tool }),
  );
  ctx.log.log('info', `verify: ${report.passed ? 'passed' : 'not passed'} (${report.tools.length} tools)`);
  return ok({ ...report, dir: path.resolve(dir), verdict: detection.verdict });
}
