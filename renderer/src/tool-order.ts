import type { VerifyOutcome } from '../../shared/api/results.js';

type ToolRow = Pick<VerifyOutcome['tools'][number], 'result'>;

/** Tools that ran come first, then those skipped, then those not installed here: what the user has is what they look for. */
const RANK: Record<ToolRow['result'], number> = {
  pass: 0,
  fail: 0,
  'proxy-auth': 0,
  'verification-off': 0,
  'pass-by-user-setting': 0,
  unproven: 0,
  'not-configured': 0,
  skipped: 1,
  'not-found': 2,
};

/** Installed tools first, keeping the engine's order within each group (a stable sort, never in place). */
export const installedFirst = <T extends ToolRow>(tools: readonly T[]): T[] => [...tools].sort((a, b) => RANK[a.result] - RANK[b.result]);
