import type { DoctorFinding, DoctorOutcome, FixReport } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { runDoctor } from '../doctor/doctor.js';
import { fixFinding } from '../doctor/fix.js';
import { repointFinding } from '../doctor/repoint.js';
import { shellCaEnvs } from '../doctor/ca-variables.js';
import { defaultShell } from '../guidance/defaults.js';
import { locateExport } from './export-paths.js';
import { LedgerError, ledgerPath } from '../ledger/ledger-file.js';
import type { OperationContext } from './context.js';
import { installedRows } from './tool-config.js';
import { homeOf } from '../settings/locations.js';
import { profileFiles } from '../settings/shell-profiles.js';
import { readTrustStore } from '../trust/stores/index.js';

const lineOf = (f: DoctorFinding) => (f.source?.kind === 'file' ? f.source.line : 0);
const lastLineFirst = (a: DoctorFinding, b: DoctorFinding) => lineOf(b) - lineOf(a);

/** `doctor`: reads every place the tools take TLS settings from; with `fix`, removes proven-unneeded insecure lines through the ledger. */
export async function doctorOperation(input: ValidInput<'doctor'>, ctx: OperationContext): Promise<Result<DoctorOutcome>> {
  if (input.fix && !input.url)
    return fail('bad-input', 'url: --fix needs --url https://HOST/ (a site behind the inspection, for the proofs)', 'url');
  try {
    const installed = await installedRows(ctx.env);
    const ledger = ledgerPath(ctx.env);
    const cwd = input.cwd ?? process.cwd();
    const scan = await runDoctor({ env: ctx.env, cwd, platform: ctx.platform }, ledger, installed);
    const fixed: FixReport[] = [];
    const home = homeOf({ env: ctx.env, cwd, platform: ctx.platform });
    const profiles = new Map((await profileFiles(ctx.env, home, ctx.platform)).map((p) => [p.file, p.format]));
    // Per shell, what a new terminal of it has (a proof never mixes one shell's files into another's).
    const shells = await shellCaEnvs(scan.variables, home, ctx.env, ctx.platform);
    // The OS store is read only for a VS Code line to prove (on macOS and Windows that takes a while).
    const needsStore = input.fix && scan.findings.some((f) => f.kind === 'verification-off' && f.tools.includes('vscode'));
    const osStore = needsStore
      ? (await readTrustStore({ overridePath: input.trustStorePath, env: ctx.env, platform: ctx.platform })).anchors.pems()
      : [];
    const shell = defaultShell(ctx.env, ctx.platform);
    const place = { env: ctx.env, ledger, url: input.url ?? '', cwd, shells, shell, profiles, osStore };
    if (input.fix && input.url)
      // One at a time, the last line of a file first, so removing one does not move the next one's line.
      for (const finding of scan.findings.filter((f) => f.kind === 'verification-off').sort(lastLineFirst))
        fixed.push(await fixFinding(finding, scan.caInPlace, place));
    if (input.fix && input.url && input.dir) {
      const located = await locateExport(input.dir);
      if (!located.ok) return located;
      const stale = scan.findings.filter((f) => f.kind.startsWith('ca-file-') && f.source?.kind === 'file');
      // Each in its own file and line, through the ledger (the entries are reported, for the page's Undo).
      for (const finding of stale) fixed.push(await repointFinding(finding, place, located.value));
    }
    return ok({ findings: scan.findings, unread: scan.unread, fixed });
  } catch (error) {
    // A scan that cannot finish is a failure (exit 1, README), not a usage error.
    if (error instanceof LedgerError)
      return fail('internal', error.message, undefined, { key: 'ledger-unreadable', params: { file: ledgerPath(ctx.env) } });
    throw error;
  }
}
