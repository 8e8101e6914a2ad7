import type { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { ENV_VARS } from '../../../shared/guidance/env-vars.js';
import { TOOL_GUIDES } from '../../../shared/guidance/tools.js';
import type { ToolId } from '../../../shared/guidance/tool-types.js';
import type { SettingFinding, SettingsScan } from '../../../shared/settings.js';
import { parseCertificates } from '../cert/x509.js';
import { readUserFile } from '../fs/read-user-file.js';

/**
 * A CA file of the user's own that a variable of the session snippet replaces or outranks: the user's
 * own copy of a shared variable (PIP_CERT, REQUESTS_CA_BUNDLE, NODE_EXTRA_CA_CERTS… set in their
 * environment), pip's `cert` and git's `http.sslCAInfo` in a settings file (PIP_CERT and GIT_SSL_CAINFO
 * win over them), and npm's `cafile` at any level (NPM_CONFIG_CAFILE, added by the snippet, wins over it).
 * Whatever the variable then points at must hold every certificate of that file: a root the user
 * trusted is never dropped.
 */
export interface UserCaFile {
  /** The snippet's variable that replaces or outranks the setting. */
  variable: string;
  /** The setting in effect for that tool (the highest-ranking one, as the tool reads them). */
  because: SettingFinding;
  /** The file it names, absolute; null for npm's inline `ca` (certificates in the setting itself). */
  file: string | null;
  /** Whether the shared block sets `variable` already (PIP_CERT) or the snippet adds it (NPM_CONFIG_CAFILE). */
  shared: boolean;
}

/** Which variable beats each file setting that names a CA file, per setting (the environment outranks the tool's files). */
const VARIABLE_FOR_FILE_SETTING: Readonly<Record<string, { variable: string; tool: ToolId }>> = {
  cafile: { variable: 'NPM_CONFIG_CAFILE', tool: 'npm' },
  ca: { variable: 'NPM_CONFIG_CAFILE', tool: 'npm' },
  cert: { variable: 'PIP_CERT', tool: 'pip' },
  'http.sslCAInfo': { variable: 'GIT_SSL_CAINFO', tool: 'git' },
};

/**
 * Variables that also decide a tool's trust over its own setting: pip's vendored requests lets
 * REQUESTS_CA_BUNDLE (which the shared block sets) outrank pip's `cert` and PIP_CERT
 * (requests' Session.merge_environment_settings; seen with pip 23.2 in test/export/verify-settings.test.ts).
 * So when pip's CA file must be kept, REQUESTS_CA_BUNDLE must hold it too.
 */
const ALSO_DECIDED_BY: Readonly<Record<string, readonly string[]>> = { PIP_CERT: ['REQUESTS_CA_BUNDLE'] };

const rowsSetting = (name: string): ToolId[] =>
  TOOL_GUIDES.filter((row) => row.steps.some((s) => s.kind === 'env' && s.shared && s.name === name)).map((row) => row.id);

/**
 * The user's CA files the snippet's variables replace or outrank. `shared` is the shared block's
 * values for this export (envVarValues); a variable of the user's that already names our file is no
 * file of theirs.
 */
export function userCaFiles(scan: SettingsScan, env: NodeJS.ProcessEnv, cwd: string, shared: Record<string, string>): UserCaFile[] {
  const out: UserCaFile[] = [];
  const taken = new Set<string>();
  // The user's own copies of the shared block's file variables: the snippet replaces their value.
  for (const v of ENV_VARS) {
    const theirs = env[v.name];
    if (v.file === null || !theirs || path.resolve(cwd, theirs) === shared[v.name]) continue;
    const because: SettingFinding = {
      effect: 'trust-file',
      tools: rowsSetting(v.name),
      setting: v.name,
      value: theirs.slice(0, 200),
      source: { kind: 'env', name: v.name },
      outranksAdvice: false,
    };
    out.push({ variable: v.name, because, file: path.resolve(cwd, theirs), shared: true });
    taken.add(v.name);
  }
  // Files (and npm's variables): the findings come environment first, then each tool's files from the
  // lowest level to the highest, so the one in effect is the first from the environment, else the last.
  const byVariable = new Map<string, SettingFinding[]>();
  for (const finding of scan.findings) {
    if (finding.effect !== 'trust-file') continue;
    const map = VARIABLE_FOR_FILE_SETTING[finding.source.kind === 'env' ? finding.setting.replace(/^npm_config_/i, '') : finding.setting];
    if (!map || !finding.tools.includes(map.tool)) continue;
    // A variable of the user's (npm_config_cafile in any case) is replaced under its own name: npm reads
    // these case-insensitively, and two spellings would leave which one wins to the environment's order.
    const variable = finding.source.kind === 'env' ? finding.source.name : map.variable;
    const list = byVariable.get(map.variable) ?? [];
    list.push({ ...finding, source: finding.source.kind === 'env' ? { kind: 'env', name: variable } : finding.source });
    byVariable.set(map.variable, list);
  }
  for (const [variable, findings] of byVariable) {
    if (taken.has(variable)) continue;
    const because = findings.find((f) => f.source.kind === 'env') ?? findings[findings.length - 1]!;
    const name = because.source.kind === 'env' ? because.source.name : variable;
    const inline = because.setting === 'ca' || /^npm_config_ca$/i.test(because.setting);
    out.push({ variable: name, because, file: inline ? null : path.resolve(cwd, because.value), shared: name in shared });
  }
  // A variable of the user's own (their REQUESTS_CA_BUNDLE) already decided for that tool, so it is kept as it is above.
  for (const user of [...out])
    for (const also of ALSO_DECIDED_BY[user.variable] ?? [])
      if (!out.some((u) => u.variable === also)) out.push({ ...user, variable: also, shared: also in shared });
  return out;
}

/**
 * CA files a setting names that no variable can beat: curl's `cacert` in a .curlrc (CURL_CA_BUNDLE is read
 * only when nothing else names a file). The snippet cannot keep them; `apply --tool curl` repoints the line,
 * at the merged bundle when the file holds roots the bundle lacks, so export keeps their certificates there.
 * The setting in effect is the last one found (curl reads one .curlrc; a later line wins).
 */
export function fileOnlyCaFiles(scan: SettingsScan, cwd: string): { because: SettingFinding; file: string }[] {
  const curl = scan.findings.filter((f) => f.effect === 'trust-file' && f.setting === 'cacert' && f.source.kind === 'file').at(-1);
  return curl ? [{ because: curl, file: path.resolve(cwd, curl.value) }] : [];
}

/** A corporate image's CA file is a few hundred KB; more is not a CA file. */
const CA_FILE_MAX_BYTES = 4 * 1024 * 1024;

/** Every certificate of a user's CA file (roots and any intermediates), parsed with node:crypto; null when it cannot be read. */
export async function certificatesIn(file: string): Promise<X509Certificate[] | null> {
  try {
    return parseCertificates(await readUserFile(file, { maxBytes: CA_FILE_MAX_BYTES, timeoutMs: 5_000 })).certs;
  } catch {
    return null;
  }
}

/** Certificates once each, by SHA-256 fingerprint, in the order first seen. */
export function uniqueCertificates(certs: readonly X509Certificate[]): X509Certificate[] {
  const seen = new Set<string>();
  return certs.filter((c) => !seen.has(c.fingerprint256) && seen.add(c.fingerprint256));
}
