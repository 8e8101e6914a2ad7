import path from 'node:path';
import type { DetectionResult } from '../../../shared/detection.js';
import { counted, fill } from '../../../shared/i18n/fill.js';
import { DETECT_FLAGS, DETECT_HELP_PARAMS, probeInputFromFlags } from '../detect-flags.js';
import { progressLine } from '../format/detect-text.js';
import { EXIT_FAILED, EXIT_OK, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, cliContext, errorText, runForCli } from '../run-operation.js';

const FLAGS = {
  out: { type: 'string' },
  from: { type: 'string' },
  'no-detect': { type: 'boolean' },
  'accept-untrusted': { type: 'boolean' },
  force: { type: 'boolean' },
  ...DETECT_FLAGS,
} as const;

export const exportHelp = (w: Messages) => fill(w.cli.help.export, { options: optionsHelp(w, FLAGS, DETECT_HELP_PARAMS) });

const SOURCES = ['trust-store', 'presented-chain', 'imported'] as const;
const isSource = (s: string): s is (typeof SOURCES)[number] => (SOURCES as readonly string[]).includes(s);

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const e = w.cli.export;
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(exportHelp(w)), EXIT_OK);
  const probe = probeInputFromFlags(values, io.env);
  const request = await checkInput('exportCa', {
    outDir: values.out === undefined ? undefined : path.resolve(io.cwd, values.out),
    force: Boolean(values.force),
    fromFile: values.from,
    publicRootsFile: probe.publicRootsFile,
  });
  const context = cliContext(io, {
    progress: (ev) => ev.type === 'detect-progress' && io.stderr(progressLine(w, ev.target, ev.done, ev.total) + '\n'),
  });
  // With --from and --no-detect nothing is probed; otherwise the export names the detection it comes from.
  let detection: DetectionResult | null = null;
  if (!(values.from && values['no-detect'])) {
    const detected = await runForCli('detect', probe, io, context);
    if (!detected.ok) return (io.stderr(`ca-bridge export: ${errorText(w, detected.error)}\n`), EXIT_FAILED);
    detection = detected.value;
  }
  // --accept-untrusted consents to exactly the root this detection found (and printed), never another.
  const consent = values['accept-untrusted'] ? detection?.inspectionCa?.fingerprint256 : undefined;
  const outcome = await runForCli(
    'exportCa',
    { ...request, detectionId: detection?.id, confirmUntrustedFingerprint: consent ?? undefined },
    io,
    context,
  );
  if (!outcome.ok) {
    const hint = outcome.error.code === 'untrusted' ? `\n${e.untrustedHint}` : '';
    io.stderr(`ca-bridge export: ${errorText(w, outcome.error)}${hint}\n`);
    return EXIT_FAILED;
  }
  const report = outcome.value;
  if (values.json) {
    const { explanation: _explanation, dir, ...rest } = report;
    io.stdout(JSON.stringify({ outDir: dir, ...rest, verdict: detection?.verdict ?? null }, null, 2) + '\n');
    return EXIT_OK;
  }
  const source = isSource(report.ca.source) ? e.sourceWord[report.ca.source] : report.explanation;
  const lines = [
    fill(e.exported, { subject: report.ca.subject }),
    fill(e.fingerprint, { value: report.ca.fingerprint256 }),
    fill(e.expires, { value: report.ca.notAfter }),
    fill(e.source, { value: `${source}${report.ca.location ? ` (${report.ca.location})` : ''}` }),
  ];
  if (report.ca.source === 'presented-chain') lines.push(e.untrustedWarning);
  if (report.signsInspectedChains === false) lines.push(e.notSigning);
  if (report.signsInspectedChains === null && values.from) lines.push(e.nothingToCompare);
  lines.push(e.files, `  ${report.files.caPem}`, `  ${report.files.caDer}`);
  lines.push(counted(io.lang ?? 'en', e.bundleCount, report.bundleCertificates, { file: report.files.bundle }));
  for (const backup of report.backups) lines.push(fill(e.backup, { file: backup }));
  if (report.lint.length)
    lines.push(e.lint, ...report.lint.map((f) => `  ${w.severity[f.severity]}: ${w.lint[f.code].title}: ${w.lint[f.code].affects}`));
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
}
