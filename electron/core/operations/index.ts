import { isUsageError } from '../../../shared/api/error-codes.js';
import type { EngineOperation } from '../../../shared/api/operations.js';
import type { OperationResults } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { fail, type Result } from '../../../shared/result.js';
import { UserFileError } from '../fs/read-user-file.js';
import { ProfileError } from '../guidance/profile-file.js';
import { StateFolderError } from '../app-data.js';
import { CertPathError } from '../trust/load-pem.js';
import { checkOperation } from './check.js';
import type { OperationContext } from './context.js';
import { detectOperation } from './detect.js';
import { doctorOperation } from './doctor.js';
import { explainOperation } from './explain.js';
import { exportCaOperation } from './export-ca.js';
import { getEnvironmentOperation } from './get-environment.js';
import { applyOperation, revertOperation } from './profile.js';
import { snippetsOperation } from './snippets.js';
import { applyToolsOperation, undoChangesOperation } from './tool-config.js';
import { validateInput } from './validate.js';
import { statusOperation } from './status.js';
import { refreshExportOperation } from './refresh-export.js';
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
  applyTools: applyToolsOperation,
  undoChanges: undoChangesOperation,
  doctor: doctorOperation,
  check: checkOperation,
  explain: explainOperation,
  status: statusOperation,
  refreshExport: refreshExportOperation,
} satisfies EngineHandlers;

/**
 * The one way every front door runs an operation: validate, run, and turn every failure into a value
 * (exceptions lose all but their message on the way through IPC or HTTP).
 */
export async function runOperation<K extends EngineOperation>(
  name: K,
  raw: unknown,
  ctx: OperationContext,
): Promise<Result<OperationResults[K]>> {
  const started = performance.now();
  const input = validateInput(name, raw);
  if (!input.ok) {
    ctx.log.log('info', `${name}: refused input: ${input.error.message}`);
    return input;
  }
  // Logged after validation, so every field is bounded; the logger removes credentials.
  ctx.log.log('debug', `${name} ${JSON.stringify(input.value)}`);
  const handlers: EngineHandlers = HANDLERS;
  const handler: EngineHandler<K> = handlers[name];
  try {
    const result = await handler(input.value, ctx);
    const took = Math.round(performance.now() - started);
    ctx.log.log(
      result.ok ? 'debug' : isUsageError(result.error.code) ? 'info' : 'warn',
      `${name}: ${result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`} (${took} ms)`,
    );
    return result;
  } catch (error) {
    // The user named a file or profile we cannot use: theirs to correct, like any bad input.
    if (error instanceof CertPathError || error instanceof ProfileError || error instanceof UserFileError) {
      ctx.log.log('info', `${name}: ${error.message}`);
      const cause = error instanceof UserFileError ? error : error.cause;
      const detail = error instanceof StateFolderError ? error.detail : cause instanceof UserFileError ? cause.detail : undefined;
      return fail('bad-input', error.message, undefined, detail);
    }
    ctx.log.log('error', `${name}: ${(error as Error).stack ?? String(error)}`);
    return fail('internal', (error as Error).message);
  }
}
