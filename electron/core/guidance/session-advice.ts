import type { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { envVarValues, type ExportPaths } from '../../../shared/guidance/render.js';
import type { SettingFinding, SettingsScan } from '../../../shared/settings.js';
import { isSelfIssued, parseCertificates } from '../cert/x509.js';
import { readUserFile } from '../fs/read-user-file.js';

/**
 * A variable the session snippet adds because a setting of the user's outranks the shared block for a
 * tool (npm's `cafile` in an npmrc wins over NODE_EXTRA_CA_CERTS). It points at the bundle, so it is
 * added only when the bundle holds every root the user's own file trusted: a root the user trusted is
 * never dropped.
 */
export interface SessionOverride {
  name: string;
  value: string;
  because: SettingFinding;
}

/** An outranking setting the snippet cannot safely beat: the user's file trusts roots the bundle lacks, or could not be read. */
export interface BlockedOverride {
  name: string;
  because: SettingFinding;
  /** Subjects of the user's roots missing from the bundle; empty when the file could not be read. */
  missingRoots: string[];
  unreadable: boolean;
}

export interface SessionAdvice {
  /** Every variable the session snippet sets, as `snippets` prints them: the shared block plus the overrides. */
  vars: Record<string, string>;
  overrides: SessionOverride[];
  blocked: BlockedOverride[];
}

/** Which variable beats each outranking trust setting, per tool family (the environment outranks every npmrc level). */
const OVERRIDE_FOR: Readonly<Record<string, string>> = { npm: 'NPM_CONFIG_CAFILE' };

const CA_FILE_MAX_BYTES = 4 * 1024 * 1024;

async function rootsIn(file: string): Promise<X509Certificate[] | null> {
  try {
    return parseCertificates(await readUserFile(file, { maxBytes: CA_FILE_MAX_BYTES, timeoutMs: 5_000 })).certs.filter(isSelfIssued);
  } catch {
    return null;
  }
}

/**
 * The session snippet for this machine: the shared block, plus NPM_CONFIG_CAFILE where an npmrc `cafile`
 * (or `ca`) would make npm ignore NODE_EXTRA_CA_CERTS and the bundle keeps every root that file trusted.
 * `bundle` is the export's ca-bundle.pem, parsed.
 */
export async function sessionAdvice(
  paths: ExportPaths,
  scan: SettingsScan,
  bundle: readonly X509Certificate[],
  cwd: string,
): Promise<SessionAdvice> {
  const vars = envVarValues(paths);
  const overrides: SessionOverride[] = [];
  const blocked: BlockedOverride[] = [];
  const inBundle = new Set(bundle.map((c) => c.fingerprint256));
  for (const finding of scan.findings) {
    if (finding.effect !== 'trust-file' || !finding.outranksAdvice) continue;
    const family = finding.tools.map((t) => OVERRIDE_FOR[t]).find(Boolean);
    // A variable of the user's (npm_config_cafile in any case) is replaced under its own name: npm reads
    // these case-insensitively, and two spellings would leave which one wins to the environment's order.
    const name = family && finding.source.kind === 'env' ? finding.source.name : family;
    if (!name || overrides.some((o) => o.name === name) || blocked.some((b) => b.name === name)) continue;
    // npm's `ca` holds certificates inline: nothing to compare against a file, so it is never overridden blindly.
    const roots = finding.setting === 'cafile' ? await rootsIn(path.resolve(cwd, finding.value)) : null;
    if (!roots) {
      blocked.push({ name, because: finding, missingRoots: [], unreadable: true });
      continue;
    }
    const missing = roots.filter((c) => !inBundle.has(c.fingerprint256));
    if (missing.length)
      blocked.push({ name, because: finding, missingRoots: missing.map((c) => c.subject.replace(/\n/g, ', ')), unreadable: false });
    else overrides.push({ name, value: paths.bundle, because: finding });
  }
  for (const o of overrides) vars[o.name] = o.value;
  return { vars, overrides, blocked };
}
