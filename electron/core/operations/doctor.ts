import type { DoctorOutcome } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { runDoctor } from '../doctor/doctor.js';
import { LedgerError, ledgerPath } from '../ledger/ledger-file.js';
import type { OperationContext } from './context.js';
import { installedRows } from './tool-config.js';

/** `doctor`: reads every place the tools take TLS settings from; changes nothing. */
export async function doctorOperation(input: ValidInput<'doctor'>, ctx: OperationContext): Promise<Result<DoctorOutcome>> {
  try {
    const installed = await installedRows(ctx.env);
    return ok(await runDoctor({ env: ctx.env, cwd: input.cwd ?? process.cwd(), platform: ctx.platform }, ledgerPath(ctx.env), installed));
  } catch (error) {
    if (error instanceof LedgerError) return fail('bad-input', error.message);
    throw error;
  }
}
