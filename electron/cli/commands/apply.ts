import path from 'node:path';
import type { ProfileOutcome, ToolApplyReport, UndoReport } from '../../../shared/api/results.js';
import { counted, fill } from '../../../shared/i18n/fill.js';
import { APPLIABLE_TOOLS } from '../../core/operations/tool-config.js';
import { EXIT_FAILED, EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { expectFingerprintFlag, optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, errorText, runForCli } from '../run-operation.js';
import type { OperationInput } from '../../../shared/api/schemas.js';

const FLAGS = {
  dir: { type: 'string' },
  shell: { type: 'string' },
  profile: { type: 'string' },
  tool: { type: 'string', multiple: true },
  tools: { type: 'string' },
  all: { type: 'boolean' },
  entry: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  'expect-fingerprint': { type: 'string', multiple: true },
  yes: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const applyHelp = (w: Messages) =>
  fill(w.cli.help.apply, { rows: APPLIABLE_TOOLS.join(', '), options: optionsHelp(w, FLAGS, { tools: APPLIABLE_TOOLS.join(', ') }) });

function report(io: CliIo, verb: 'apply' | 'revert', result: ProfileOutcome, dryRun: boolean, json: boolean): number {
  const env = result.userEnvironment;
  if (json) {
    // The documented shapes: the profile file's result, or the user environment's changes.
    const body = env
      ? { changed: result.changed, ...env }
      : { file: result.where, changed: result.changed, backup: result.backup, diff: result.diff, removed: result.removed };
    io.stdout(JSON.stringify({ action: verb, dryRun, ...body }, null, 2) + '\n');
    return EXIT_OK;
  }
  const a = wordsFor(io).cli.apply;
  const where = result.where;
  const say = (line: string) => io.stdout(`${line}\n`);
  if (!result.changed) say(fill(verb === 'apply' ? a.alreadyApplied : a.nothingToRemove, { where }));
  else if (!env) {
    if (dryRun) io.stdout(`${fill(a.wouldChange, { where })}\n${result.diff}`);
    else {
      say(fill(verb === 'apply' ? a.applied : result.removed ? a.removedFile : a.removed, { where }));
      if (result.backup) say(fill(a.backup, { file: result.backup }));
      if (verb === 'apply') say(a.reopen);
    }
  } else {
    const shown = (value: string | null, type: string | null) =>
      value === null ? a.unset : type === 'REG_EXPAND_SZ' ? `${value} (REG_EXPAND_SZ)` : value;
    for (const c of env.changes)
      say(fill(dryRun ? a.wouldSet : a.set, { name: c.name, from: shown(c.from, c.fromType), to: shown(c.to, c.toType) }));
    for (const name of env.keptUserEdits) say(fill(a.kept, { name }));
    if (env.broadcast === true) say(a.broadcast);
    if (env.broadcast === false) say(a.noBroadcast);
  }
  return EXIT_OK;
}

function reportTools(io: CliIo, tools: ToolApplyReport[], dryRun: boolean, json: boolean, ledger: string): number {
  const a = wordsFor(io).cli.apply;
  const failed = tools.some((t) => t.error !== null);
  if (json) io.stdout(JSON.stringify({ action: 'apply', dryRun, ledger, tools }, null, 2) + '\n');
  else {
    for (const t of tools) {
      const params = { tool: t.tool, setting: t.setting, where: t.where };
      if (t.error) io.stderr(`${fill(a.toolFailed, { ...params, error: t.error })}\n`);
      else if (!t.changed) io.stdout(`${fill(a.toolAlreadySet, params)}\n`);
      else if (dryRun) io.stdout(`${fill(a.toolWouldSet, params)}\n${t.diff}`);
      else io.stdout(`${fill(t.backup ? a.toolSetBackup : a.toolSet, { ...params, backup: t.backup ?? '' })}\n`);
    }
    if (tools.length === 0) io.stdout(`${a.noTool}\n`);
    if (!dryRun && tools.some((t) => t.changed)) io.stdout(`${fill(a.recorded, { ledger })}\n`);
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}

function reportUndo(io: CliIo, undone: UndoReport[], dryRun: boolean, json: boolean, ledger: string): number {
  const a = wordsFor(io).cli.apply;
  const left = undone.filter((u) => u.outcome === 'changed-since');
  if (json) io.stdout(JSON.stringify({ action: 'revert', dryRun, ledger, undone }, null, 2) + '\n');
  else {
    if (undone.length === 0) io.stdout(`${fill(a.nothingRecorded, { ledger })}\n`);
    for (const u of undone) {
      io.stdout(`${u.tool}: ${u.where}: ${a.undone[u.outcome]}\n`);
      if (u.keptBefore) io.stdout(`${fill(a.keptBefore, { file: u.keptBefore })}\n`);
      if (u.error) io.stdout(`${fill(a.undoError, { error: u.error })}\n`);
      if (u.previous) io.stdout(`${fill(a.previousValue, { value: u.previous })}\n`);
      if (u.reenables) io.stdout(`${fill(a.reenables, { setting: u.reenables })}\n`);
    }
  }
  const failed = undone.filter((u) => u.outcome === 'failed');
  if (left.length > 0) io.stderr(`${counted(io.lang ?? 'en', a.left, left.length)}\n`);
  if (failed.length > 0) io.stderr(`${counted(io.lang ?? 'en', a.undoFailed, failed.length)}\n`);
  return left.length > 0 || failed.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/**
 * `--tools installed` changes files the user did not name: at a terminal, without --yes, it first shows
 * the changes (a dry run) and asks. Without a terminal nothing is asked (the command line is the consent),
 * so a script or an MDM tool never waits for input; --yes skips the question at a terminal too.
 */
async function confirmedInTerminal(io: CliIo, input: OperationInput<'applyTools'>): Promise<boolean> {
  if (!io.ask) return true;
  const a = wordsFor(io).cli.apply;
  const plan = await runForCli('applyTools', { ...input, dryRun: true }, io);
  // A plan that cannot be made is reported by the real run below, worded as always.
  if (!plan.ok || !plan.value.tools.some((t) => t.changed)) return true;
  reportTools(io, plan.value.tools, true, false, plan.value.ledger);
  if (/^\s*(y|yes|はい)\s*$/i.test(await io.ask(a.confirmInstalled))) return true;
  io.stdout(`${a.declined}\n`);
  return false;
}

async function run(verb: 'apply' | 'revert', args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  const w = wordsFor(io);
  if (values.help) return (io.stdout(applyHelp(w)), EXIT_OK);
  if (verb === 'revert' && values.dir) throw new UsageError((m) => m.cli.usageError.revertNoDir);
  if (verb === 'apply' && values.all) throw new UsageError((m) => m.cli.usageError.allIsForRevert);
  if (verb === 'revert' && values.tools) throw new UsageError((m) => m.cli.usageError.toolsIsForApply);
  if (values['expect-fingerprint'] && !(verb === 'apply' && (values.tool || values.tools)))
    throw new UsageError((m) => m.cli.usageError.expectFingerprintForTools);
  if (values.tools !== undefined && values.tools !== 'installed') throw new UsageError((m) => m.cli.usageError.toolsInstalledOnly);
  const dryRun = Boolean(values['dry-run']);
  const json = Boolean(values.json);
  const common = {
    shell: values.shell,
    profile: values.profile === undefined ? undefined : path.resolve(io.cwd, values.profile),
    dryRun,
  };
  if (verb === 'apply' && values.entry) throw new UsageError((m) => m.cli.usageError.entryIsForRevert);
  if (verb === 'revert' && (values.all || values.tool || values.entry)) {
    if (values.shell || values.profile) throw new UsageError((m) => m.cli.usageError.revertToolsNoShell);
    const input = await checkInput('undoChanges', { all: values.all, tools: values.tool, entries: values.entry, dryRun });
    const result = await runForCli('undoChanges', input, io);
    if (!result.ok) return (io.stderr(`ca-bridge revert: ${errorText(w, result.error)}\n`), EXIT_FAILED);
    return reportUndo(io, result.value.undone, dryRun, json, result.value.ledger);
  }
  if (verb === 'apply' && (values.tool || values.tools)) {
    if (values.profile && !values.shell) throw new UsageError((m) => m.cli.usageError.profileNeedsShell);
    const tools = [...(values.tool ?? []), ...(values.tools ? ['installed'] : [])];
    const input = await checkInput('applyTools', {
      dir: values.dir,
      tools,
      dryRun,
      expectFingerprints: expectFingerprintFlag(values['expect-fingerprint']),
    });
    if (values.tools && !values.yes && !dryRun && !json && !(await confirmedInTerminal(io, input))) return EXIT_FAILED;
    const result = await runForCli('applyTools', input, io);
    if (!result.ok) return (io.stderr(`ca-bridge apply: ${errorText(w, result.error)}\n`), EXIT_FAILED);
    const status = reportTools(io, result.value.tools, dryRun, json, result.value.ledger);
    // --shell as well: the profile block too (only when asked; --tool alone never writes it).
    if (!values.shell) return status;
    const block = await runForCli('apply', await checkInput('apply', { ...common, dir: values.dir }), io);
    if (!block.ok) return (io.stderr(`ca-bridge apply: ${errorText(w, block.error)}\n`), EXIT_FAILED);
    return Math.max(status, report(io, 'apply', block.value, dryRun, json));
  }

  const result =
    verb === 'apply'
      ? await runForCli('apply', await checkInput('apply', { ...common, dir: values.dir }), io)
      : await runForCli('revert', await checkInput('revert', common), io);
  if (!result.ok) return (io.stderr(`ca-bridge ${verb}: ${errorText(w, result.error)}\n`), EXIT_FAILED);
  return report(io, verb, result.value, dryRun, Boolean(values.json));
}

export const applyCommand = (args: string[], io: CliIo) => run('apply', args, io);
export const revertCommand = (args: string[], io: CliIo) => run('revert', args, io);
