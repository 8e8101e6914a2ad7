import { stat } from 'node:fs/promises';
import type { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { envVarValues, type ExportPaths } from '../../../shared/guidance/render.js';
import type { SettingFinding, SettingsScan } from '../../../shared/settings.js';
import { EXPORT_FILES } from '../export/write.js';
import { certificatesIn, userCaFiles } from './user-ca-files.js';

/** A CA file that is not there (as opposed to one that cannot be read: that one may hold roots). */
const absent = (file: string) =>
  stat(file).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT' || error.code === 'ENOTDIR',
  );

/**
 * A variable the session snippet sets differently from the shared block because of a CA file of the
 * user's: added because the setting outranks the shared block (npm's `cafile` in an npmrc wins over
 * NODE_EXTRA_CA_CERTS), or pointed at the merged bundle because the file it replaces holds roots the
 * bundle lacks (`keeps`). Either way the file it points at holds every certificate of the user's file.
 */
export interface SessionOverride {
  name: string;
  value: string;
  because: SettingFinding;
  /** `outranks`: added to beat the user's setting; `keeps`: pointed at the merged bundle to keep the user's roots. */
  reason: 'outranks' | 'keeps';
}

/** A setting of the user's the snippet cannot safely beat: the user's file trusts roots no exported file holds, or could not be read. */
export interface BlockedOverride {
  name: string;
  because: SettingFinding;
  /** Subjects of the user's certificates missing from the bundle (and from any merged bundle); empty when the file could not be read. */
  missingRoots: string[];
  unreadable: boolean;
}

export interface SessionAdvice {
  /** Every variable the session snippet sets, as `snippets` prints them: the shared block plus the overrides. */
  vars: Record<string, string>;
  overrides: SessionOverride[];
  blocked: BlockedOverride[];
  /**
   * The shared block's variables whose line changes on this machine (renderEnvBlock's `values`): the merged
   * bundle, or null where the user's file holds roots no exported file has (the line is left out, so their own value stays).
   */
  blockValues: Record<string, string | null>;
}

/** Where export writes the bundle that also holds the user's own CA files (export/write.ts). */
export const mergedBundlePath = (paths: ExportPaths) => path.join(path.dirname(paths.bundle), EXPORT_FILES.merged);

/**
 * The session snippet for this machine: the shared block, plus NPM_CONFIG_CAFILE where an npmrc `cafile`
 * would make npm ignore NODE_EXTRA_CA_CERTS, and each variable that replaces a CA file of the user's
 * pointed at a file holding every certificate of it: the bundle when it has them all, else the merged
 * bundle export wrote (user's certificates + bundle), else nothing (blocked, named). `bundle` is the
 * export's ca-bundle.pem, parsed.
 */
export async function sessionAdvice(
  paths: ExportPaths,
  scan: SettingsScan,
  bundle: readonly X509Certificate[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<SessionAdvice> {
  const vars = envVarValues(paths);
  const overrides: SessionOverride[] = [];
  const blocked: BlockedOverride[] = [];
  const blockValues: Record<string, string | null> = {};
  const inBundle = new Set(bundle.map((c) => c.fingerprint256));
  const mergedFile = mergedBundlePath(paths);
  let merged: Promise<Set<string> | null> | null = null;
  const inMerged = () => (merged ??= mergedCovering(mergedFile, paths.ca));
  for (const user of userCaFiles(scan, env, cwd, vars)) {
    // npm's `ca` holds certificates inline: nothing to compare against a file, so it is never overridden blindly.
    const certs = user.file === null ? null : await certificatesIn(user.file);
    if (!certs && user.file !== null && (await absent(user.file))) {
      // A CA file that does not exist holds no root to keep: the setting is broken, and the advice replaces it.
      if (!user.shared) overrides.push({ name: user.variable, value: paths.bundle, because: user.because, reason: 'outranks' });
      continue;
    }
    if (!certs) {
      blocked.push({ name: user.variable, because: user.because, missingRoots: [], unreadable: true });
      if (user.shared) blockValues[user.variable] = null;
      continue;
    }
    const missing = certs.filter((c) => !inBundle.has(c.fingerprint256));
    if (!missing.length) {
      // The bundle keeps them all: the shared value stands, and a variable the block lacks points at the bundle.
      if (!user.shared) overrides.push({ name: user.variable, value: paths.bundle, because: user.because, reason: 'outranks' });
      continue;
    }
    const mergedHas = await inMerged();
    const stillMissing = missing.filter((c) => !mergedHas?.has(c.fingerprint256));
    if (stillMissing.length) {
      blocked.push({
        name: user.variable,
        because: user.because,
        missingRoots: stillMissing.map((c) => c.subject.replace(/\n/g, ', ')),
        unreadable: false,
      });
      if (user.shared) blockValues[user.variable] = null;
    } else {
      overrides.push({ name: user.variable, value: mergedFile, because: user.because, reason: user.shared ? 'keeps' : 'outranks' });
      if (user.shared) blockValues[user.variable] = mergedFile;
    }
  }
  for (const o of overrides) vars[o.name] = o.value;
  for (const [name, value] of Object.entries(blockValues)) if (value === null) delete vars[name];
  return { vars, overrides, blocked, blockValues };
}

/**
 * The fingerprints in the merged bundle, when it holds every certificate of the export's corporate-ca.pem
 * (an older merged bundle made for another CA is no use); null when it is absent or stale.
 */
async function mergedCovering(file: string, caPem: string): Promise<Set<string> | null> {
  const [merged, corporate] = await Promise.all([certificatesIn(file), certificatesIn(caPem)]);
  if (!merged || !corporate?.length) return null;
  const has = new Set(merged.map((c) => c.fingerprint256));
  return corporate.every((c) => has.has(c.fingerprint256)) ? has : null;
}
