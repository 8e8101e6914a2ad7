import os from 'node:os';
import path from 'node:path';
import { envVarValues, renderEnvBlock } from '../../../shared/guidance/render.js';
import type { Shell } from '../../../shared/guidance/quote.js';
import { defaultProfile } from '../../core/guidance/defaults.js';
import { applyToProfile, ProfileError, revertProfile, type ProfileResult } from '../../core/guidance/profile-file.js';
import {
  applyUserEnvironment,
  revertUserEnvironment,
  windowsUserEnvironment,
  type EnvironmentResult,
} from '../../core/guidance/user-environment.js';
import { exportPaths } from '../export-dir.js';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { shellFlag } from '../shell-flags.js';

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

const environmentBackup = (env: NodeJS.ProcessEnv) =>
  path.join(env.LOCALAPPDATA ?? path.join(env.HOME ?? os.homedir(), '.config'), 'ca-bridge', 'user-environment-applied.json');

function target(shell: Shell, profile: string | undefined, io: CliIo): { file: string } | { userEnvironment: true } {
  if (profile) return { file: path.resolve(io.cwd, profile) };
  if (shell === 'cmd') {
    if (process.platform !== 'win32')
      throw new UsageError(
        '--shell cmd writes the Windows user environment and only works on Windows; pass --profile FILE or another --shell',
      );
    return { userEnvironment: true };
  }
  return { file: defaultProfile(shell, io.env)! };
}

function report(io: CliIo, verb: 'apply' | 'revert', result: ProfileResult | EnvironmentResult, dryRun: boolean, json: boolean): number {
  if (json) {
    io.stdout(JSON.stringify({ action: verb, dryRun, ...result }, null, 2) + '\n');
    return EXIT_OK;
  }
  const where = 'file' in result ? result.file : 'the Windows user environment';
  if (!result.changed)
    io.stdout(
      verb === 'apply' ? `Already applied to ${where}: nothing changed.\n` : `No ca-bridge settings in ${where}: nothing to remove.\n`,
    );
  else if ('diff' in result) {
    if (dryRun) io.stdout(`Would change ${where} (dry run, nothing written):\n${result.diff}`);
    else
      io.stdout(
        `${verb === 'apply' ? 'Applied to' : 'Removed from'} ${where}${result.removed ? ' (the file apply had created was removed)' : ''}.\n${result.backup ? `Backup of the previous file: ${result.backup}\n` : ''}${verb === 'apply' ? 'Open a new terminal (and restart editors) for it to take effect.\n' : ''}`,
      );
  } else {
    const shown = (value: string | null, type: string | null) =>
      value === null ? '(unset)' : type === 'REG_EXPAND_SZ' ? `${value} (REG_EXPAND_SZ)` : value;
    for (const c of result.changes)
      io.stdout(`${dryRun ? 'would set' : 'set'} ${c.name}: ${shown(c.from, c.fromType)} -> ${shown(c.to, c.toType)}\n`);
    for (const name of result.keptUserEdits) io.stdout(`kept ${name}: it was changed after apply\n`);
    if (result.broadcast === true) io.stdout('Read back from the registry and announced to running programs: new terminals see it.\n');
    if (result.broadcast === false)
      io.stdout('Read back from the registry, but running programs could not be told: sign out and in for new terminals to see it.\n');
  }
  return EXIT_OK;
}

async function run(verb: 'apply' | 'revert', args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(APPLY_HELP), EXIT_OK);
  const shell = shellFlag(values.shell, io.env);
  const dryRun = Boolean(values['dry-run']);
  if (verb === 'revert' && values.dir) throw new UsageError('revert takes no --dir');
  const paths = verb === 'apply' ? await exportPaths(values.dir) : null;
  const where = target(shell, values.profile, io);
  try {
    let result: ProfileResult | EnvironmentResult;
    if ('userEnvironment' in where) {
      result =
        verb === 'apply'
          ? await applyUserEnvironment(windowsUserEnvironment, envVarValues(paths!), environmentBackup(io.env), dryRun)
          : await revertUserEnvironment(windowsUserEnvironment, environmentBackup(io.env), dryRun);
    } else {
      result =
        verb === 'apply'
          ? await applyToProfile(where.file, renderEnvBlock(shell, paths!), dryRun)
          : await revertProfile(where.file, dryRun);
    }
    return report(io, verb, result, dryRun, Boolean(values.json));
  } catch (error) {
    if (error instanceof ProfileError) throw new UsageError(error.message);
    throw error;
  }
}

export const applyCommand = (args: string[], io: CliIo) => run('apply', args, io);
export const revertCommand = (args: string[], io: CliIo) => run('revert', args, io);
