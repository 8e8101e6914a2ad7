import path from 'node:path';
import type { ExportOutcome } from '../../../shared/api/results.js';
import { counted, fill } from '../../../shared/i18n/fill.js';
import type { Language } from '../../../shared/i18n/language.js';
import type { Messages } from '../language.js';
import type { DetectionResult } from '../../../shared/detection.js';
import { DETECT_FLAGS, DETECT_HELP_PARAMS, probeInputFromFlags } from '../detect-flags.js';
import { progressLine } from '../format/detect-text.js';
import { EXIT_FAILED, EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import { expectFingerprintFlag, optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, cliContext, errorText, runForCli } from '../run-operation.js';

const FLAGS = {
  out: { type: 'string' },
  from: { type: 'string' },
  'no-detect': { type: 'boolean' },
  'accept-untrusted': { type: 'boolean' },
  force: { type: 'boolean' },
  refresh: { type: 'boolean' },
  'expect-fingerprint': { type: 'string', multiple: true },
  ...DETECT_FLAGS,
} as const;

export const exportHelp = (w: Messages) => fill(w.cli.help.export, { options: optionsHelp(w, FLAGS, DETECT_HELP_PARAMS) });

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(exportHelp(w)), EXIT_OK);
  const probe = probeInputFromFlags(values, io.env);
  const expectFingerprints = expectFingerprintFlag(values['expect-fingerprint']);
  if (values.refresh) return refresh(values, probe, expectFingerprints, io);
  const request = await checkInput('exportCa', {
    outDir: values.out === undefined ? undefined : path.resolve(io.cwd, values.out),
    force: Boolean(values.force),
    fromFile: values.from,
    publicRootsFile: probe.publicRootsFile,
    expectFingerprints,
  });
  const context = cliContext(io, {
    progress: (e) => e.type === 'detect-progress' && io.stderr(progressLine(w, e.target, e.done, e.total) + '\n'),
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
    const hint = outcome.error.code === 'untrusted' ? `\n${w.cli.export.untrustedHint}` : '';
    io.stderr(`ca-bridge export: ${errorText(w, outcome.error)}${hint}\n`);
    return EXIT_FAILED;
  }
  const report = outcome.value;
  if (values.json) {
    const { explanation: _explanation, dir, ...rest } = report;
    io.stdout(JSON.stringify({ outDir: dir, ...rest, verdict: detection?.verdict ?? null }, null, 2) + '\n');
    return EXIT_OK;
  }
  io.stdout(exportText(w, io.lang ?? 'en', report, Boolean(values.from)));
  return EXIT_OK;
}

/** The export's report in the user's language: the words from the catalogue, names and paths as they are. */
function exportText(w: Messages, lang: Language, report: ExportOutcome, imported: boolean): string {
  const e = w.cli.export;
  const lines = [
    fill(e.exported, { subject: report.ca.subject }),
    fill(e.fingerprint, { value: report.ca.fingerprint256 }),
    fill(e.expires, { value: report.ca.notAfter }),
    fill(e.source, {
      value: fill(e.sourceWord[report.ca.source], { location: report.ca.location ?? '' }),
    }),
  ];
  if (report.ca.source === 'presented-chain') lines.push(e.untrustedWarning);
  if (report.signsInspectedChains === false) lines.push(e.notSigning);
  if (report.signsInspectedChains === null && imported) lines.push(e.nothingToCompare);
  lines.push(
    e.files,
    `  ${report.files.caPem}`,
    `  ${report.files.caDer}`,
    counted(lang, e.bundleCount, report.bundleCertificates, { file: report.files.bundle }),
  );
  if (report.merged)
    lines.push(
      counted(lang, e.merged, report.merged.sources.length, {
        file: report.merged.file,
        certificates: report.merged.certificates,
        added: report.merged.added,
        sources: report.merged.sources.join(', '),
      }),
    );
  for (const other of report.otherCas ?? [])
    lines.push(fill(e.otherCa, { file: other.der, subject: other.subject, fingerprint: other.fingerprint256 }));
  for (const backup of report.backups) lines.push(fill(e.backup, { file: backup }));
  for (const skipped of report.notExported ?? [])
    lines.push(
      skipped.reason === 'untrusted'
        ? fill(e.notExportedUntrusted, { subject: skipped.subject, fingerprint: skipped.fingerprint256 ?? '' })
        : fill(e.notExportedMissing, { subject: skipped.subject }),
    );
  if (report.lint.length) {
    lines.push(e.lint);
    for (const f of report.lint) {
      const words = w.lint[f.code];
      lines.push(`  ${w.cli.severity[f.severity]} ${fill(words.title, f.params ?? {})}: ${words.affects}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** `export --refresh`: probe, then the refresh operation with that detection (no folder: the ledger names it). */
async function refresh(
  values: { out?: string; from?: string; force?: boolean; 'accept-untrusted'?: boolean; 'no-detect'?: boolean; json?: boolean },
  probe: ReturnType<typeof probeInputFromFlags>,
  expectFingerprints: string[] | undefined,
  io: CliIo,
): Promise<number> {
  const w = wordsFor(io);
  for (const flag of ['out', 'from', 'force', 'accept-untrusted', 'no-detect'] as const)
    if (values[flag] !== undefined) throw new UsageError((m) => fill(m.cli.usageError.refreshExcludes, { flag: `--${flag}` }));
  // The fingerprints are checked before any probing: a typo must not cost a detection.
  await checkInput('refreshExport', { detectionId: 'placeholder', expectFingerprints });
  const context = cliContext(io, {
    progress: (e) => e.type === 'detect-progress' && io.stderr(progressLine(w, e.target, e.done, e.total) + '\n'),
  });
  const detected = await runForCli('detect', probe, io, context);
  if (!detected.ok) return (io.stderr(`ca-bridge export: ${errorText(w, detected.error)}\n`), EXIT_FAILED);
  const result = await runForCli(
    'refreshExport',
    { detectionId: detected.value.id, expectFingerprints, publicRootsFile: probe.publicRootsFile },
    io,
    context,
  );
  if (!result.ok) return (io.stderr(`ca-bridge export: ${errorText(w, result.error)}\n`), EXIT_FAILED);
  const r = result.value;
  const failed = r.steps.some((s) => s.error !== null);
  if (values.json) {
    io.stdout(JSON.stringify({ ...r, export: { ...r.export, explanation: undefined } }, null, 2) + '\n');
    return failed ? EXIT_FAILED : EXIT_OK;
  }
  const f = w.cli.refresh;
  const a = w.cli.apply;
  const lines = [
    fill(f.written, {
      dir: r.export.dir,
      subject: r.export.ca.subject,
      fingerprint: r.export.ca.fingerprint256,
      previous: r.previous.join(', '),
    }),
    ...r.export.backups.map((file) => fill(w.cli.export.backup, { file })),
  ];
  for (const t of r.steps) {
    const params = { tool: t.tool, setting: t.setting, where: t.where };
    lines.push(t.error ? fill(a.toolFailed, { ...params, error: t.error }) : fill(t.changed ? a.toolSet : a.toolAlreadySet, params));
  }
  for (const gone of r.retired) lines.push(fill(f.retired, gone));
  lines.push(fill(f.recorded, { ledger: r.ledger }));
  io.stdout(lines.join('\n') + '\n');
  return failed ? EXIT_FAILED : EXIT_OK;
}
