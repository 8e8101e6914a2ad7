import type { X509Certificate } from 'node:crypto';
import { copyFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { oneLineName, toPem } from '../cert/x509.js';
import type { TrustSet } from '../trust/trust-set.js';
import { prepareExportDir } from './prepare-dir.js';

export const EXPORT_FILES = { caPem: 'corporate-ca.pem', caDer: 'corporate-ca.crt', bundle: 'ca-bundle.pem' } as const;

/** Files already in the way: the caller decides (the CLI asks for --force). */
export class ExportConflict extends Error {
  constructor(readonly existing: string[]) {
    super(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to replace (a timestamped backup is kept)`,
    );
  }
}

export interface ExportPaths {
  caPem: string;
  caDer: string;
  bundle: string;
}

export interface WrittenExport {
  dir: string;
  files: ExportPaths;
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

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );
const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

/** Write-then-rename, so a reader never sees half a file and a crash never leaves one. */
async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await writeFile(temp, data, { mode: 0o644 });
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

/**
 * Writes the CA as annotated PEM and as DER, and a combined bundle (public roots + CA) for tools
 * whose setting replaces their default trust. Nothing is replaced without `force`, and then only
 * after a timestamped backup.
 */
export async function writeExport(
  dir: string,
  ca: { root: X509Certificate; intermediates: X509Certificate[] },
  publicRoots: TrustSet,
  options: { force: boolean },
): Promise<WrittenExport> {
  const absDir = path.resolve(dir);
  const files: ExportPaths = {
    caPem: path.join(absDir, EXPORT_FILES.caPem),
    caDer: path.join(absDir, EXPORT_FILES.caDer),
    bundle: path.join(absDir, EXPORT_FILES.bundle),
  };
  const existing = [];
  for (const file of Object.values(files)) if (await exists(file)) existing.push(file);
  if (existing.length > 0 && !options.force) throw new ExportConflict(existing);

  await prepareExportDir(absDir, existing);
  const backups: string[] = [];
  for (const file of existing) {
    const backup = `${file}.bak-${stamp()}`;
    await copyFile(file, backup);
    backups.push(backup);
  }

  const corporate = [ca.root, ...ca.intermediates];
  const seen = new Set<string>();
  const bundleCerts = [...publicRoots.entries()]
    .map((e) => e.cert)
    .concat(corporate)
    .filter((c) => !seen.has(c.fingerprint256) && seen.add(c.fingerprint256));
  const bundleHeader = `# CA Bridge bundle: ${bundleCerts.length - corporate.length} public roots + the corporate CA (${oneLineName(ca.root.subject)}).\n# For tools whose CA setting REPLACES their default trust. Generated ${new Date().toISOString()}.\n\n`;

  await writeAtomic(files.caPem, corporate.map(annotated).join('\n'));
  await writeAtomic(files.caDer, ca.root.raw);
  await writeAtomic(files.bundle, bundleHeader + bundleCerts.map(annotated).join('\n'));
  return { dir: absDir, files, backups, bundleCount: bundleCerts.length };
}
