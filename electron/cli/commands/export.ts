import { readFile } from 'node:fs/promises';
import type { DetectionResult } from '../../../shared/detection.js';
import { readCertificateFile } from '../../core/cert/import.js';
import { oneLineName } from '../../core/cert/x509.js';
import { detect, loadTrustInputs } from '../../core/detect.js';
import { lintCa } from '../../core/export/lint.js';
import { caFromImport, resolveInspectionCa, signsInspectedChains, type ResolvedCa } from '../../core/export/resolve.js';
import { ExportConflict, writeExport } from '../../core/export/write.js';
import { DETECT_FLAGS, DETECT_FLAGS_HELP, detectOptionsFrom } from '../detect-flags.js';
import { progressLine } from '../format/detect-text.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';

export const EXPORT_HELP = `Usage: ca-bridge export --out DIR [detect options] [--from FILE] [--accept-untrusted] [--force] [--json]

Finds the inspection root CA (from the OS trust store) and writes, into DIR:
  corporate-ca.pem   the CA (and intermediates the chain needs), each with a comment header
  corporate-ca.crt   the root in DER, for double-click import on Windows and macOS
  ca-bundle.pem      public roots + the CA, for tools whose setting REPLACES their default trust

  --out DIR             folder to write into (created if missing)
  --from FILE           use the CA file IT handed out (PEM, DER .crt/.cer, PKCS#7 .p7b) instead of detecting
  --no-detect           with --from: do not probe to check that the CA signs the inspected chains
  --accept-untrusted    export a root the proxy sent although the OS does not trust it (compare its
                        SHA-256 fingerprint with the one IT publishes first)
  --force               replace existing files (a timestamped .bak copy of each is kept)
${DETECT_FLAGS_HELP}

Exit status: 0 written, 1 no CA could be determined (or it is untrusted without --accept-untrusted), 2 bad usage.
`;

const FLAGS = {
  ...DETECT_FLAGS,
  out: { type: 'string' },
  from: { type: 'string' },
  'no-detect': { type: 'boolean' },
  'accept-untrusted': { type: 'boolean' },
  force: { type: 'boolean' },
} as const;

async function importCa(file: string): Promise<ResolvedCa> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw new UsageError(`--from ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const parsed = readCertificateFile(data);
  if (parsed.certs.length === 0) {
    const why = parsed.problems.length ? `${parsed.problems.length} entries could not be parsed: ${parsed.problems[0]!.reason}` : 'no certificate found (expected PEM, DER .crt/.cer or PKCS#7 .p7b)';
    throw new UsageError(`--from ${file}: ${why}`);
  }
  const ca = caFromImport(parsed.certs, file);
  if ('error' in ca) throw new UsageError(`--from ${ca.error}`);
  return ca;
}

function untrustedMessage(ca: ResolvedCa): string {
  return [
    'The inspection root was sent by the proxy, but the OS trust store does NOT trust it.',
    `  Subject: ${oneLineName(ca.subject ?? '')}`,
    `  SHA-256: ${ca.root?.fingerprint256}`,
    'Anyone in the middle can present any root. Compare this fingerprint with the one your IT department',
    'publishes; only if it matches, run again with --accept-untrusted (or ask IT to install the CA).',
  ].join('\n');
}

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(EXPORT_HELP), EXIT_OK);
  if (!values.out) throw new UsageError('--out DIR is required');
  const options = detectOptionsFrom(values, io.env);
  const trust = await loadTrustInputs(options);
  const progress = (e: { target: Parameters<typeof progressLine>[0]; done: number; total: number }) => io.stderr(progressLine(e.target, e.done, e.total) + '\n');

  let ca: ResolvedCa;
  let detection: DetectionResult | null = null;
  if (values.from) {
    ca = await importCa(values.from);
    if (!values['no-detect']) detection = await detect(options, progress, trust);
  } else {
    detection = await detect(options, progress, trust);
    ca = resolveInspectionCa(detection, trust.store);
  }
  if (!ca.root) {
    io.stderr(`ca-bridge export: no CA to export: ${ca.explanation}\n`);
    return EXIT_FAILED;
  }
  if (ca.outcome === 'presented-chain' && !values['accept-untrusted']) {
    io.stderr(untrustedMessage(ca) + '\n');
    return EXIT_FAILED;
  }

  let written;
  try {
    written = await writeExport(values.out, { root: ca.root, intermediates: ca.intermediates }, trust.publicRoots, { force: Boolean(values.force) });
  } catch (error) {
    if (error instanceof ExportConflict) throw new UsageError(error.message);
    throw new Error(`cannot write to ${values.out}: ${(error as Error).message}`);
  }
  const lint = lintCa(ca.root);
  const signs = values.from ? signsInspectedChains(ca, detection) : true;
  const report = {
    outDir: written.dir,
    files: written.files,
    backups: written.backups,
    ca: { subject: oneLineName(ca.root.subject), fingerprint256: ca.root.fingerprint256, notAfter: new Date(ca.root.validTo).toISOString(), source: ca.outcome, location: ca.location },
    intermediates: ca.intermediates.map((c) => ({ subject: oneLineName(c.subject), fingerprint256: c.fingerprint256 })),
    bundleCertificates: written.bundleCount,
    signsInspectedChains: signs,
    verdict: detection?.verdict ?? null,
    lint,
  };
  if (values.json) {
    io.stdout(JSON.stringify(report, null, 2) + '\n');
    return EXIT_OK;
  }
  const lines = [
    `Exported ${report.ca.subject}`,
    `  SHA-256: ${report.ca.fingerprint256}`,
    `  Expires: ${report.ca.notAfter}`,
    `  Source:  ${ca.explanation}`,
  ];
  if (ca.outcome === 'presented-chain') lines.push('  WARNING: exported on your confirmation although the OS trust store does not trust it.');
  if (signs === false) lines.push('  WARNING: this CA does NOT sign the chains that were inspected just now: it will not fix the errors.');
  if (signs === null && values.from) lines.push('  (No inspected site to check the imported CA against.)');
  lines.push('Files:', `  ${written.files.caPem}`, `  ${written.files.caDer}`, `  ${written.files.bundle}  (${written.bundleCount} certificates)`);
  for (const backup of written.backups) lines.push(`  backup kept: ${backup}`);
  if (lint.length) lines.push('CA check:', ...lint.map((f) => `  ${f.severity.toUpperCase()} ${f.message}: ${f.affects}`));
  io.stdout(lines.join('\n') + '\n');
  return EXIT_OK;
}
