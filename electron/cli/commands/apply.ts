import path from 'node:path';
import type { ProfileOutcome } from '../../../shared/api/results.js';
import { fill } from '../../../shared/i18n/fill.js';
import { EXIT_FAILED, EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, errorText, runForCli } from '../run-operation.js';
const FLAGS = {
  dir: { type: 'string' },
  shell: { type: 'string' },
  profile: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const applyHelp = (w: Messages) => fill(w.cli.help.apply, { options: optionsHelp(w, FLAGS) });

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

async function run(verb: 'apply' | 'revert', args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(applyHelp(wordsFor(io))), EXIT_OK);
  if (verb === 'revert' && values.dir) throw new UsageError((m) => m.cli.usageError.revertNoDir);
  const dryRun = Boolean(values['dry-run']);
  const common = {
    shell: values.shell,
    profile: values.profile === undefined ? undefined : path.resolve(io.cwd, values.profile),
    dryRun,
  };
  const result =
    verb === 'apply'
      ? await runForCli('apply', await checkInput('apply', { ...common, dir: values.dir }), io)
      : await runForCli('revert', await checkInput('revert', common), io);
  if (!result.ok) return (io.stderr(`ca-bridge ${verb}: ${errorText(wordsFor(io), result.error)}\n`), EXIT_FAILED);
  return report(io, verb, result.value, dryRun, Boolean(values.json));
}

export const applyCommand = (args: string[], io: CliIo) => run('apply', args, io);
export const revertCommand = (args: string[], io: CliIo) => run('revert', args, io);
