import path from 'node:path';
import type { ProfileOutcome, ToolApplyReport, UndoReport } from '../../../shared/api/results.js';
import { APPLIABLE_TOOLS } from '../../core/operations/tool-config.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, runForCli } from '../run-operation.js';
export const APPLY_HELP = `Usage: ca-bridge apply --dir DIR [--shell NAME] [--profile FILE] [--dry-run] [--json]
       ca-bridge apply --dir DIR --tool NAME... | --tools installed [--shell NAME] [--dry-run] [--json]
       ca-bridge revert [--shell NAME] [--profile FILE] [--dry-run] [--json]
       ca-bridge revert --all | --tool NAME... [--dry-run] [--json]

apply writes one marked block of environment variables into your shell profile (on Windows with
--shell cmd: into your user environment). Applying twice changes nothing; a timestamped backup of
the file is kept; nothing outside the block is touched. revert removes the block, leaving the file
byte for byte as it was before apply.

  --shell NAME    bash (~/.bash_profile or ~/.profile), zsh (~/.zshenv), fish (conf.d/ca-bridge.fish),
                  powershell ($PROFILE), cmd (Windows user environment); default: your shell
  --profile FILE  write this file instead
  --dry-run       show the change as a diff, write nothing

apply --tool NAME writes that tool's own persistent setting (a line in its user configuration file, or
the CA in the user's NSS database) and records it in the ledger (LEDGER in the state folder, see
docs/ledger.md); --tools installed does this for every row whose program is on PATH. None needs
administrator rights; the profile block is written only with --shell. Rows: ${APPLIABLE_TOOLS.join(', ')}.
revert --all undoes every recorded change, newest first, byte for byte; revert --tool NAME only that
tool's. A file changed since CA Bridge wrote it is left as it is, and the bytes from before are kept
beside it (FILE.ca-bridge-before-STAMP). Exit status 1 when a row failed or a change was left.
`;

const FLAGS = {
  dir: { type: 'string' },
  shell: { type: 'string' },
  profile: { type: 'string' },
  tool: { type: 'string', multiple: true },
  tools: { type: 'string' },
  all: { type: 'boolean' },
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

const UNDONE: Record<UndoReport['outcome'], string> = {
  restored: 'put back byte for byte',
  'block-removed': 'changed since: only the ca-bridge block was taken out, your edits kept',
  'nothing-happened': 'an interrupted run had not changed it: nothing to undo',
  'entry-removed': 'entry removed',
  'changed-since': 'NOT undone: changed since CA Bridge wrote it; left as it is',
  'would-undo': 'would be undone (dry run)',
};

function reportTools(io: CliIo, tools: ToolApplyReport[], dryRun: boolean, json: boolean, ledger: string): number {
  const failed = tools.some((t) => t.error !== null);
  if (json) io.stdout(JSON.stringify({ action: 'apply', dryRun, ledger, tools }, null, 2) + '\n');
  else {
    for (const t of tools) {
      if (t.error) io.stderr(`${t.tool}: not applied: ${t.error}\n`);
      else if (!t.changed) io.stdout(`${t.tool}: already set (${t.setting}) in ${t.where}\n`);
      else if (dryRun) io.stdout(`${t.tool}: would set ${t.setting} in ${t.where} (dry run):\n${t.diff}`);
      else io.stdout(`${t.tool}: set ${t.setting} in ${t.where}${t.backup ? ` (backup: ${t.backup})` : ''}\n`);
    }
    if (tools.length === 0) io.stdout('No tool to configure was found on PATH.\n');
    if (!dryRun && tools.some((t) => t.changed)) io.stdout(`Recorded in ${ledger}; "ca-bridge revert --all" undoes it.\n`);
  }
  return failed ? EXIT_FAILED : EXIT_OK;
}

function reportUndo(io: CliIo, undone: UndoReport[], dryRun: boolean, json: boolean, ledger: string): number {
  const left = undone.filter((u) => u.outcome === 'changed-since');
  if (json) io.stdout(JSON.stringify({ action: 'revert', dryRun, ledger, undone }, null, 2) + '\n');
  else {
    if (undone.length === 0) io.stdout(`Nothing recorded to undo in ${ledger}.\n`);
    for (const u of undone) {
      io.stdout(`${u.tool}: ${u.where}: ${UNDONE[u.outcome]}\n`);
      if (u.keptBefore) io.stdout(`  the content from before CA Bridge's change is kept in ${u.keptBefore}\n`);
      if (u.reenables) io.stdout(`  this re-enables an insecure setting doctor --fix had removed: ${u.reenables}\n`);
    }
  }
  if (left.length > 0)
    io.stderr(`${left.length} change(s) left because the file changed since; compare the kept copies and edit by hand\n`);
  return left.length > 0 ? EXIT_FAILED : EXIT_OK;
}

async function run(verb: 'apply' | 'revert', args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(APPLY_HELP), EXIT_OK);
  if (verb === 'revert' && values.dir) throw new UsageError('revert takes no --dir');
  if (verb === 'apply' && values.all) throw new UsageError('--all is for revert');
  if (verb === 'revert' && values.tools) throw new UsageError('--tools is for apply; revert takes --tool NAME or --all');
  if (values.tools !== undefined && values.tools !== 'installed')
    throw new UsageError('--tools takes the one word "installed" (or use --tool NAME)');
  const dryRun = Boolean(values['dry-run']);
  const json = Boolean(values.json);
  const common = {
    shell: values.shell,
    profile: values.profile === undefined ? undefined : path.resolve(io.cwd, values.profile),
    dryRun,
  };
  if (verb === 'revert' && (values.all || values.tool)) {
    if (values.shell || values.profile) throw new UsageError('revert --all/--tool takes no --shell or --profile');
    const input = await checkInput('undoChanges', { all: values.all, tools: values.tool, dryRun });
    const result = await runForCli('undoChanges', input, io);
    if (!result.ok) return (io.stderr(`ca-bridge revert: ${result.error.message}\n`), EXIT_FAILED);
    return reportUndo(io, result.value.undone, dryRun, json, result.value.ledger);
  }
  if (verb === 'apply' && (values.tool || values.tools)) {
    if (values.profile && !values.shell)
      throw new UsageError('--profile names the profile for the block: give --shell too, or leave it out');
    const tools = [...(values.tool ?? []), ...(values.tools ? ['installed'] : [])];
    const input = await checkInput('applyTools', { dir: values.dir, tools, dryRun });
    const result = await runForCli('applyTools', input, io);
    if (!result.ok) return (io.stderr(`ca-bridge apply: ${result.error.message}\n`), EXIT_FAILED);
    const status = reportTools(io, result.value.tools, dryRun, json, result.value.ledger);
    // --shell as well: the profile block too (only when asked; --tool alone never writes it).
    if (!values.shell) return status;
    const block = await runForCli('apply', await checkInput('apply', { ...common, dir: values.dir }), io);
    if (!block.ok) return (io.stderr(`ca-bridge apply: ${block.error.message}\n`), EXIT_FAILED);
    return Math.max(status, report(io, 'apply', block.value, dryRun, json));
  }

  const result =
    verb === 'apply'
      ? await runForCli('apply', await checkInput('apply', { ...common, dir: values.dir }), io)
      : await runForCli('revert', await checkInput('revert', common), io);
  if (!result.ok) return (io.stderr(`ca-bridge ${verb}: ${result.error.message}\n`), EXIT_FAILED);
  return report(io, verb, result.value, dryRun, Boolean(values.json));
}

export const applyCommand = (args: string[], io: CliIo) => run('apply', args, io);
export const revertCommand = (args: string[], io: CliIo) => run('revert', args, io);
