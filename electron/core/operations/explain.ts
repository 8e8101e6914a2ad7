import type { OperationResults } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { explainErrors } from '../../../shared/explain.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { recallDetection } from '../diagnose/detection-memory.js';
import type { OperationContext } from './context.js';

/** Recognises certificate errors in pasted text; "on this machine" comes from the last (or the given) detection. */
export async function explainOperation(input: ValidInput<'explain'>, ctx: OperationContext): Promise<Result<OperationResults['explain']>> {
  const memory = await recallDetection(ctx.env, input.detectionFile);
  if (input.detectionFile && !memory)
    return fail('bad-input', `${input.detectionFile}: not a readable "ca-bridge detect --json" report`, 'detectionFile');
  return ok({ matches: explainErrors(input.text, input.lang, memory) });
}
