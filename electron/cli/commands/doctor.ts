import path from 'node:path';
import { fill } from '../../../shared/i18n/fill.js';
import type { Messages } from '../language.js';
import { settingPlace } from '../../../shared/settings.js';
import { EXIT_FAILED, EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, errorText, runForCli } from '../run-operation.js';

export const EXIT_FINDINGS = 3;

const FLAGS = {
  cwd: { type: 'string' },
  fix: { type: 'boolean' },
  dir: { type: 'string' },
  url: { type: 'string' },
  'trust-store': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const doctorHelp = (w: Messages) => fill(w.cli.help.doctor, { options: optionsHelp(w, FLAGS) });

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const d = w.cli.doctor;
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(doctorHelp(w)), EXIT_OK);
  const cwd = path.resolve(io.cwd, values.cwd ?? '.');
  if ((values.url !== undefined || values.dir !== undefined || values['trust-store'] !== undefined) && !values.fix)
    throw new UsageError((m) => m.cli.doctor.urlDirForFix);
  const result = await runForCli(
    'doctor',
    await checkInput('doctor', {
      cwd,
      fix: values.fix,
      url: values.url,
      dir: values.dir === undefined ? undefined : path.resolve(io.cwd, values.dir),
      trustStorePath: values['trust-store'] === undefined ? undefined : path.resolve(io.cwd, values['trust-store']),
    }),
    io,
  );
  if (!result.ok) return (io.stderr(`ca-bridge doctor: ${errorText(w, result.error)}\n`), EXIT_FAILED);
  const { findings, unread, fixed } = result.value;
  const removed = fixed.filter((f) => f.outcome === 'removed' || f.outcome === 'repointed').length;
  if (values.json) io.stdout(JSON.stringify({ findings, unread, fixed }, null, 2) + '\n');
  else {
    if (findings.length === 0) io.stdout(`${d.nothing}\n`);
    for (const f of findings) {
      const where = !f.source ? '' : f.source.kind === 'env' ? d.inEnvironment : fill(d.at, { place: settingPlace(f.source) });
      const setting = f.setting ? ` ${f.setting}${f.value ? ` = ${f.value}` : ''}` : '';
      const tool = f.tools[0] ?? 'NAME';
      io.stdout(
        `[${d.severity[f.severity]}] ${f.tools.join(', ')}:${setting}${where}\n  ${d.meaning[f.kind]}\n  ${fill(d.fixLabel, { fix: fill(d.fix[f.kind], { tool }) })}\n`,
      );
    }
    for (const u of unread) io.stdout(`${fill(d.notRead, { file: u.file, problem: w.fileProblem[u.problem] })}\n`);
    if (values.fix) {
      io.stdout(`\n${fill(d.fixHeading, { url: values.url ?? '' })}\n`);
      for (const f of fixed) {
        io.stdout(
          `  ${f.tool}: ${f.setting} ${fill(d.at, { place: f.source ? settingPlace(f.source) : '?' }).trim()}: ${d.fixed[f.outcome]}\n`,
        );
        if (f.newShell) io.stdout(`${fill(f.outcome === 'repointed' ? d.newShellValue : d.newShell, { setting: f.setting })}\n`);
      }
      if (removed > 0) io.stdout(`${d.revertHint}\n`);
    }
  }
  return findings.length - removed > 0 ? EXIT_FINDINGS : EXIT_OK;
}
