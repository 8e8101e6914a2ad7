import { PROBE_LIMITS } from '../../../shared/api/limits.js';
import type { OperationName } from '../../../shared/api/operations.js';

/** Operations whose run time grows with their per-site time limit. */
const PROBING: ReadonlySet<OperationName> = new Set<OperationName>(['detect', 'verify', 'check', 'status']);
/** Any other operation reads files or renders text: a minute is plenty, and ends a wedged read. */
const OTHER_MS = 60_000;
/** Room for loading the trust sets and analysing around the probing itself. */
const SETUP_MS = 30_000;

/**
 * How long a front door waits for an operation before answering with a timeout. Taken from the raw
 * (not yet validated) input, so anything malformed falls back to the default per-site limit.
 */
/**
 * Operations that run real tools one after the other: apply --tool (keytool rebuilding a Java store,
 * certutil) and doctor --fix (two proofs per line, each up to a minute).
 */
const RUNS_TOOLS_MS: Partial<Record<OperationName, number>> = {
  applyTools: 5 * 60_000,
  refreshExport: 5 * 60_000,
  undoChanges: 5 * 60_000,
  doctor: 15 * 60_000,
};

export function operationDeadlineMs(op: OperationName, input: unknown): number {
  if (RUNS_TOOLS_MS[op]) return RUNS_TOOLS_MS[op];
  if (!PROBING.has(op)) return OTHER_MS;
  const perSite = (input as { timeoutMs?: unknown } | null)?.timeoutMs;
  const limit = typeof perSite === 'number' && perSite > 0 ? Math.min(perSite, PROBE_LIMITS.timeoutMs.max) : PROBE_LIMITS.timeoutMs.default;
  // Sites are probed in waves; verify then runs its tools in two waves of their own, each within the limit.
  return (op === 'verify' ? 6 : 4) * limit + SETUP_MS;
}
