import path from 'node:path';
import { messagesFor } from '../language.js';
import { counted } from '../../../shared/i18n/fill.js';
import type { DetectionResult } from '../../../shared/detection.js';
import { DETECT_FLAGS, DETECT_FLAGS_HELP, probeInputFromFlags } from '../detect-flags.js';
import { progressLine } from '../format/detect-text.js';
import { EXIT_FAILED, EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import { fill } from '../../../shared/i18n/fill.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, cliContext, errorText, runForCli } from '../run-operation.js';

export const EXPORT_HELP = `Usage: ca-bridge export --out DIR [detect options] [--from FILE] [--accept-untrusted] [--force]
                        [--expect-fingerprint SHA256]... [--json]
       ca-bridge export --refresh [detect options] [--expect-fingerprint SHA256]... [--json]

Finds the inspection root CA (from the OS trust store) and writes, into DIR:
  corporate-ca.pem   the CA (and intermediates the chain needs), each with a comment header
  corporate-ca.crt   the root in DER, for double-click import on Windows and macOS
  ca-bundle.pem      public roots + the CA, for tools whose setting REPLACES their default trust
  corporate-ca-<first 16 hex digits of its SHA-256>.crt
                     with several inspectors (per PAC route, per proxy, DIRECT): each further trusted
                     CA in DER; the two PEM files hold every one. An untrusted one is named, not written.
  ca-bundle-merged.pem
                     only when a CA file of your own (your PIP_CERT, REQUESTS_CA_BUNDLE…, pip.conf
                     cert, an npmrc cafile, git http.sslCAInfo) holds roots the bundle lacks: those
                     roots + the bundle. The session settings point the variables that replace or
                     outrank your file at it, so no root you trusted is dropped.

  --out DIR             folder to write into (created if missing)
  --from FILE           use the CA file IT handed out (PEM, DER .crt/.cer, PKCS#7 .p7b) instead of detecting
  --no-detect           with --from: do not probe to check that the CA signs the inspected chains
  --accept-untrusted    export a root the proxy sent although the OS does not trust it (compare its
                        SHA-256 fingerprint with the one IT publishes first)
  --force               replace existing files (a timestamped .bak copy of each is kept)
  --refresh             write the CA the network presents now into the folder the ledger records (same
                        file names, each written atomically through the ledger with a backup kept), then
                        rebuild the Java trust store and put the new CA into the NSS database where CA
                        Bridge had copied the old one (the old copy is taken out). "ca-bridge revert
                        --tool export" puts the old files back. System stores are never written.
  --expect-fingerprint SHA256
                        the SHA-256 of a CA you expect (colons optional; repeatable for two CAs): any
                        other CA is refused and nothing is written. With --refresh it also stands for
                        --accept-untrusted for exactly that CA.
${DETECT_FLAGS_HELP}

Every export is recorded in the ledger (folder, files, fingerprints): "ca-bridge status" checks it.
Exit status: 0 written, 1 no CA could be determined (or it is untrusted without --accept-untrusted, or not
one of --expect-fingerprint), 2 bad usage (also --refresh with no export recorded).
`;

const FLAGS = {
  ...DETECT_FLAGS,
  out: { type: 'string' },
  from: { type: 'string' },
  'no-detect': { type: 'boolean' },
  'accept-untrusted': { type: 'boolean' },
  force: { type: 'boolean' },
  refresh: { type: 'boolean' },
  'expect-fingerprint': { type: 'string', multiple: true },
} as const;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(EXPORT_HELP), EXIT_OK);
  const probe = probeInputFromFlags(values, io.env);
  const expectFingerprints = values['expect-fingerprint'];
  if (values.refresh) return refresh(values, probe, expectFingerprints, io);
  const request = await checkInput('exportCa', {
    outDir: values.out === undefined ? undefined : path.resolve(io.cwd, values.out),
    force: Boolean(values.force),
    fromFile: values.from,
    publicRootsFile: probe.publicRootsFile,
    expectFingerprints,
  });
  const context = cliContext(io, {
    progress: (e) => e.type === 'detect-progress' && io.stderr(progressLine(messagesFor('en'), e.target, e.done, e.total) + '\n'),
  });
  // With --from and --no-detect nothing is probed; otherwise the export names the detection it comes from.
  let detection: DetectionResult | null = null;
  if (!(values.from && values['no-detect'])) {
    const detected = await runForCli('detect', probe, io, context);
    if (!detected.ok) return (io.stderr(`ca-bridge export: ${detected.error.message}\n`), EXIT_FAILED);
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
    const hint =
      outcome.error.code === 'untrusted' ? '\nOnly if it matches, run again with --accept-untrusted (or ask IT to install the CA).' : '';
    io.stderr(`ca-bridge export: ${outcome.error.message}${hint}\n`);
    return EXIT_FAILED;
  }
  const report = outcome.value;
  if (values.json) {
    const { explanation: _explanation, dir, ...rest } = report;
    io.stdout(JSON.stringify({ outDir: dir, ...rest, verdict: detection?.verdict ?? null }, null, 2) + '\n');
    return EXIT_OK;
  }
  const lines = [
    `Exported ${report.ca.subject}`,
    `  SHA-256: ${report.ca.fingerprint256}`,
    `  Expires: ${report.ca.notAfter}`,
    `  Source:  ${report.explanation}`,
  ];
  if (report.ca.source === 'presented-chain')
    lines.push('  WARNING: exported on your confirmation although the OS trust store does not trust it.');
  if (report.signsInspectedChains === false)
    lines.push('  WARNING: this CA does NOT sign the chains that were inspected just now: it will not fix the errors.');
  if (report.signsInspectedChains === null && values.from) lines.push('  (No inspected site to check the imported CA against.)');
  lines.push(
    'Files:',
    `  ${report.files.caPem}`,
    `  ${report.files.caDer}`,
    `  ${report.files.bundle}  (${report.bundleCertificates} certificates)`,
  );
  if (report.merged)
    lines.push(
      counted('en', messagesFor('en').cli.export.merged, report.merged.sources.length, {
        file: report.merged.file,
        certificates: report.merged.certificates,
        added: report.merged.added,
        sources: report.merged.sources.join(', '),
      }),
    );
  for (const other of report.otherCas ?? []) {
    lines.push(`  ${other.der}  (also in the two files above: ${other.subject}, SHA-256 ${other.fingerprint256})`);
  }
  for (const backup of report.backups) lines.push(`  backup kept: ${backup}`);
  for (const skipped of report.notExported ?? []) {
    lines.push(
      skipped.reason === 'untrusted'
        ? `NOT exported: ${skipped.subject} (SHA-256 ${skipped.fingerprint256}) also re-signs sites, but only the proxy vouches for it (the OS trust store does not trust it): compare its fingerprint with the one IT publishes, then use --from FILE. Tools on its route keep failing until then.`
        : `NOT exported: ${skipped.subject} also re-signs sites, but it is neither in the OS trust store nor sent by the proxy: ask IT for it (then use --from FILE). Tools on its route keep failing until then.`,
    );
  }
  if (report.lint.length) lines.push('CA check:', ...report.lint.map((f) => `  ${f.severity.toUpperCase()} ${f.message}: ${f.affects}`));
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
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
    if (values[flag] !== undefined)
      throw new UsageError(`--refresh writes into the folder the ledger records: --${flag} does not go with it`);
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
