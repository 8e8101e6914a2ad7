import os from 'node:os';
import path from 'node:path';
import type { ExportOutcome } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { fail, failAt, type Result } from '../../../shared/result.js';
import type { TrustInputs } from '../detect.js';
import { importCaFile, runExport } from '../export/run-export.js';
import { loadPublicRoots } from '../trust/public-roots.js';
import { TrustSet } from '../trust/trust-set.js';
import type { OperationContext } from './context.js';
import { readLedger } from '../ledger/ledger-file.js';
import { exportLedger, recordExport } from '../status/export-record.js';

/** Trust for an export without a detection: the public roots for the bundle; no store is consulted. */
async function importOnlyTrust(publicRootsFile: string | undefined): Promise<TrustInputs> {
  return {
    publicRoots: await loadPublicRoots(publicRootsFile),
    store: {
      backend: 'none',
      anchors: new TrustSet('no trust store'),
      intermediates: new TrustSet('no intermediate store'),
      sources: [],
      problems: [],
    },
  };
}

/** Writes the CA of the named detection (or the file IT handed out) into a folder, with the bundle. */
export async function exportCaOperation(input: ValidInput<'exportCa'>, ctx: OperationContext): Promise<Result<ExportOutcome>> {
  const ledger = exportLedger(ctx.env);
  // A ledger that cannot be read is said before anything is written (its message names the file).
  if (ledger) {
    const readable = await readLedger(ledger).then(
      () => null,
      (error: Error) => error,
    );
    if (readable) return fail('write-failed', readable.message);
  }
  const imported = input.fromFile ? await importCaFile(input.fromFile) : null;
  if (imported && !imported.ok) return failAt(imported.error, 'fromFile');
  const stored = input.detectionId ? ctx.detections.get(input.detectionId) : undefined;
  if (input.detectionId && !stored)
    return fail('no-detection', 'that check is no longer known: run Check again', 'detectionId', { key: 'no-detection-known', params: {} });
  if (!stored && !imported)
    return fail('no-detection', 'run Check first, or import the CA file from IT', undefined, { key: 'no-detection-yet', params: {} });
  const outcome = await runExport({
    // The page has no working directory of its own: a relative folder means one under the user's home
    // (the CLI resolves against its working directory before it gets here).
    outDir: path.resolve(ctx.env.HOME ?? ctx.env.USERPROFILE ?? os.homedir(), input.outDir),
    force: input.force ?? false,
    trust: stored?.trust ?? (await importOnlyTrust(input.publicRootsFile)),
    detection: stored?.detection ?? null,
    imported: imported?.value,
    acceptUntrusted: input.confirmUntrustedFingerprint ?? false,
    expectFingerprints: input.expectFingerprints,
    // The user's own CA files are kept in a merged bundle for the variables that replace them.
    user: { env: ctx.env, cwd: process.cwd(), platform: ctx.platform },
  });
  if (!outcome.ok) return outcome;
  ctx.log.log('info', `export: wrote ${outcome.value.files.caPem} (${outcome.value.ca.fingerprint256})`);
  // Recorded, so status knows what is configured and export --refresh where to write again.
  if (ledger) await recordExport(ledger, outcome.value, 'export');
  return outcome;
}
