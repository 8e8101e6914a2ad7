import type { ProfileOutcome } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { renderEnvBlock, renderExtras, type ExportPaths } from '../../../shared/guidance/render.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { Shell } from '../../../shared/guidance/quote.js';
import { defaultProfile, defaultShell } from '../guidance/defaults.js';
import { resolveTarget } from '../guidance/profile-snapshot.js';
import { blockTransform, revertProfile, type ProfileResult } from '../guidance/profile-file.js';
import { ledgerPath } from '../ledger/ledger-file.js';
import { changeRecorded } from '../ledger/record.js';
import { markProfileReverted } from '../ledger/undo.js';
import { EnvironmentWriteError, windowsUserEnvironment, type EnvironmentResult } from '../guidance/user-environment.js';
import { applyCmdEnvironment, revertCmdEnvironment } from '../tool-config/cmd-environment.js';
import { wantedUserEnvironment } from '../tool-config/user-environment-row.js';
import { LedgerError } from '../ledger/ledger-file.js';
import { RegistryError } from '../guidance/windows-registry.js';
import type { OperationContext } from './context.js';
import { locateExport } from './export-paths.js';
import { adviceHere } from './snippets.js';

/** cmd has no profile file: its settings live in the Windows user environment (HKCU\\Environment), which only Windows has. */
const usesUserEnvironment = (input: ShellChoice) => input.shell === 'cmd' && !input.profile;
const NO_USER_ENVIRONMENT = fail<never>(
  'unsupported',
  'cmd settings go to the Windows user environment, which only works on Windows: choose another shell or a profile file',
  'shell',
);

const fromProfile = (r: ProfileResult): ProfileOutcome => ({
  where: r.file,
  changed: r.changed,
  backup: r.backup,
  diff: r.diff,
  removed: r.removed,
  userEnvironment: null,
});
const fromEnvironment = (r: EnvironmentResult): ProfileOutcome => ({
  where: 'the Windows user environment',
  changed: r.changed,
  backup: null,
  diff: '',
  removed: false,
  userEnvironment: { changes: r.changes, keptUserEdits: r.keptUserEdits, backupFile: r.backupFile, broadcast: r.broadcast },
});

/**
 * Runs apply/revert on the user environment. A value that is not text (refused before anything is written),
 * a registry call that fails, or a write that does not read back is a failed write, with the registry's reason.
 */
async function onUserEnvironment(run: () => Promise<EnvironmentResult>): Promise<Result<ProfileOutcome>> {
  try {
    return ok(fromEnvironment(await run()));
  } catch (error) {
    if (error instanceof RegistryError || error instanceof EnvironmentWriteError || error instanceof LedgerError)
      return fail('write-failed', error.message);
    throw error;
  }
}

interface ShellChoice {
  shell: Shell;
  profile?: string;
}
/** The request with its shell decided: the one asked for, else the user's own. */
const withShell = <T extends { shell?: Shell }>(input: T, ctx: OperationContext): T & { shell: Shell } => ({
  ...input,
  shell: input.shell ?? defaultShell(ctx.env, ctx.platform),
});

const profileFor = (input: ShellChoice, ctx: OperationContext) => input.profile ?? defaultProfile(input.shell, ctx.env, ctx.platform)!;

/**
 * The values cmd's user environment gets: the same decision as the POSIX shells' block (session-advice.ts):
 * a variable that replaces a CA file of the user's points at the merged bundle, one whose roots no exported
 * file holds is left as the user has it, and an outranking setting is beaten (NPM_CONFIG_CAFILE).
 */
async function userEnvironmentValues(paths: ExportPaths, ctx: OperationContext): Promise<Record<string, string>> {
  const { advice, extras } = await adviceHere(paths, ctx);
  const values = await wantedUserEnvironment(paths, windowsUserEnvironment);
  for (const [name, value] of Object.entries(advice.blockValues)) {
    if (value === null) delete values[name];
    else values[name] = value;
  }
  for (const extra of extras) values[extra.name] = extra.value;
  return values;
}

/** Writes the marked block of variables into the shell's profile (or, for cmd on Windows, the user environment). */
export async function applyOperation(request: ValidInput<'apply'>, ctx: OperationContext): Promise<Result<ProfileOutcome>> {
  const input = withShell(request, ctx);
  const located = await locateExport(input.dir);
  if (!located.ok) return located;
  const paths = located.value;
  const dryRun = input.dryRun ?? false;
  if (usesUserEnvironment(input)) {
    if (ctx.platform !== 'win32') return NO_USER_ENVIRONMENT;
    // Through the ledger (row user-environment): revert --all undoes it with everything else.
    const ledger = ledgerPath(ctx.env);
    return onUserEnvironment(async () =>
      applyCmdEnvironment(windowsUserEnvironment, await userEnvironmentValues(paths, ctx), ledger, dryRun),
    );
  }
  // The same advice as the session snippet: a CA file of the user's is kept (merged bundle), an outranking one beaten.
  const { advice, extras } = await adviceHere(paths, ctx);
  const body =
    renderEnvBlock(input.shell, paths, 'en', false, false, advice.blockValues) +
    renderExtras(input.shell, extras, 'en')
      .map((line) => `${line}\n`)
      .join('');
  // Recorded in the ledger (revert --all undoes it with the rest); bare revert still takes the block out.
  const result = await changeRecorded({
    ledger: ledgerPath(ctx.env),
    tool: 'shell',
    what: `the ca-bridge block of environment variables (${input.shell})`,
    file: profileFor(input, ctx),
    undo: 'remove-block',
    backupFile: true,
    dryRun,
    edit: blockTransform(body, input.shell),
  });
  ctx.log.log('info', `apply: ${result.changed ? 'changed' : 'unchanged'} ${result.file}${dryRun ? ' (dry run)' : ''}`);
  return ok(fromProfile(result));
}

/** Removes what apply wrote, leaving the profile byte for byte as it was. */
export async function revertOperation(request: ValidInput<'revert'>, ctx: OperationContext): Promise<Result<ProfileOutcome>> {
  const input = withShell(request, ctx);
  const dryRun = input.dryRun ?? false;
  // First: an empty or relative HOME is refused before any profile is touched (the ledger is marked after).
  const ledger = ledgerPath(ctx.env);
  if (usesUserEnvironment(input)) {
    if (ctx.platform !== 'win32') return NO_USER_ENVIRONMENT;
    return onUserEnvironment(() => revertCmdEnvironment(windowsUserEnvironment, ledger, dryRun, ctx.env));
  }
  const result = await revertProfile(profileFor(input, ctx), dryRun);
  if (result.changed && !dryRun) await markProfileReverted(ledger, await resolveTarget(result.file));
  ctx.log.log('info', `revert: ${result.changed ? 'changed' : 'unchanged'} ${result.file}${dryRun ? ' (dry run)' : ''}`);
  return ok(fromProfile(result));
}
