import type { OperationResults } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { explainErrors } from '../../../shared/explain.js';
import { failAt, ok, type Result } from '../../../shared/result.js';
import { readDetectionMemory, recallDetection } from '../diagnose/detection-memory.js';
import type { OperationContext } from './context.js';

/** Recognises certificate errors in pasted text; "on this machine" comes from the last (or the given) detection. */
export async function explainOperation(input: ValidInput<'explain'>, ctx: OperationContext): Promise<Result<OperationResults['explain']>> {
  // A file the user names must be usable (the error says what is wrong with it); the cache is best effort.
  const given = input.detectionFile ? await readDetectionMemory(input.detectionFile) : null;
  if (given && !given.ok) return failAt({ ...given.error, code: 'bad-input' }, 'detectionFile');
  const memory = given ? given.value : await recallDetection(ctx.env);
  return ok({ matches: explainErrors(input.text, input.lang, memory, input.door ?? 'cli') });
}
