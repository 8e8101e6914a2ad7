import type { ToolOutcome } from '../../../shared/api/results.js';
import type { SettingFinding } from '../../../shared/settings.js';

export interface ToolRuns {
  base: Pick<ToolOutcome, 'name' | 'setting'>;
  /** Whether the session snippet sets a variable for this tool. */
  configured: boolean;
  realPassed: boolean;
  realWhy: string | null;
  control: ToolOutcome['control'];
  /** Whether the tool got its answer with the CA that cannot be right (for a tool the snippet does not configure: its one run). */
  controlPassed: boolean;
  /** The user's settings the scanner found for this tool's row. */
  findings: SettingFinding[];
  ownSetting: string;
}

/**
 * A PASS only when the tool got the answer with the proven configuration and was refused with the wrong
 * CA. A tool that gets its answer either way is never a PASS: the user's setting that switches verification
 * off is named first (it explains the pass whatever else is set); else their own CA setting that trusts the
 * inspection CA; else it is `unproven`.
 */
export function judgeTool(runs: ToolRuns): ToolOutcome {
  const off = runs.findings.filter((f) => f.effect === 'verification-off');
  const trust = runs.findings.filter((f) => f.effect === 'trust-file');
  const outranking = trust.filter((f) => f.outranksAdvice);
  const out = (
    result: ToolOutcome['result'],
    error: string | null,
    settings: SettingFinding[],
    setting = runs.base.setting,
  ): ToolOutcome => ({
    name: runs.base.name,
    setting,
    result,
    error,
    control: runs.control,
    settings,
  });
  if (runs.realPassed && runs.controlPassed) {
    if (off.length) return out('verification-off', 'got the answer with a CA that cannot be right as well', off);
    if (trust.length) return out('pass-by-user-setting', null, trust);
    return out('unproven', 'got the answer with a CA that cannot be right as well, and no setting known to CA Bridge explains it', []);
  }
  if (runs.realPassed) return out('pass', null, off);
  if (!runs.configured) return out('not-configured', runs.realWhy, [...outranking, ...off], runs.ownSetting);
  return out('fail', runs.realWhy, outranking);
}
