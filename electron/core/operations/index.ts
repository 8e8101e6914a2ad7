import type { EngineOperation } from '../../../shared/api/operations.js';
import type { OperationResults } from '../../../shared/api/results.js';
import { describeInputError, fieldOfInputError, INPUT_SCHEMAS, type ValidInput } from '../../../shared/api/schemas.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { ProfileError } from '../guidance/profile-file.js';
import { CertPathError } from '../trust/load-pem.js';
import { checkOperation } from './check.js';
import type { OperationContext } from './context.js';
import { detectOperation } from './detect.js';
import { explainOperation } from './explain.js';
import { exportCaOperation } from './export-ca.js';
import { getEnvironmentOperation } from './get-environment.js';
import { applyOperation, revertOperation } from './profile.js';
import { snippetsOperation } from './snippets.js';
import { verifyOperation } from './verify.js';

export type EngineHandler<K extends EngineOperation> = (
  input: ValidInput<K>,
  ctx: OperationContext,
) => Promise<Result<OperationResults[K]>>;
type EngineHandlers = { [K in EngineOperation]: EngineHandler<K> };

/**
 * One function per operation. `satisfies` makes the compiler hold each one to the contract: a handler
 * returning another shape than OperationResults names, or a missing one, does not build.
 */
const HANDLERS = {
  getEnvironment: getEnvironmentOperation,
  detect: detectOperation,
  exportCa: exportCaOperation,
  verify: verifyOperation,
  snippets: snippetsOperation,
  apply: applyOperation,
  revert: revertOperation,
  check: checkOperation,
  explain: explainOperation,
} satisfies EngineHandlers;

/** Validates raw input against the operation's schema; the failure names the field. */
export function validateInput<K extends EngineOperation>(name: K, raw: unknown): Result<ValidInput<K>> {
  const parsed = INPUT_SCHEMAS[name].safeParse(raw ?? {});
  if (!parsed.success) return fail('bad-input', describeInputError(parsed.error), fieldOfInputError(parsed.error));
  // zod's output type for a schema picked by a generic key is not resolved by TypeScript; it is ValidInput<K> by construction.
  return ok(parsed.data as ValidInput<K>);
}

/**
 * The one way every front door runs an operation: validate, run, and turn every failure into a value
 * (exceptions lose all but their message on the way through IPC or HTTP).
 */
export async function runOperation<K extends EngineOperation>(
  name: K,
  raw: unknown,
  ctx: OperationContext,
): Promise<Result<OperationResults[K]>> {
  const input = validateInput(name, raw);
  if (!input.ok) return input;
  const handler: EngineHandler<K> = (HANDLERS as EngineHandlers)[name];
  try {
    return await handler(input.value, ctx);
  } catch (error) {
    if (error instanceof CertPathError || error instanceof ProfileError) return fail('bad-input', error.message);
    ctx.log.log('error', `${name}: ${(error as Error).stack ?? String(error)}`);
    return fail('internal', (error as Error).message);
  }
}
