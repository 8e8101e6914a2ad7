import path from 'node:path';
import type { ProfileOutcome } from '../../../shared/api/results.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, runForCli } from '../run-operation.js';
export const APPLY_HELP = `Usage: ca-bridge apply --dir DIR [--shell NAME] [--profile FILE] [--dry-run] [--json]
       ca-bridge revert [--shell NAME] [--profile FILE] [--dry-run] [--json]

apply writes one marked block of environment variables into your shell profile (on Windows with
--shell cmd: into your user environment). Applying twice changes nothing; a timestamped backup of
the file is kept; nothing outside the block is touched. revert removes the block, leaving the file
byte for byte as it was before apply.

  --shell NAME    bash (~/.bash_profile or ~/.profile), zsh (~/.zshenv), fish (conf.d/ca-bridge.fish),
                  powershell ($PROFILE), cmd (Windows user environment); default: your shell
  --profile FILE  write this file instead
  --dry-run       show the change as a diff, write nothing
`;

const FLAGS = {
  dir: { type: 'string' },
  shell: { type: 'string' },
  profile: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

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
  const where = result.where;
  if (!result.changed)
    io.stdout(
      verb === 'apply' ? `Already applied to ${where}: nothing changed.\n` : `No ca-bridge settings in ${where}: nothing to remove.\n`,
    );
  else if (!env) {
    if (dryRun) io.stdout(`Would change ${where} (dry run, nothing written):\n${result.diff}`);
    else {
      const removed = result.removed ? ' (the file apply had created was removed)' : '';
      const backup = result.backup ? `Backup of the previous file: ${result.backup}\n` : '';
      const reopen = verb === 'apply' ? 'Open a new terminal (and restart editors) for it to take effect.\n' : '';
      io.stdout(`${verb === 'apply' ? 'Applied to' : 'Removed from'} ${where}${removed}.\n${backup}${reopen}`);
    }
  } else {
    const shown = (value: string | null, type: string | null) =>
      value === null ? '(unset)' : type === 'REG_EXPAND_SZ' ? `${value} (REG_EXPAND_SZ)` : value;
    for (const c of env.changes)
      io.stdout(`${dryRun ? 'would set' : 'set'} ${c.name}: ${shown(c.from, c.fromType)} -> ${shown(c.to, c.toType)}\n`);
    for (const name of env.keptUserEdits) io.stdout(`kept ${name}: it was changed after apply\n`);
    if (env.broadcast === true) io.stdout('Read back from the registry and announced to running programs: new terminals see it.\n');
    if (env.broadcast === false)
      io.stdout('Read back from the registry, but running programs could not be told: sign out and in for new terminals to see it.\n');
  }
  return EXIT_OK;
}

async function run(verb: 'apply' | 'revert', args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(APPLY_HELP), EXIT_OK);
  if (verb === 'revert' && values.dir) throw new UsageError('revert takes no --dir');
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
  if (!result.ok) return (io.stderr(`ca-bridge ${verb}: ${result.error.message}\n`), EXIT_FAILED);
  return report(io, verb, result.value, dryRun, Boolean(values.json));
}

export const applyCommand = (args: string[], io: CliIo) => run('apply', args, io);
export const revertCommand = (args: string[], io: CliIo) => run('revert', args, io);
