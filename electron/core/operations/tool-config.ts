import type { ToolApplyReport, UndoReport } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import type { ExportPaths } from '../../../shared/guidance/render.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { onPath } from '../fs/on-path.js';
import { ProfileError } from '../guidance/profile-file.js';
import { LedgerError, ledgerPath, type LedgerEntry } from '../ledger/ledger-file.js';
import { EnvironmentWriteError, windowsUserEnvironment } from '../guidance/user-environment.js';
import { RegistryError } from '../guidance/windows-registry.js';
import { applyUserEnvironmentRow, USER_ENVIRONMENT_KEY } from '../tool-config/user-environment-row.js';
import { changeRecorded } from '../ledger/record.js';
import { migrateEnvironmentRecord } from '../ledger/environment-record.js';
import { undoRecorded, type UndoOutcome } from '../ledger/undo.js';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { findJdks } from '../guidance/jdks.js';
import { environmentDFile, environmentDLine, FILE_SETTING_ROWS, fileSettingRow } from '../tool-config/file-settings.js';
import { buildJavaStore, JAVA_STORE_PASSWORD } from '../tool-config/java-store.js';
import { exportCas, javaAlias } from '../tool-config/export-cas.js';
import { setLines } from '../tool-config/line-edit.js';
import { addToNssDb, applyNssDb, NssError, userNssDb } from '../tool-config/nssdb.js';
import { firefoxProfiles } from '../tool-config/firefox-profiles.js';
import { LAUNCH_AGENT_LABEL, launchAgentFile, launchAgentPlist } from '../tool-config/launch-agent.js';
import { setVscodeKey, VSCODE_KEY, vscodeSettingsFile } from '../tool-config/vscode-settings.js';
import type { OperationContext } from './context.js';
import type { X509Certificate } from 'node:crypto';
import { isSelfIssued, parseCertificates } from '../cert/x509.js';
import { unexpectedCas } from '../export/run-export.js';
import { readUserFile } from '../fs/read-user-file.js';
import { locateExport } from './export-paths.js';
import { scanSettings } from '../settings/index.js';
import { certificatesIn, fileOnlyCaFiles } from '../guidance/user-ca-files.js';
import { mergedBundlePath } from '../guidance/session-advice.js';

/** Every row `apply --tool` can perform here, in the order they are applied. */
export const APPLIABLE_TOOLS = [
  ...FILE_SETTING_ROWS.map((row) => row.id),
  'java',
  'environment.d',
  'nssdb',
  'firefox',
  'user-environment',
  'launch-agent',
  'vscode',
] as const;

/**
 * Rows applied only when named (and never reported by doctor as "not configured"): the session
 * environments of Windows (what `apply --shell cmd` already offers) and macOS, and VS Code, whose key is
 * already on by default in current releases.
 */
const ONLY_WHEN_NAMED = new Set(['user-environment', 'launch-agent', 'vscode']);

/** The programs whose presence says a row's tool is installed (`--tools installed`). */
const PROGRAM_OF: Record<string, string> = {
  'yarn-4': 'yarn',
  java: 'keytool',
  'environment.d': 'systemctl',
  nssdb: 'chromium',
};

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * The rows whose program is on PATH. Firefox counts only once one of its profiles has a certificate
 * database: a Firefox never started has nothing to configure yet (it creates the database at its first
 * start), and an unattended `apply --tools installed` must not fail on it; the next run picks it up.
 */
export async function installedRows(env: NodeJS.ProcessEnv): Promise<string[]> {
  const found: string[] = [];
  for (const id of APPLIABLE_TOOLS) {
    if (ONLY_WHEN_NAMED.has(id) || !(await onPath(PROGRAM_OF[id] ?? id, env))) continue;
    if (id === 'firefox' && !(await firefoxHasDatabase(env))) continue;
    found.push(id);
  }
  return found;
}

async function firefoxHasDatabase(env: NodeJS.ProcessEnv): Promise<boolean> {
  const profiles = await firefoxProfiles(env).catch(() => []);
  for (const folder of profiles) if (await exists(path.join(folder, 'cert9.db'))) return true;
  return false;
}

/** The roots an export's corporate-ca.pem holds (its self-issued CA certificates; all its CAs when none is). */
async function exportRoots(caPem: string): Promise<X509Certificate[]> {
  const cas = parseCertificates(await readUserFile(caPem, { maxBytes: 8 * 1024 * 1024 })).certs.filter((c) => c.ca);
  const roots = cas.filter(isSelfIssued);
  return roots.length ? roots : cas;
}

const idsOf = (...ids: (string | null)[]) => ids.filter((id): id is string => id !== null);

const asByteText = (text: string) => Buffer.from(text, 'utf8').toString('latin1');

/** A file row's setting written through the ledger. */
export async function writeFileRow(id: string, paths: ExportPaths, ctx: Pick<OperationContext, 'env' | 'platform'>, dryRun: boolean) {
  const row = fileSettingRow(id)!;
  const file = await row.file(ctx.env, ctx.platform);
  const result = await changeRecorded({
    ledger: ledgerPath(ctx.env),
    tool: row.id,
    what: `${row.setting} = ${paths.bundle}`,
    file,
    undo: 'restore-bytes',
    dryRun,
    edit: (text) => {
      const settings = row.lines(paths, text).map((s) => ({ ...s, line: asByteText(s.line) }));
      const next = setLines(text, settings);
      return { text: next, changed: next !== text };
    },
  });
  return { row, result };
}

/**
 * curl's `cacert` line names the user's own CA file: the line apply writes replaces it, so it points at a
 * file holding every certificate of theirs: the bundle when it has them all, else the merged bundle export
 * wrote (when that holds them and the current CAs), else nothing is changed (export again first).
 */
async function curlTarget(paths: ExportPaths, ctx: OperationContext): Promise<ExportPaths> {
  const scan = await scanSettings({ env: ctx.env, cwd: process.cwd(), platform: ctx.platform });
  const [theirs] = fileOnlyCaFiles(scan, process.cwd());
  const merged = mergedBundlePath(paths);
  if (!theirs || theirs.file === paths.bundle || theirs.file === merged) return paths;
  const [mine, bundle, mergedCerts, corporate] = await Promise.all(
    [theirs.file, paths.bundle, merged, paths.ca].map((file) => certificatesIn(file)),
  );
  // Their file cannot be read: nothing to keep is known, so the line is repointed as for any other row.
  if (!mine) return paths;
  const inBundle = new Set((bundle ?? []).map((c) => c.fingerprint256));
  const missing = mine.filter((c) => !inBundle.has(c.fingerprint256));
  if (!missing.length) return paths;
  const inMerged = new Set((mergedCerts ?? []).map((c) => c.fingerprint256));
  if ([...missing, ...(corporate ?? [])].every((c) => inMerged.has(c.fingerprint256))) return { ...paths, bundle: merged };
  throw new ProfileError(
    `${theirs.file} (cacert in ${theirs.because.source.kind === 'file' ? theirs.because.source.file : 'your .curlrc'}) holds roots no exported file has: export again (ca-bridge export --force) so ca-bundle-merged.pem keeps them, then apply --tool curl; nothing was changed`,
  );
}

async function applyFileRow(id: string, paths: ExportPaths, ctx: OperationContext, dryRun: boolean): Promise<ToolApplyReport> {
  const { row, result } = await writeFileRow(id, id === 'curl' ? await curlTarget(paths, ctx) : paths, ctx, dryRun);
  return {
    tool: id,
    where: result.file,
    setting: row.setting,
    changed: result.changed,
    diff: result.diff,
    backup: result.backup,
    admin: false,
    runs: null,
    entries: idsOf(result.entryId),
    error: null,
  };
}

/**
 * Java: the user trust store next to the export, rebuilt from the JDK each time (written through the
 * ledger like any file), and JAVA_TOOL_OPTIONS pointing at it in the Linux desktop session's
 * environment.d (terminals get it from the profile block, apply --shell).
 */
async function applyJava(paths: ExportPaths, ctx: OperationContext, dryRun: boolean): Promise<ToolApplyReport> {
  if (ctx.platform !== 'linux')
    throw new ProfileError(
      'apply --tool java writes JAVA_TOOL_OPTIONS through environment.d, on Linux only so far; elsewhere use apply --shell and snippets --tool java',
    );
  const [jdk] = await findJdks(ctx.env, ctx.platform);
  if (!jdk) throw new ProfileError('no JDK found (JAVA_HOME, or java on PATH): nothing was changed');
  const store = path.join(path.dirname(paths.der), 'java-truststore.p12');
  const cas = await exportCas(paths);
  const bytes = dryRun ? Buffer.alloc(0) : await buildJavaStore(jdk, cas, ctx.env, store);
  const ledger = ledgerPath(ctx.env);
  const storeResult = await changeRecorded({
    ledger,
    tool: 'java',
    what: `Java trust store: ${jdk.cacerts} + ${cas.map(javaAlias).join(', ')}`,
    file: store,
    undo: 'restore-bytes',
    dryRun,
    edit: (text) => (bytes === null ? { text, changed: false } : { text: bytes.toString('latin1'), changed: true }),
  });
  const options = `-Djavax.net.ssl.trustStore="${store}" -Djavax.net.ssl.trustStorePassword=${JAVA_STORE_PASSWORD}`;
  const envResult = await changeRecorded({
    ledger,
    tool: 'java',
    what: `JAVA_TOOL_OPTIONS=${options}`,
    file: environmentDFile(ctx.env),
    undo: 'restore-bytes',
    dryRun,
    edit: (text) => {
      const next = setLines(text, [environmentDLine('JAVA_TOOL_OPTIONS', asByteText(options))]);
      return { text: next, changed: next !== text };
    },
  });
  return {
    tool: 'java',
    where: `${store}, ${envResult.file}`,
    setting: 'a user trust store rebuilt from the JDK, and JAVA_TOOL_OPTIONS in environment.d',
    changed: storeResult.changed || envResult.changed,
    diff: envResult.diff,
    backup: null,
    admin: false,
    runs: 'keytool',
    entries: idsOf(storeResult.entryId, envResult.entryId),
    error: null,
  };
}

/** The Windows user environment (HKCU\Environment), each variable a ledger entry with its type from before. */
async function applyUserEnvironment(paths: ExportPaths, ctx: OperationContext, dryRun: boolean): Promise<ToolApplyReport> {
  if (ctx.platform !== 'win32')
    throw new ProfileError('the Windows user environment exists on Windows only; elsewhere use environment.d or apply --shell');
  const ledger = ledgerPath(ctx.env);
  if (!dryRun) await migrateEnvironmentRecord(ledger);
  const { changes, entries } = await applyUserEnvironmentRow(ledger, paths, windowsUserEnvironment, dryRun);
  const shown = (v: { value: string; type: string } | null) => (v === null ? '(unset)' : `${v.value} (${v.type})`);
  return {
    tool: 'user-environment',
    where: USER_ENVIRONMENT_KEY,
    setting: changes.map((c) => c.name).join(', ') || 'the CA variables',
    changed: changes.length > 0,
    diff: changes.map((c) => `-${c.name}=${shown(c.before)}\n+${c.name}=${shown(c.after)}\n`).join(''),
    backup: null,
    admin: false,
    runs: null,
    entries,
    error: null,
  };
}

/**
 * Firefox (Linux): the CA in every profile's own NSS database (profiles.ini), through certutil and the
 * ledger. A profile Firefox has not started yet has no database; it is left (Firefox creates its own).
 */
async function applyFirefox(paths: ExportPaths, ctx: OperationContext, dryRun: boolean): Promise<ToolApplyReport> {
  if (ctx.platform !== 'linux')
    throw new ProfileError('Firefox profile databases are written on Linux only; elsewhere Firefox can use the system store');
  const profiles = await firefoxProfiles(ctx.env);
  const withDb: string[] = [];
  for (const folder of profiles) if (await exists(path.join(folder, 'cert9.db'))) withDb.push(folder);
  if (withDb.length === 0)
    throw new NssError(
      profiles.length === 0
        ? 'no Firefox profile found (profiles.ini): nothing was changed'
        : 'no Firefox profile has a certificate database yet (start Firefox once): nothing was changed',
    );
  let changed = false;
  const nicknames = new Set<string>();
  const entries: string[] = [];
  const cas = await exportCas(paths);
  for (const folder of withDb)
    for (const ca of cas) {
      const done = await addToNssDb({
        ledger: ledgerPath(ctx.env),
        tool: 'firefox',
        folder,
        caDerFile: ca.der,
        env: ctx.env,
        dryRun,
        mayCreate: false,
      });
      changed ||= done.changed;
      nicknames.add(done.nickname);
      entries.push(...idsOf(done.entryId));
    }
  return {
    tool: 'firefox',
    where: withDb.join(', '),
    setting: `${[...nicknames].map((n) => `CA "${n}"`).join(', ')} trusted for websites`,
    changed,
    diff: '',
    backup: null,
    admin: false,
    runs: 'certutil',
    entries,
    error: null,
  };
}

/** macOS: the LaunchAgent that runs `launchctl setenv` for the CA variables at every login (a file of ours, through the ledger). */
async function applyLaunchAgent(paths: ExportPaths, ctx: OperationContext, dryRun: boolean): Promise<ToolApplyReport> {
  if (ctx.platform !== 'darwin')
    throw new ProfileError('the LaunchAgent is for macOS; on Linux use environment.d, on Windows user-environment');
  const plist = asByteText(launchAgentPlist(paths));
  const result = await changeRecorded({
    ledger: ledgerPath(ctx.env),
    tool: 'launch-agent',
    what: `LaunchAgent ${LAUNCH_AGENT_LABEL} (launchctl setenv at login)`,
    file: launchAgentFile(ctx.env),
    undo: 'restore-bytes',
    dryRun,
    edit: (text) => ({ text: plist, changed: text !== plist }),
  });
  return {
    tool: 'launch-agent',
    where: result.file,
    setting: 'launchctl setenv for the CA variables at every login (next login)',
    changed: result.changed,
    diff: result.diff,
    backup: null,
    admin: false,
    runs: null,
    entries: idsOf(result.entryId),
    error: null,
  };
}

/** VS Code: `"http.systemCertificatesNode": true` in the user settings.json (JSON with comments), through the ledger. */
async function applyVscode(ctx: OperationContext, dryRun: boolean): Promise<ToolApplyReport> {
  const result = await changeRecorded({
    ledger: ledgerPath(ctx.env),
    tool: 'vscode',
    what: `"${VSCODE_KEY}": true in VS Code's user settings.json`,
    file: vscodeSettingsFile(ctx.env, ctx.platform),
    undo: 'restore-bytes',
    dryRun,
    edit: (text) => {
      const next = setVscodeKey(text);
      return { text: next, changed: next !== text };
    },
  });
  return {
    tool: 'vscode',
    where: result.file,
    setting: `"${VSCODE_KEY}": true (the operating system's store for VS Code's Node requests)`,
    changed: result.changed,
    diff: result.diff,
    backup: null,
    admin: false,
    runs: null,
    entries: idsOf(result.entryId),
    error: null,
  };
}

export async function applyRow(id: string, paths: ExportPaths, ctx: OperationContext, dryRun: boolean): Promise<ToolApplyReport> {
  const failed = (error: Error): ToolApplyReport => ({
    tool: id,
    where: '',
    setting: '',
    changed: false,
    diff: '',
    backup: null,
    admin: false,
    runs: null,
    entries: [],
    error: error.message,
  });
  try {
    if (id === 'java') return await applyJava(paths, ctx, dryRun);
    if (id === 'user-environment') return await applyUserEnvironment(paths, ctx, dryRun);
    if (id === 'firefox') return await applyFirefox(paths, ctx, dryRun);
    if (id === 'launch-agent') return await applyLaunchAgent(paths, ctx, dryRun);
    if (id === 'vscode') return await applyVscode(ctx, dryRun);
    if (id !== 'nssdb') return await applyFileRow(id, paths, ctx, dryRun);
    if (ctx.platform !== 'linux') return failed(new Error('the user NSS database is what Chrome and Chromium use on Linux only'));
    // One entry per exported CA, each named by its fingerprint and recorded (and undone) on its own.
    const done = [];
    for (const ca of await exportCas(paths)) done.push(await applyNssDb(ledgerPath(ctx.env), ca.der, ctx.env, dryRun));
    return {
      tool: id,
      where: userNssDb(ctx.env),
      setting: `${done.map((d) => `CA "${d.nickname}"`).join(', ')} trusted for websites`,
      changed: done.some((d) => d.changed),
      diff: '',
      backup: null,
      admin: false,
      runs: 'certutil',
      entries: done.flatMap((d) => idsOf(d.entryId)),
      error: null,
    };
  } catch (error) {
    if (
      error instanceof ProfileError ||
      error instanceof NssError ||
      error instanceof LedgerError ||
      error instanceof RegistryError ||
      error instanceof EnvironmentWriteError
    )
      return failed(error);
    throw error;
  }
}

/** `apply --tool …`: each row's persistent setting, written through the ledger; one failing row does not stop the others. */
export async function applyToolsOperation(
  input: ValidInput<'applyTools'>,
  ctx: OperationContext,
): Promise<Result<{ tools: ToolApplyReport[]; ledger: string }>> {
  const unknown = input.tools.filter((t) => t !== 'installed' && !(APPLIABLE_TOOLS as readonly string[]).includes(t));
  if (unknown.length > 0)
    return fail(
      'bad-input',
      `tools: no such row to apply: ${unknown.join(', ')} (one of: ${APPLIABLE_TOOLS.join(', ')}, or installed)`,
      'tools',
    );
  const located = await locateExport(input.dir);
  if (!located.ok) return located;
  // --expect-fingerprint: the export's CA must be one the user expects, checked before anything is written.
  const unexpected = unexpectedCas<{ tools: ToolApplyReport[]; ledger: string }>(
    await exportRoots(located.value.ca),
    input.expectFingerprints,
  );
  if (unexpected) return unexpected;
  let ids = input.tools.filter((t) => t !== 'installed');
  if (input.tools.includes('installed')) {
    ids = [...ids, ...(await installedRows(ctx.env))];
  }
  const ordered = APPLIABLE_TOOLS.filter((id) => ids.includes(id));
  const reports: ToolApplyReport[] = [];
  for (const id of ordered) reports.push(await applyRow(id, located.value, ctx, input.dryRun ?? false));
  return ok({ tools: reports, ledger: ledgerPath(ctx.env) });
}

const whereOf = (change: LedgerEntry['change']) =>
  change.kind === 'file'
    ? change.path
    : change.kind === 'nssdb'
      ? change.db
      : change.kind === 'export'
        ? change.dir
        : `${change.key}\\${change.name}`;

/** With a registry value left because it changed since: what it held before CA Bridge's change (the user merges by hand). */
const previousOf = (o: UndoOutcome) =>
  o.kind === 'changed-since' && o.entry.change.kind === 'registry'
    ? o.entry.change.before === null
      ? '(unset)'
      : `${o.entry.change.before.value} (${o.entry.change.before.type})`
    : null;

const toReport = (o: UndoOutcome): UndoReport => ({
  tool: o.entry.tool,
  what: o.entry.what,
  where: whereOf(o.entry.change),
  outcome: o.kind,
  keptBefore: o.kind === 'changed-since' ? o.keptBefore : null,
  error: o.kind === 'failed' ? o.error : null,
  previous: previousOf(o),
  reenables: o.kind === 'restored' || o.kind === 'would-undo' ? (o.entry.reenables ?? null) : null,
});

/** `revert --all` / `revert --tool NAME`: undoes what the ledger recorded, newest first. */
export async function undoChangesOperation(
  input: ValidInput<'undoChanges'>,
  ctx: OperationContext,
): Promise<Result<{ undone: UndoReport[]; ledger: string }>> {
  if (!input.all && !input.tools?.length && !input.entries?.length)
    return fail('bad-input', 'say what to undo: --all, --tool NAME or --entry ID', 'all', { key: 'undo-what', params: {} });
  const ledger = ledgerPath(ctx.env);
  try {
    // A record older versions kept for apply --shell cmd becomes ledger entries first: revert --all undoes it too.
    if (!input.dryRun) await migrateEnvironmentRecord(ledger);
    const outcomes = await undoRecorded(
      ledger,
      (e) => Boolean(input.all) || (input.tools ?? []).includes(e.tool) || (input.entries ?? []).includes(e.id),
      input.dryRun ?? false,
      ctx.env,
    );
    return ok({ undone: outcomes.map(toReport), ledger });
  } catch (error) {
    if (error instanceof LedgerError || error instanceof NssError) return fail('write-failed', error.message);
    throw error;
  }
}
