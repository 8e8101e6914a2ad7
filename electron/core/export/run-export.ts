import type { ExportedCaSource, ExportOutcome } from '../../../shared/api/results.js';
import type { DetectionResult } from '../../../shared/detection.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { readCertificateFile } from '../cert/import.js';
import { oneLineName } from '../cert/x509.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import type { TrustInputs } from '../detect.js';
import { lintCa, lintForgedLeaves } from './lint.js';
import { caFromImport, resolveInspectionCa, resolveOtherCas, signsInspectedChains, type ResolvedCa } from './resolve.js';
import { OutDirError } from './prepare-dir.js';
import { EXPORT_FILES, ExportConflict, writeExport, type UserCertificates, type WrittenExport } from './write.js';
import { envVarValues } from '../../../shared/guidance/render.js';
import { certificatesIn, fileOnlyCaFiles, userCaFiles } from '../guidance/user-ca-files.js';
import { scanSettings } from '../settings/index.js';
import path from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { normalizeFingerprint } from '../../../shared/status.js';

/**
 * Error codes: `bad-import`, `conflict` and `bad-input` on `outDir` (an output folder that cannot be
 * used) are the caller's to correct (CLI exit 2); `no-ca`,
 * `untrusted` and `write-failed` mean nothing could be exported (exit 1).
 */
export async function importCaFile(file: string): Promise<Result<ResolvedCa>> {
  let data: Buffer;
  try {
    data = await readUserFile(file);
  } catch (error) {
    if (error instanceof UserFileError) return fail('bad-import', error.message, undefined, error.detail);
    throw error;
  }
  const parsed = readCertificateFile(data);
  if (parsed.certs.length === 0) {
    const why = parsed.problems.length
      ? `${parsed.problems.length} ${parsed.problems.length === 1 ? 'entry' : 'entries'} could not be parsed: ${parsed.problems[0]!.reason}`
      : 'no certificate found (expected PEM, DER .crt/.cer or PKCS#7 .p7b)';
    return fail('bad-import', `${file}: ${why}`, undefined, {
      key: parsed.problems.length ? 'import-unparsable' : 'import-no-certificate',
      params: { file, count: parsed.problems.length, reason: parsed.problems[0]?.reason ?? '' },
    });
  }
  const ca = caFromImport(parsed.certs, file);
  return 'error' in ca ? fail('bad-import', ca.error, undefined, { key: 'import-not-ca', params: { file, subject: ca.subject } }) : ok(ca);
}

export interface ExportRequest {
  outDir: string;
  force: boolean;
  trust: TrustInputs;
  detection: DetectionResult | null;
  /** A CA file from IT instead of the detected one. */
  imported?: ResolvedCa;
  /** Consent for a root only the proxy vouches for: `true` (CLI flag) or the fingerprint the user confirmed. */
  acceptUntrusted: boolean | string;
  /** `--expect-fingerprint`: only these CAs may be written. */
  expectFingerprints?: readonly string[];
  /**
   * The user's environment and folder: CA files of their own that the snippet's variables replace are
   * read, and their certificates kept in a merged bundle (never drop a root the user trusted).
   */
  user?: { env: NodeJS.ProcessEnv; cwd: string; platform: NodeJS.Platform };
}

/** The certificates of the user's own CA files that the session snippet for `outDir` would replace. */
export async function userCertificates(outDir: string, user: ExportRequest['user']): Promise<UserCertificates> {
  if (!user) return { sources: [], certs: [], named: [] };
  const dir = path.resolve(outDir);
  const shared = envVarValues({
    ca: path.join(dir, EXPORT_FILES.caPem),
    bundle: path.join(dir, EXPORT_FILES.bundle),
    der: path.join(dir, EXPORT_FILES.caDer),
  });
  const scan = await scanSettings(user);
  const files = [
    ...new Set([
      ...userCaFiles(scan, user.env, user.cwd, shared).flatMap((u) => (u.file ? [u.file] : [])),
      // A .curlrc cacert: apply --tool curl points it at the merged bundle, which must keep its roots.
      ...fileOnlyCaFiles(scan, user.cwd).map((u) => u.file),
    ]),
  ];
  // A setting that names a file of this export (PIP_CERT on the merged bundle after apply) holds the CAs
  // this folder exported before: they are ours, not the user's, and after a renewal the old CA must not be
  // carried into the new bundle. The user's own roots in that file are kept.
  const exported = new Set(((await certificatesIn(path.join(dir, EXPORT_FILES.caPem))) ?? []).map((c) => c.fingerprint256));
  const ours = (file: string) => path.dirname(path.resolve(file)) === dir;
  const read = await Promise.all(
    files.map(async (file) => {
      const certs = await certificatesIn(file);
      return { file, certs: certs && ours(file) ? certs.filter((c) => !exported.has(c.fingerprint256)) : certs };
    }),
  );
  const found = read.filter((r) => r.certs?.length);
  return { sources: found.map((r) => r.file), certs: found.flatMap((r) => r.certs!), named: files };
}

export type ExportReport = ExportOutcome;

/** The CAs an export writes: the inspection CA, and every further one the OS trusts; those left out are named. */
export interface ExportPlan {
  ca: ResolvedCa & { root: X509Certificate };
  trusted: (ResolvedCa & { root: X509Certificate })[];
  notExported: NonNullable<ExportOutcome['notExported']>;
  imported: boolean;
  detection: DetectionResult | null;
}

/**
 * Decides what an export writes, before anything is written: the consent for a root only the proxy
 * vouches for, and `--expect-fingerprint` (a CA that is not one of those is refused, so nothing is written).
 */
export function planExport(request: Omit<ExportRequest, 'outDir' | 'force'>): Result<ExportPlan> {
  const ca = request.imported ?? (request.detection ? resolveInspectionCa(request.detection, request.trust.store) : null);
  if (!ca)
    return fail('no-ca', 'run a detection first, or import the CA file IT handed out', undefined, { key: 'no-detection-yet', params: {} });
  if (!ca.root)
    return fail('no-ca', `no CA to export: ${ca.explanation}`, undefined, {
      key: ca.subject ? 'no-ca-not-found' : 'no-ca-not-inspected',
      params: { subject: oneLineName(ca.subject ?? ''), verdict: request.detection?.verdict ?? '' },
    });
  if (ca.outcome === 'presented-chain') {
    const consent = request.acceptUntrusted;
    if (consent !== true && consent !== ca.root.fingerprint256) {
      return fail(
        'untrusted',
        `The inspection root "${oneLineName(ca.subject ?? '')}" was sent by the proxy, but the OS trust store does NOT trust it. SHA-256 ${ca.root.fingerprint256}. Anyone in the middle can present any root: compare this fingerprint with the one your IT department publishes before accepting it.`,
        undefined,
        { key: 'untrusted-root', params: { subject: oneLineName(ca.subject ?? ''), fingerprint: ca.root.fingerprint256 } },
      );
    }
  }
  // Several inspectors: every other CA the user can trust is written too; one the OS does not trust is named, not written.
  const others = request.imported || !request.detection ? [] : resolveOtherCas(request.detection, ca, request.trust.store);
  const trusted = others.filter((other) => other.outcome === 'trust-store' && other.root) as ExportPlan['trusted'];
  const notExported = others
    .filter((other) => !trusted.includes(other as ExportPlan['trusted'][number]))
    .map((other) => ({
      subject: oneLineName(other.subject ?? ''),
      fingerprint256: other.root?.fingerprint256 ?? null,
      reason: other.outcome === 'presented-chain' ? ('untrusted' as const) : ('not-found' as const),
    }));
  const unexpected = unexpectedCas<ExportPlan>([ca.root, ...trusted.map((t) => t.root)], request.expectFingerprints);
  if (unexpected) return unexpected;
  return ok({ ca: ca as ExportPlan['ca'], trusted, notExported, imported: Boolean(request.imported), detection: request.detection });
}

/** `--expect-fingerprint`: the first CA that is none of the expected ones, as the refusal; null when all are expected (or none was given). */
export function unexpectedCas<T>(roots: readonly X509Certificate[], expected: readonly string[] | undefined): Result<T> | null {
  if (!expected?.length) return null;
  const wanted = new Set(expected.map((f) => normalizeFingerprint(f)));
  const other = roots.find((root) => !wanted.has(root.fingerprint256));
  if (!other) return null;
  return fail(
    'unexpected-ca',
    `the CA "${oneLineName(other.subject)}" (SHA-256 ${other.fingerprint256}) is not one of the expected fingerprints (${[...wanted].join(', ')}): refused, nothing was written`,
    'expectFingerprints',
    {
      key: 'unexpected-root',
      params: { subject: oneLineName(other.subject), fingerprint: other.fingerprint256, expected: [...wanted].join(', ') },
    },
  );
}

/** The outcome every front door reports, from a plan and the files written. */
export function exportOutcome(plan: ExportPlan, written: Omit<WrittenExport, 'otherDer'> & { otherDer: string[] }): ExportReport {
  const { ca, trusted } = plan;
  return {
    dir: written.dir,
    files: written.files,
    backups: written.backups,
    ca: {
      subject: oneLineName(ca.root.subject),
      fingerprint256: ca.root.fingerprint256,
      notAfter: new Date(ca.root.validTo).toISOString(),
      source: ca.outcome as ExportedCaSource,
      location: ca.location,
    },
    intermediates: ca.intermediates.map((c) => ({ subject: oneLineName(c.subject), fingerprint256: c.fingerprint256 })),
    bundleCertificates: written.bundleCount,
    ...(written.merged ? { merged: written.merged } : {}),
    otherCas: trusted.map((other, index) => ({
      subject: oneLineName(other.root.subject),
      fingerprint256: other.root.fingerprint256,
      notAfter: new Date(other.root.validTo).toISOString(),
      source: other.outcome,
      location: other.location,
      der: written.otherDer[index]!,
    })),
    notExported: plan.notExported,
    signsInspectedChains: plan.imported ? signsInspectedChains(ca, plan.detection) : true,
    lint: [...[ca, ...trusted].flatMap((each) => lintCa(each.root)), ...lintForgedLeaves(plan.detection)],
    explanation: ca.explanation,
  };
}

export async function runExport(request: ExportRequest): Promise<Result<ExportReport>> {
  const plan = planExport(request);
  if (!plan.ok) return plan;
  const { ca, trusted } = plan.value;
  let written;
  try {
    written = await writeExport(
      request.outDir,
      { root: ca.root, intermediates: ca.intermediates },
      request.trust.publicRoots,
      { force: request.force },
      trusted.map((other) => ({ root: other.root, intermediates: other.intermediates })),
      await userCertificates(request.outDir, request.user),
    );
  } catch (error) {
    if (error instanceof ExportConflict) return fail('conflict', error.message);
    if (error instanceof OutDirError) return fail('bad-input', error.message, 'outDir');
    return fail('write-failed', `cannot write to ${request.outDir}: ${(error as Error).message}`);
  }
  return ok(exportOutcome(plan.value, written));
}
