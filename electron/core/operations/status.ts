import type { StatusReport } from '../../../shared/status.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { DEFAULT_TARGETS, formatTarget } from '../../../shared/targets.js';
import { LedgerError, ledgerPath, readLedger } from '../ledger/ledger-file.js';
import { runStatus } from '../status/run-status.js';
import type { OperationContext } from './context.js';
import { detectOperation } from './detect.js';

/** Two sites by default: enough to see the CA, fast enough for a login script or an MDM check (docs/status.md). */
export const STATUS_DEFAULT_SITES = DEFAULT_TARGETS.slice(0, 2)
  .map((t) => formatTarget(t))
  .join(',');

/** `status`: what CA Bridge set up, checked against the files and (unless offline) the network's CA now. */
export async function statusOperation(input: ValidInput<'status'>, ctx: OperationContext): Promise<Result<StatusReport>> {
  const ledgerFile = ledgerPath(ctx.env);
  let ledger;
  try {
    ledger = await readLedger(ledgerFile);
  } catch (error) {
    if (error instanceof LedgerError) return fail('internal', error.message);
    throw error;
  }
  let network = null;
  if (!input.offline) {
    const { offline: _offline, cwd: _cwd, ...probe } = input;
    // detect's own operation (the desktop app adds Chromium's view to it); it keeps the detection by id,
    // so the page's one "refresh" button exports from exactly what status saw.
    // Without progress events: the page runs status as it opens, and its sites must not appear in the
    // table of a check the user starts meanwhile (the same session's detect-progress events fill it).
    const detected = await detectOperation(
      { ...probe, targets: probe.targets ?? STATUS_DEFAULT_SITES },
      { ...ctx, emit: () => {} },
      { remember: false },
    );
    if (!detected.ok) return detected;
    const detection = detected.value;
    const trust = ctx.detections.get(detection.id)!.trust;
    network = { detection, store: trust.store };
  }
  const report = await runStatus({
    ledger,
    ledgerFile,
    env: ctx.env,
    cwd: input.cwd ?? process.cwd(),
    platform: ctx.platform,
    network,
  });
  ctx.log.log('info', `status: ${report.code} (${report.problems.join(', ') || 'healthy'})`);
  return ok(report);
}
