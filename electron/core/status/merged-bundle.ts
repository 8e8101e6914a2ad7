import path from 'node:path';
import type { StatusFinding } from '../../../shared/status.js';
import { userCertificates } from '../export/run-export.js';
import { EXPORT_FILES } from '../export/write.js';
import { pathExists } from '../fs/path-exists.js';
import { certificatesIn } from '../guidance/user-ca-files.js';
import type { LedgerEntry } from '../ledger/ledger-file.js';
import type { ExportEntry } from './export-record.js';

type Broken = Extract<StatusFinding, { problem: 'config-broken' }>;

/**
 * The merged bundle (ca-bundle-merged.pem: the user's own roots + the bundle) of the recorded export.
 * Needed when a CA file a setting of the user's names holds certificates the bundle lacks, or when a
 * setting names the merged bundle itself; then it must be there and readable, hold every CA the export
 * records and no CA an earlier export held that this one does not (an old corporate CA after a renewal),
 * and still hold each of the user's roots. One `config-broken` finding (exit 13) per problem, tool
 * `export`, place `export-file`: `missing`, `unreadable`, `other-ca` or `roots-missing`.
 */
export async function checkMergedBundle(
  record: ExportEntry,
  entries: readonly LedgerEntry[],
  user: { env: NodeJS.ProcessEnv; cwd: string; platform: NodeJS.Platform },
): Promise<Broken[]> {
  const dir = record.change.dir;
  const file = path.join(dir, EXPORT_FILES.merged);
  const broken = (why: Broken['why']): Broken[] => [{ problem: 'config-broken', tool: 'export', place: 'export-file', where: file, why }];
  const [mine, bundle, exists] = await Promise.all([
    userCertificates(dir, user),
    certificatesIn(path.join(dir, EXPORT_FILES.bundle)),
    pathExists(file),
  ]);
  const inBundle = new Set((bundle ?? []).map((c) => c.fingerprint256));
  const roots = mine.certs.filter((c) => !inBundle.has(c.fingerprint256));
  const named = (mine.named ?? []).some((f) => path.resolve(f) === file);
  if (!exists) return roots.length || named ? broken('missing') : [];
  const merged = await certificatesIn(file);
  if (!merged) return broken('unreadable');
  const holds = new Set(merged.map((c) => c.fingerprint256));
  const current = new Set(record.change.fingerprints);
  // CAs of earlier exports (the ledger's older records) that the recorded one no longer holds.
  const retired = entries.flatMap((e) =>
    e.change.kind === 'export' && e !== record ? e.change.fingerprints.filter((f) => !current.has(f)) : [],
  );
  const found: Broken[] = [];
  if (![...current].every((f) => holds.has(f)) || retired.some((f) => holds.has(f))) found.push(...broken('other-ca'));
  if (roots.some((c) => !holds.has(c.fingerprint256))) found.push(...broken('roots-missing'));
  return found;
}
