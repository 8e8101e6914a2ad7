import path from 'node:path';
import type { DoctorFinding, FixReport } from '../../../shared/api/results.js';
import { settingPlace } from '../../../shared/settings.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, runForCli } from '../run-operation.js';

export const DOCTOR_HELP = `Usage: ca-bridge doctor [--cwd DIR] [--json]
       ca-bridge doctor --fix --url https://HOST/ [--dir DIR] [--cwd DIR] [--json]

Reads (never changes) every place your developer tools take their TLS settings from: the environment,
config files at every level (system, user, the project in --cwd, default: this folder). Reports
settings that switch certificate verification off, CA settings that point at a missing, unreadable or
expired file, and tools installed here whose CA setting is nowhere. Each finding names the tool, the
setting, and the file and line (or the variable).

--fix removes each line that switches verification off, but only for a tool whose CA setting is in
place (its file holds a certificate valid today) and proven: the tool makes a request to --url (a site
behind the inspection) with just that line masked (it is pointed at a copy of its file without the
line, the only verify-only configuration used), the line is removed through the ledger, and the tool
is proven again as it now is (if that fails, the line is put back). "ca-bridge revert --all" puts
removed lines back and says which insecure settings that re-enables. Fixable: npm, pnpm, git, pip,
curl, wget (user-level files). With --dir, a CA setting that points at a missing, unreadable or
expired file is pointed at that export instead (the line "apply --tool" writes, in the same user
file), then proven; put back if the tool fails with it.

Exit status: 0 nothing found (or all fixed), 3 findings left, 1 the scan failed, 2 usage error.
  --cwd DIR   the project folder whose own settings files count (.npmrc, .git/config, uv.toml …)
  --json      print { findings, unread }
`;

export const EXIT_FINDINGS = 3;

const FLAGS = {
  cwd: { type: 'string' },
  fix: { type: 'boolean' },
  dir: { type: 'string' },
  url: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const MEANING: Record<DoctorFinding['kind'], string> = {
  'verification-off': "certificate verification is switched off: any certificate, an attacker's too, is accepted",
  'ca-file-missing': 'the CA file it names does not exist: the tool fails or falls back',
  'ca-file-unreadable': 'the CA file it names cannot be read',
  'ca-file-no-certificate': 'the file it names holds no certificate',
  'ca-file-expired': 'every certificate in the file it names has expired',
  'not-configured': 'installed, but no CA setting found for it',
};

const FIX: Record<DoctorFinding['kind'], string> = {
  'verification-off': 'hand the tool the CA ("ca-bridge apply --tool NAME"), prove it ("ca-bridge verify"), then remove this line',
  'ca-file-missing': 'export again and re-apply ("ca-bridge export", then "ca-bridge apply --tool NAME")',
  'ca-file-unreadable': "fix the file's permissions, or export again and re-apply",
  'ca-file-no-certificate': 'point the setting at the exported ca-bundle.pem ("ca-bridge apply --tool NAME")',
  'ca-file-expired': 'export the current CA and re-apply ("ca-bridge export", "ca-bridge apply --tool NAME")',
  'not-configured': 'ca-bridge apply --tool NAME',
};

const FIXED: Record<FixReport['outcome'], string> = {
  removed: 'removed (proven with the line masked, and again after)',
  repointed: 'pointed at the export (--dir) and proven',
  'ca-not-in-place': 'left: the CA setting is not in place; run "ca-bridge apply --tool" first',
  'not-proven': 'left: with the line masked the tool did not get through',
  'put-back': 'put back: after removing it the tool failed',
  'cannot-mask': 'left: this file cannot be masked for a proof; remove it by hand after "ca-bridge verify"',
  'changed-meanwhile': 'left: the file changed meanwhile; run doctor again',
  'not-a-file': 'left: a variable; remove it where it is set',
  'not-supported': 'left: --fix cannot prove this tool yet',
};

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(DOCTOR_HELP), EXIT_OK);
  const cwd = path.resolve(io.cwd, values.cwd ?? '.');
  if ((values.url !== undefined || values.dir !== undefined) && !values.fix) throw new UsageError('--url and --dir are for --fix');
  const result = await runForCli(
    'doctor',
    await checkInput('doctor', {
      cwd,
      fix: values.fix,
      url: values.url,
      dir: values.dir === undefined ? undefined : path.resolve(io.cwd, values.dir),
    }),
    io,
  );
  if (!result.ok) return (io.stderr(`ca-bridge doctor: ${result.error.message}\n`), EXIT_FAILED);
  const { findings, unread, fixed } = result.value;
  const removed = fixed.filter((f) => f.outcome === 'removed' || f.outcome === 'repointed').length;
  if (values.json) io.stdout(JSON.stringify({ findings, unread, fixed }, null, 2) + '\n');
  else {
    if (findings.length === 0) io.stdout('Nothing found: no setting switches verification off, every CA setting points at a valid file.\n');
    for (const f of findings) {
      const tools = f.tools.join(', ');
      const where = !f.source ? '' : f.source.kind === 'env' ? ' (environment variable)' : ` at ${settingPlace(f.source)}`;
      const setting = f.setting ? ` ${f.setting}${f.value ? ` = ${f.value}` : ''}` : '';
      io.stdout(
        `[${f.severity}] ${tools}:${setting}${where}\n  ${MEANING[f.kind]}\n  fix: ${FIX[f.kind].replace('NAME', f.tools[0] ?? 'NAME')}\n`,
      );
    }
    for (const u of unread) io.stdout(`not read: ${u.file} (${u.problem})\n`);
    if (values.fix) {
      io.stdout(`\n--fix (each proof ran with only the insecure line masked, against ${values.url}):\n`);
      for (const f of fixed) io.stdout(`  ${f.tool}: ${f.setting} at ${f.source ? settingPlace(f.source) : '?'}: ${FIXED[f.outcome]}\n`);
      if (removed > 0) io.stdout('"ca-bridge revert --all" puts the removed lines back (it re-enables those insecure settings).\n');
    }
  }
  return findings.length - removed > 0 ? EXIT_FINDINGS : EXIT_OK;
}
