import path from 'node:path';
import type { RefreshOutcome, ToolApplyReport } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { exportOutcome, planExport, userCertificates } from '../export/run-export.js';
import { pathExists } from '../fs/path-exists.js';
import { EXPORT_FILES, exportContents, otherDerName } from '../export/write.js';
import { ProfileError } from '../guidance/profile-file.js';
import { LedgerError, readLedger, settle, type NssChange } from '../ledger/ledger-file.js';
import { changeRecorded } from '../ledger/record.js';
import { entriesInEffect } from '../status/configured.js';
import { exportLedger, latestExport, recordExport } from '../status/export-record.js';
import { NssError, undoNssEntry } from '../tool-config/nssdb.js';
import type { OperationContext } from './context.js';
import { applyRow } from './tool-config.js';

/**
 * `export --refresh`: the CA the network presents now, written into the folder the ledger records (same
 * file names, so every variable and tool setting pointing there keeps working), each file through the
 * ledger's byte-exact path (atomic, read back, a backup kept, undone by `revert`). Then the persistent
 * steps that copied the old CA are run again: the Java trust store is rebuilt, the NSS database gets the
 * new CA and loses the copies of CAs no longer exported. System stores are never written by CA Bridge.
 */
export async function refreshExportOperation(input: ValidInput<'refreshExport'>, ctx: OperationContext): Promise<Result<RefreshOutcome>> {
  const ledger = exportLedger(ctx.env);
  if (!ledger) return fail('missing-export', 'no export is recorded (no HOME): run "ca-bridge export --out DIR" first', 'dir');
  let entries;
  try {
    entries = (await readLedger(ledger)).entries;
  } catch (error) {
    if (error instanceof LedgerError) return fail('write-failed', error.message);
    throw error;
  }
  const record = latestExport(entries);
  if (!record) return fail('missing-export', `no export is recorded in ${ledger}: run "ca-bridge export --out DIR" first`, 'dir');
  const stored = ctx.detections.get(input.detectionId);
  if (!stored) return fail('no-detection', 'that check is no longer known: run it again', 'detectionId');
  // An expected fingerprint is the user's (or the fleet script's) word for exactly that CA: it stands for
  // --accept-untrusted, and every CA to be written must be one of them (planExport refuses otherwise).
  const plan = planExport({
    trust: stored.trust,
    detection: stored.detection,
    acceptUntrusted: Boolean(input.expectFingerprints?.length),
    expectFingerprints: input.expectFingerprints,
  });
  if (!plan.ok) return plan;
  const { ca, trusted } = plan.value;
  const dir = record.change.dir;
  const files = {
    caPem: path.join(dir, EXPORT_FILES.caPem),
    caDer: path.join(dir, EXPORT_FILES.caDer),
    bundle: path.join(dir, EXPORT_FILES.bundle),
  };
  const otherDer = trusted.map((other) => path.join(dir, otherDerName(other.root)));
  // The user's own CA files stay in the merged bundle, as export keeps them.
  const user = await userCertificates(dir, { env: ctx.env, cwd: process.cwd(), platform: ctx.platform });
  // A merged bundle already in the folder never keeps the old CA: rewritten while a setting of the user's
  // names it (it then holds the current CAs, and their own roots if any), removed (through the ledger) otherwise.
  const mergedPath = path.join(dir, EXPORT_FILES.merged);
  const namesMerged = (user.named ?? []).some((file) => path.resolve(file) === mergedPath);
  const contents = exportContents(ca, stored.trust.publicRoots, trusted, user, namesMerged && (await pathExists(mergedPath)));
  const mergedFile = contents.merged ? mergedPath : null;
  const staleMerged = !mergedFile && (await pathExists(mergedPath)) ? mergedPath : null;
  const writes: [string, Buffer | null][] = [
    [files.caPem, contents.caPem],
    [files.caDer, contents.caDer],
    [files.bundle, contents.bundle],
    ...otherDer.map((file, index): [string, Buffer] => [file, contents.otherDer[index]!]),
    ...(mergedFile ? [[mergedFile, contents.merged!] as [string, Buffer]] : []),
    ...(staleMerged ? [[staleMerged, null] as [string, null]] : []),
  ];
  const backups: string[] = [];
  try {
    for (const [file, bytes] of writes) {
      const written = await changeRecorded({
        ledger,
        tool: 'export',
        what: bytes
          ? `export --refresh: ${path.basename(file)} (${ca.root.fingerprint256})`
          : `export --refresh: removed ${path.basename(file)} (no setting needs it; it held the CA exported before)`,
        file,
        undo: 'restore-bytes',
        dryRun: false,
        backupFile: true,
        edit: (text) => {
          if (bytes === null) return { text: null, changed: text !== null };
          const next = bytes.toString('latin1');
          return { text: next, changed: next !== text };
        },
      });
      if (written.backup) backups.push(written.backup);
    }
  } catch (error) {
    if (error instanceof ProfileError || error instanceof LedgerError) return fail('write-failed', error.message);
    throw error;
  }
  const outcome = exportOutcome(plan.value, {
    dir,
    files,
    otherDer,
    backups,
    bundleCount: contents.bundleCount,
    merged: mergedFile && contents.mergedInfo ? { file: mergedFile, ...contents.mergedInfo } : null,
  });
  await recordExport(ledger, outcome, 'export --refresh');

  // The persistent copies of the CA that the ledger holds, made again from the new files.
  const paths = { ca: files.caPem, bundle: files.bundle, der: files.caDer };
  const inEffect = entriesInEffect(entries);
  const steps: ToolApplyReport[] = [];
  if (inEffect.some((e) => e.tool === 'java' && e.change.kind === 'file' && e.change.path.endsWith('.p12')))
    steps.push(await applyRow('java', paths, ctx, false));
  const nss = inEffect.filter((e) => e.change.kind === 'nssdb');
  const retired: RefreshOutcome['retired'] = [];
  if (nss.length > 0) {
    const added = await applyRow('nssdb', paths, ctx, false);
    steps.push(added);
    // Only once the new CA is in: the copies of CAs the export no longer holds are taken out.
    const keep = new Set(
      outcome
        .otherCas!.map((o) => o.fingerprint256)
        .concat(outcome.ca.fingerprint256)
        .map((f) => f.replace(/:/g, '').toLowerCase()),
    );
    if (added.error === null)
      for (const entry of nss) {
        const change = entry.change as NssChange;
        if (keep.has(change.sha256)) continue;
        try {
          await undoNssEntry(change, ctx.env);
          await settle(ledger, entry.id, 'reverted');
          retired.push({ tool: entry.tool, where: change.db, what: change.nickname });
        } catch (error) {
          if (!(error instanceof NssError)) throw error;
          steps.push({ ...added, changed: false, error: error.message });
        }
      }
  }
  ctx.log.log('info', `export --refresh: ${outcome.ca.fingerprint256} into ${dir}; ${steps.length} steps again`);
  return ok({ export: outcome, previous: record.change.fingerprints, steps, retired, ledger });
}
