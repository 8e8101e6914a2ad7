import type { X509Certificate } from 'node:crypto';
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { oneLineName, toPem } from '../cert/x509.js';
import { atomicWrite } from '../fs/atomic-write.js';
import { writeBackup } from '../fs/backup.js';
import { readUserFile } from '../fs/read-user-file.js';
import { uniqueCertificates } from '../guidance/user-ca-files.js';
import type { TrustSet } from '../trust/trust-set.js';
import { exportTargets, prepareExportDir, refuseSystemFolder } from './prepare-dir.js';

export const EXPORT_FILES = {
  caPem: 'corporate-ca.pem',
  caDer: 'corporate-ca.crt',
  bundle: 'ca-bundle.pem',
  /** The bundle plus the user's own CA files, for the variables that replace them (guidance/session-advice.ts). */
  merged: 'ca-bundle-merged.pem',
} as const;

/** Files already in the way: the caller decides (the CLI asks for --force). */
export class ExportConflict extends Error {
  constructor(readonly existing: string[]) {
    super(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to replace (a timestamped backup is kept)`,
    );
  }
}

/** Where export wrote each file (the guidance's ExportPaths names the same files by the variable they feed). */
export interface WrittenFiles {
  caPem: string;
  caDer: string;
  bundle: string;
}

export interface WrittenExport {
  dir: string;
  files: WrittenFiles;
  /** One DER file per further inspection CA, in the order given. */
  otherDer: string[];
  backups: string[];
  bundleCount: number;
  /** The merged bundle, when a CA file of the user's holds certificates the bundle lacks. */
  merged: { file: string; sources: string[]; certificates: number; added: number } | null;
}

/** The user's own CA files (guidance/user-ca-files.ts) whose certificates a merged bundle keeps. */
export interface UserCertificates {
  sources: string[];
  certs: X509Certificate[];
  /** Every CA file a setting of the user's names (readable or not, holding certificates or not): `sources` is those that added some. */
  named?: string[];
}

function annotated(cert: X509Certificate): string {
  return [
    `# Subject: ${oneLineName(cert.subject)}`,
    `# Issuer:  ${oneLineName(cert.issuer)}`,
    `# SHA-256: ${cert.fingerprint256}`,
    `# Expires: ${new Date(cert.validTo).toISOString()}`,
    toPem(cert),
  ].join('\n');
}

// lstat: a dangling symlink in the way is in the way too.
const exists = (file: string) =>
  lstat(file).then(
    () => true,
    () => false,
  );

/** A bundle of every public root is a few hundred KB; the backup of a file in the way may be larger than a profile. */
const BACKUP_MAX_BYTES = 64 * 1024 * 1024;

/** Keeps the file in the way under a new, never reused name, with its bytes and mode. */
async function backUp(file: string): Promise<string> {
  const [data, info] = await Promise.all([readUserFile(file, { maxBytes: BACKUP_MAX_BYTES }), stat(file)]);
  return writeBackup((unique) => `${file}.bak-${unique}`, data, info.mode);
}

/**
 * Writes one file atomically, then reads it back: a file is only reported once it holds exactly these
 * bytes. A file already replaced by a later writer (a second export at the same moment) is that
 * writer's to check.
 */
async function writeChecked(file: string, data: string | Buffer): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const ino = await atomicWrite(file, bytes);
  const back = await readUserFile(file, { maxBytes: bytes.length }).catch(() => null);
  if (back?.equals(bytes)) return;
  const now = await stat(file, { bigint: true }).catch(() => null);
  if (now !== null && now.ino !== ino) return;
  throw new Error(`${file} does not read back as written (another program changed it?)`);
}

/**
 * Writes the CA as annotated PEM and as DER, and a combined bundle (public roots + CA) for tools
 * whose setting replaces their default trust. Nothing is replaced without `force`, and then only
 * after a timestamped backup.
 */
/** A further inspection CA's own DER file: named by its fingerprint, so each is told apart and re-exports hit the same name. */
export const otherDerName = (root: X509Certificate) =>
  `corporate-ca-${root.fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase()}.crt`;

export interface CaToWrite {
  root: X509Certificate;
  intermediates: X509Certificate[];
}

const corporateOf = (ca: CaToWrite, others: readonly CaToWrite[]) =>
  uniqueCertificates([ca, ...others].flatMap((each) => [each.root, ...each.intermediates]));

/** Public roots + every corporate CA, once each. */
const bundleOf = (ca: CaToWrite, others: readonly CaToWrite[], publicRoots: TrustSet) =>
  uniqueCertificates([...publicRoots.entries()].map((e) => e.cert).concat(corporateOf(ca, others)));

/**
 * With several inspectors (one per route or proxy), `others` are written too: `corporate-ca.pem` and the
 * bundle hold every CA, and each further root gets its own DER file beside `corporate-ca.crt`.
 */
export async function writeExport(
  dir: string,
  ca: CaToWrite,
  publicRoots: TrustSet,
  options: { force: boolean },
  others: readonly CaToWrite[] = [],
  user: UserCertificates = { sources: [], certs: [] },
): Promise<WrittenExport> {
  const absDir = path.resolve(dir);
  const files: WrittenFiles = {
    caPem: path.join(absDir, EXPORT_FILES.caPem),
    caDer: path.join(absDir, EXPORT_FILES.caDer),
    bundle: path.join(absDir, EXPORT_FILES.bundle),
  };
  const otherDer = others.map((other) => path.join(absDir, otherDerName(other.root)));
  const bundleCerts = bundleOf(ca, others, publicRoots);
  const inBundle = new Set(bundleCerts.map((c) => c.fingerprint256));
  const userOnly = uniqueCertificates(user.certs).filter((c) => !inBundle.has(c.fingerprint256));
  const mergedFile = userOnly.length ? path.join(absDir, EXPORT_FILES.merged) : null;
  await refuseSystemFolder(absDir);
  const existing = [];
  for (const file of [...Object.values(files), ...otherDer, ...(mergedFile ? [mergedFile] : [])])
    if (await exists(file)) existing.push(file);
  const targets = await exportTargets(absDir, existing);
  if (existing.length > 0 && !options.force) throw new ExportConflict(existing);

  await prepareExportDir(absDir);
  const backups: string[] = [];
  // A link to nothing yet holds nothing to keep.
  for (const file of existing) if (await exists(targets.get(file)!)) backups.push(await backUp(file));
  // A symbolic link in the way is written through: its target gets the new content, the link stays.
  const into = (file: string) => targets.get(file) ?? file;

  const corporate = corporateOf(ca, others);
  const named = [ca, ...others].map((each) => oneLineName(each.root.subject)).join('; ');
  const bundleHeader = `# CA Bridge bundle: ${bundleCerts.length - corporate.length} public roots + the corporate CA${others.length ? 's' : ''} (${named}).\n# For tools whose CA setting REPLACES their default trust. Generated ${new Date().toISOString()}.\n\n`;

  await writeChecked(into(files.caPem), corporate.map(annotated).join('\n'));
  await writeChecked(into(files.caDer), ca.root.raw);
  await writeChecked(into(files.bundle), bundleHeader + bundleCerts.map(annotated).join('\n'));
  for (const [index, other] of others.entries()) await writeChecked(into(otherDer[index]!), other.root.raw);
  // The user's certificates first, as their file had them, then the bundle: every root they trusted, and ours.
  if (mergedFile) {
    const mergedHeader = `# CA Bridge merged bundle: the certificates of your own CA file${user.sources.length === 1 ? '' : 's'} (${user.sources.map((f) => f.replace(/[\x00-\x1f\x7f]/g, '?')).join(', ')}) + ${bundleCerts.length - corporate.length} public roots + the corporate CA${others.length ? 's' : ''} (${named}).\n# For the variables that replace your own CA file: no root you trusted is dropped. Generated ${new Date().toISOString()}.\n\n`;
    await writeChecked(into(mergedFile), mergedHeader + [...userOnly, ...bundleCerts].map(annotated).join('\n'));
  }
  return {
    dir: absDir,
    files,
    otherDer,
    backups,
    bundleCount: bundleCerts.length,
    merged: mergedFile
      ? { file: mergedFile, sources: user.sources, certificates: userOnly.length + bundleCerts.length, added: userOnly.length }
      : null,
  };
}

/**
 * The bytes `export --refresh` writes through the ledger (same names as writeExport's): the CA files, the
 * bundle and, when the user has CA files of their own, the merged bundle, built by the same helpers.
 */
export function exportContents(
  ca: CaToWrite,
  publicRoots: TrustSet,
  others: readonly CaToWrite[],
  user: UserCertificates,
  /** Write the merged bundle even when the user's files add nothing (a setting still names it: it must hold the current CAs). */
  keepMerged = false,
) {
  const bundleCerts = bundleOf(ca, others, publicRoots);
  const corporate = corporateOf(ca, others);
  const inBundle = new Set(bundleCerts.map((c) => c.fingerprint256));
  const userOnly = uniqueCertificates(user.certs).filter((c) => !inBundle.has(c.fingerprint256));
  const named = [ca, ...others].map((each) => oneLineName(each.root.subject)).join('; ');
  const stamp = new Date().toISOString();
  const bundleHeader = `# CA Bridge bundle: ${bundleCerts.length - corporate.length} public roots + the corporate CA${others.length ? 's' : ''} (${named}).\n# For tools whose CA setting REPLACES their default trust. Generated ${stamp}.\n\n`;
  const mergedHeader = `# CA Bridge merged bundle: the certificates of your own CA file${user.sources.length === 1 ? '' : 's'} (${user.sources.map((f) => f.replace(/[\x00-\x1f\x7f]/g, '?')).join(', ')}) + ${bundleCerts.length - corporate.length} public roots + the corporate CA${others.length ? 's' : ''} (${named}).\n# For the variables that replace your own CA file: no root you trusted is dropped. Generated ${stamp}.\n\n`;
  return {
    caPem: Buffer.from(corporate.map(annotated).join('\n'), 'utf8'),
    caDer: ca.root.raw,
    bundle: Buffer.from(bundleHeader + bundleCerts.map(annotated).join('\n'), 'utf8'),
    otherDer: others.map((other) => other.root.raw),
    merged:
      userOnly.length || keepMerged ? Buffer.from(mergedHeader + [...userOnly, ...bundleCerts].map(annotated).join('\n'), 'utf8') : null,
    bundleCount: bundleCerts.length,
    mergedInfo:
      userOnly.length || keepMerged
        ? { sources: user.sources, certificates: userOnly.length + bundleCerts.length, added: userOnly.length }
        : null,
  };
}
