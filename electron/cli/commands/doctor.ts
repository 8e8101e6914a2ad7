import path from 'node:path';
import type { DoctorFinding } from '../../../shared/api/results.js';
import { settingPlace } from '../../../shared/settings.js';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, runForCli } from '../run-operation.js';

export const DOCTOR_HELP = `Usage: ca-bridge doctor [--cwd DIR] [--json]

Reads (never changes) every place your developer tools take their TLS settings from: the environment,
config files at every level (system, user, the project in --cwd, default: this folder). Reports
settings that switch certificate verification off, CA settings that point at a missing, unreadable or
expired file, and tools installed here whose CA setting is nowhere. Each finding names the tool, the
setting, and the file and line (or the variable).

Exit status: 0 nothing found, 3 findings, 1 the scan failed, 2 usage error.
  --cwd DIR   the project folder whose own settings files count (.npmrc, .git/config, uv.toml …)
  --json      print { findings, unread }
`;

export const EXIT_FINDINGS = 3;

const FLAGS = {
  cwd: { type: 'string' },
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

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(DOCTOR_HELP), EXIT_OK);
  const cwd = path.resolve(io.cwd, values.cwd ?? '.');
  const result = await runForCli('doctor', await checkInput('doctor', { cwd }), io);
  if (!result.ok) return (io.stderr(`ca-bridge doctor: ${result.error.message}\n`), EXIT_FAILED);
  const { findings, unread } = result.value;
  if (values.json) io.stdout(JSON.stringify({ findings, unread }, null, 2) + '\n');
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
  }
  return findings.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}
