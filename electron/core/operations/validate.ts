import type { OperationName } from '../../../shared/api/operations.js';
import { describeInputError, detailOfInputError, fieldOfInputError, INPUT_SCHEMAS, type ValidInput } from '../../../shared/api/schemas.js';
import { fail, ok, type Result } from '../../../shared/result.js';

/** Validates raw input against the operation's schema; the failure names the field. (No engine code: cheap to load.) */
export function validateInput<K extends OperationName>(name: K, raw: unknown): Result<ValidInput<K>> {
  const parsed = INPUT_SCHEMAS[name].safeParse(raw ?? {});
  if (!parsed.success)
    return fail('bad-input', describeInputError(parsed.error), fieldOfInputError(parsed.error), detailOfInputError(parsed.error, raw));
  // zod's output type for a schema picked by a generic key is not resolved by TypeScript; it is ValidInput<K> by construction.
  return ok(parsed.data as ValidInput<K>);
}
