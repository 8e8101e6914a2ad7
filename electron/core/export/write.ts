import type { X509Certificate } from 'node:crypto';
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { oneLineName, toPem } from '../cert/x509.js';
import { atomicWrite } from '../fs/atomic-write.js';
import { writeBackup } from '../fs/backup.js';
import { readUserFile } from '../fs/read-user-file.js';
import type { TrustSet } from '../trust/trust-set.js';
import { exportTargets, prepareExportDir, refuseSystemFolder } from './prepare-dir.js';

export const EXPORT_FILES = { caPem: 'corporate-ca.pem', caDer: 'corporate-ca.crt', bundle: 'ca-bundle.pem' } as const;

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
): Promise<WrittenExport> {
  const absDir = path.resolve(dir);
  const files: WrittenFiles = {
    caPem: path.join(absDir, EXPORT_FILES.caPem),
    caDer: path.join(absDir, EXPORT_FILES.caDer),
    bundle: path.join(absDir, EXPORT_FILES.bundle),
  };
  const otherDer = others.map((other) => path.join(absDir, otherDerName(other.root)));
  await refuseSystemFolder(absDir);
  const existing = [];
  for (const file of [...Object.values(files), ...otherDer]) if (await exists(file)) existing.push(file);
  const targets = await exportTargets(absDir, existing);
  if (existing.length > 0 && !options.force) throw new ExportConflict(existing);

  await prepareExportDir(absDir);
  const backups: string[] = [];
  // A link to nothing yet holds nothing to keep.
  for (const file of existing) if (await exists(targets.get(file)!)) backups.push(await backUp(file));
  // A symbolic link in the way is written through: its target gets the new content, the link stays.
  const into = (file: string) => targets.get(file) ?? file;

  const contents = exportContents(ca, publicRoots, others);
  await writeChecked(into(files.caPem), contents.caPem);
  await writeChecked(into(files.caDer), contents.caDer);
  await writeChecked(into(files.bundle), contents.bundle);
  for (const [index, der] of contents.otherDer.entries()) await writeChecked(into(otherDer[index]!), der);
  return { dir: absDir, files, otherDer, backups, bundleCount: contents.bundleCount };
}

/** The bytes of an export's files, computed once for `export` and `export --refresh` (which writes them through the ledger). */
export function exportContents(ca: CaToWrite, publicRoots: TrustSet, others: readonly CaToWrite[] = []) {
  const seenCorporate = new Set<string>();
  const corporate = [ca, ...others]
    .flatMap((each) => [each.root, ...each.intermediates])
    .filter((c) => !seenCorporate.has(c.fingerprint256) && seenCorporate.add(c.fingerprint256));
  const seen = new Set<string>();
  const bundleCerts = [...publicRoots.entries()]
    .map((e) => e.cert)
    .concat(corporate)
    .filter((c) => !seen.has(c.fingerprint256) && seen.add(c.fingerprint256));
  const named = [ca, ...others].map((each) => oneLineName(each.root.subject)).join('; ');
  const bundleHeader = `# CA Bridge bundle: ${bundleCerts.length - corporate.length} public roots + the corporate CA${others.length ? 's' : ''} (${named}).\n# For tools whose CA setting REPLACES their default trust. Generated ${new Date().toISOString()}.\n\n`;
  return {
    caPem: Buffer.from(corporate.map(annotated).join('\n'), 'utf8'),
    caDer: ca.root.raw,
    bundle: Buffer.from(bundleHeader + bundleCerts.map(annotated).join('\n'), 'utf8'),
    otherDer: others.map((other) => other.root.raw),
    bundleCount: bundleCerts.length,
  };
}
