import type { UnreadSettingsFile } from '../../../shared/settings.js';
import path from 'node:path';
import type { DoctorFinding } from '../../../shared/api/results.js';
import type { SettingFinding } from '../../../shared/settings.js';
import { parseCertificates } from '../cert/x509.js';
import { readUserFile, readUserText, UserFileError } from '../fs/read-user-file.js';
import { settingLines } from '../settings/settings-lines.js';
import { VSCODE_KEY, vscodeSettingsFile } from '../tool-config/vscode-settings.js';
import { readLedger } from '../ledger/ledger-file.js';
import { scanSettings, type ScanPlace } from '../settings/index.js';
import { caVariables, type CaVariable } from './ca-variables.js';

/**
 * `ca-bridge doctor`: a read-only look at every place the catalogue's tools read their TLS settings
 * (the settings scanner of electron/core/settings does the reading), turned into findings:
 *  - verification switched off (strict-ssl=false, http.sslVerify false, NODE_TLS_REJECT_UNAUTHORIZED=0 …);
 *  - a CA setting pointing at a file that is missing, unreadable, holds no certificate, or only expired ones;
 *  - a tool installed here whose CA setting is in none of its places (nor recorded in the ledger).
 */

const CA_FILE_MAX_BYTES = 8 * 1024 * 1024;

/** A path as a setting writes it: quotes taken off, `~/` from HOME. */
function pathOf(value: string, env: NodeJS.ProcessEnv, base: string): string {
  const bare = value
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/^'(.*)'$/, '$1');
  const home = env.HOME ?? env.USERPROFILE ?? '';
  const expanded = bare.startsWith('~/') && home ? path.join(home, bare.slice(2)) : bare;
  return path.resolve(base, expanded);
}

type CaFileProblem = 'ca-file-missing' | 'ca-file-unreadable' | 'ca-file-no-certificate' | 'ca-file-expired';

/** What is wrong with a CA file a setting names; null when it holds at least one certificate valid today. */
async function caFileProblem(file: string, now: Date): Promise<CaFileProblem | null> {
  let bytes: Buffer;
  try {
    bytes = await readUserFile(file, { maxBytes: CA_FILE_MAX_BYTES });
  } catch (error) {
    return error instanceof UserFileError && error.problem === 'not-found' ? 'ca-file-missing' : 'ca-file-unreadable';
  }
  const { certs } = parseCertificates(bytes);
  if (certs.length === 0) return 'ca-file-no-certificate';
  return certs.some((c) => new Date(c.validTo) > now && new Date(c.validFrom) <= now) ? null : 'ca-file-expired';
}

const fromSetting = (f: SettingFinding, kind: DoctorFinding['kind'], severity: DoctorFinding['severity']): DoctorFinding => ({
  kind,
  severity,
  tools: f.tools,
  setting: f.setting,
  value: f.value,
  source: f.source,
});

/**
 * VS Code's CA setting: `"http.systemCertificatesNode": true` in the user settings.json (what
 * `apply --tool vscode` writes) makes its Node requests trust the OS store, where the CA is.
 */
async function vscodeUsesSystemCertificates(place: ScanPlace): Promise<boolean> {
  const text = await readUserText(vscodeSettingsFile(place.env, place.platform), { maxBytes: 1024 * 1024, timeoutMs: 5_000 }).catch(
    () => '',
  );
  return settingLines('vscode-json', text).some((l) => l.key === VSCODE_KEY && l.value === 'true');
}

export interface DoctorScan {
  findings: DoctorFinding[];
  unread: UnreadSettingsFile[];
  /** Tools with a CA setting whose file holds a certificate valid today (the first condition of --fix). */
  caInPlace: Set<string>;
  /** The CA variables in the environment and the user's profiles (a proof runs with those a new shell gets). */
  variables: CaVariable[];
}

export async function runDoctor(place: ScanPlace, ledgerFile: string, installed: readonly string[], now = new Date()): Promise<DoctorScan> {
  const scan = await scanSettings(place);
  const findings: DoctorFinding[] = [];
  for (const f of scan.findings) if (f.effect === 'verification-off') findings.push(fromSetting(f, 'verification-off', 'high'));
  const caInPlace = new Set<string>();
  for (const f of scan.findings) {
    if (f.effect !== 'trust-file') continue;
    const base = f.source.kind === 'file' ? path.dirname(f.source.file) : place.cwd;
    const problem = await caFileProblem(pathOf(f.value, place.env, base), now);
    if (problem) findings.push(fromSetting(f, problem, 'medium'));
    else for (const tool of f.tools) caInPlace.add(tool);
  }
  // The CA variables (environment, profiles): in place when their file is good, a finding when it is not.
  const variables = await caVariables(place);
  for (const v of variables) {
    const base = v.source.kind === 'file' ? path.dirname(v.source.file) : place.cwd;
    const problem = await caFileProblem(pathOf(v.value, place.env, base), now);
    if (problem)
      findings.push({ kind: problem, severity: 'medium', tools: [...v.tools], setting: v.name, value: v.value, source: v.source });
    else for (const tool of v.tools) caInPlace.add(tool);
  }
  if (await vscodeUsesSystemCertificates(place)) caInPlace.add('vscode');
  const { entries } = await readLedger(ledgerFile);
  const applied = new Set(entries.filter((e) => e.state === 'done').map((e) => e.tool));
  const configured = new Set([
    ...scan.findings.filter((f) => f.effect === 'trust-file').flatMap((f) => f.tools as string[]),
    ...variables.flatMap((v) => v.tools),
  ]);
  for (const tool of installed)
    if (!configured.has(tool) && !applied.has(tool))
      findings.push({
        kind: 'not-configured',
        severity: 'info',
        tools: [tool] as DoctorFinding['tools'],
        setting: '',
        value: '',
        source: null,
      });
  return { findings, unread: scan.unread, caInPlace, variables };
}
