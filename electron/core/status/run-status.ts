import { X509Certificate } from 'node:crypto';
import type { DetectionResult, TargetReport } from '../../../shared/detection.js';
import {
  EXPIRY_WARNING_DAYS,
  STATUS_PRECEDENCE,
  statusExitCode,
  type StatusCa,
  type StatusFinding,
  type StatusReport,
} from '../../../shared/status.js';
import { isSelfIssued, oneLineName, parseCertificates } from '../cert/x509.js';
import { runDoctor } from '../doctor/doctor.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import type { Ledger } from '../ledger/ledger-file.js';
import { findPath } from '../trust/chain.js';
import type { StoreContents } from '../trust/stores/types.js';
import { TrustSet } from '../trust/trust-set.js';
import { checkConfigured, entriesInEffect } from './configured.js';
import { latestExport, type ExportEntry } from './export-record.js';
import { checkMergedBundle } from './merged-bundle.js';

/**
 * `ca-bridge status`: is what CA Bridge set up still working? Offline it reads the ledger and the files
 * (export, tool settings, NSS entries, the doctor's scan); online it also compares the CA the network
 * presents now with the exported one. The exit code is the contract of shared/status.ts (docs/status.md).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const siteOf = (t: { host: string; port: number }) => `${t.host}:${t.port}`;

const caOf = (cert: X509Certificate): StatusCa => ({
  subject: oneLineName(cert.subject),
  fingerprint256: cert.fingerprint256,
  notAfter: new Date(cert.validTo).toISOString(),
});

interface ExportState {
  findings: StatusFinding[];
  /** The exported roots as found in the files (by the recorded fingerprints), and every CA certificate there. */
  roots: X509Certificate[];
  certs: X509Certificate[];
}

/** The recorded export's files: there, readable, and still holding the CAs recorded. */
async function checkExport(record: ExportEntry, now: Date): Promise<ExportState> {
  const findings: StatusFinding[] = [];
  const certs: X509Certificate[] = [];
  for (const file of record.change.files) {
    try {
      const bytes = await readUserFile(file, { maxBytes: 8 * 1024 * 1024 });
      // The bundle is the public roots plus the CA: only the CA files say which CA the export holds.
      if (!file.endsWith('ca-bundle.pem')) certs.push(...parseCertificates(bytes).certs);
    } catch (error) {
      const missing = error instanceof UserFileError && error.problem === 'not-found';
      findings.push({
        problem: 'config-broken',
        tool: 'export',
        place: 'export-file',
        where: file,
        why: missing ? 'missing' : 'unreadable',
      });
    }
  }
  const roots: X509Certificate[] = [];
  for (const fingerprint of record.change.fingerprints) {
    const cert = certs.find((c) => c.fingerprint256 === fingerprint);
    if (cert) roots.push(cert);
  }
  // Every file there but a recorded CA gone from them: the folder was written over by something else.
  if (roots.length < record.change.fingerprints.length && findings.length === 0)
    findings.push({ problem: 'config-broken', tool: 'export', place: 'export-file', where: record.change.dir, why: 'other-ca' });
  for (const root of roots) {
    const daysLeft = Math.floor((new Date(root.validTo).getTime() - now.getTime()) / DAY_MS);
    if (daysLeft < EXPIRY_WARNING_DAYS) findings.push({ problem: 'ca-expiring', ca: caOf(root), daysLeft });
  }
  return { findings, roots, certs: certs.filter((c) => c.ca) };
}

const chainOf = (target: TargetReport) => target.chain.map((c) => new X509Certificate(c.pem));

/** The CA the detection names for a site (several inspectors: the one that re-signed it). */
function networkCaFor(detection: DetectionResult, target: TargetReport): StatusCa {
  const report =
    (detection.inspectionCas ?? []).find((ca) => ca.sites.some((s) => s.host === target.host && s.port === target.port)) ??
    detection.inspectionCa;
  if (report) return { subject: oneLineName(report.subject), fingerprint256: report.fingerprint256, notAfter: report.notAfter };
  const top = target.chain.at(-1);
  return { subject: oneLineName(top ? new X509Certificate(top.pem).issuer : ''), fingerprint256: null, notAfter: null };
}

/** Inspected sites whose chain no longer leads to a CA of the export: the inspection CA changed since. */
function changedCa(detection: DetectionResult, state: ExportState, store: StoreContents): StatusFinding | null {
  const anchors = new TrustSet(
    'the export',
    state.roots.map((cert) => ({ cert, source: 'export' })),
  );
  const intermediates = new TrustSet('the export and the store', [
    ...state.certs.filter((c) => !isSelfIssued(c)).map((cert) => ({ cert, source: 'export' })),
    ...store.intermediates.entries(),
  ]);
  const current = new Map<string, StatusCa & { sites: string[] }>();
  for (const target of detection.targets.filter((t) => t.status === 'inspected')) {
    if (findPath(chainOf(target), anchors, intermediates).anchor) continue;
    const ca = networkCaFor(detection, target);
    const key = ca.fingerprint256 ?? ca.subject;
    const seen = current.get(key) ?? { ...ca, sites: [] };
    seen.sites.push(siteOf(target));
    current.set(key, seen);
  }
  return current.size === 0 ? null : { problem: 'ca-changed', exported: state.roots.map(caOf), current: [...current.values()] };
}

export interface StatusInputs {
  ledger: Ledger;
  env: NodeJS.ProcessEnv;
  cwd: string;
  platform: NodeJS.Platform;
  /** The detection of this run, with the store it was judged with; null with --offline. */
  network: { detection: DetectionResult; store: StoreContents } | null;
  ledgerFile: string;
  now?: Date;
}

export async function runStatus(inputs: StatusInputs): Promise<StatusReport> {
  const now = inputs.now ?? new Date();
  const record = latestExport(inputs.ledger.entries);
  const inEffect = entriesInEffect(inputs.ledger.entries);
  const user = { env: inputs.env, cwd: inputs.cwd, platform: inputs.platform };
  const [exportState, brokenPlaces, doctor, mergedBroken] = await Promise.all([
    record ? checkExport(record, now) : null,
    checkConfigured(inEffect, record?.change.fingerprints ?? null, inputs.env),
    // Only what switches verification off is status's business; tools not configured are the doctor's.
    runDoctor({ env: inputs.env, cwd: inputs.cwd, platform: inputs.platform }, inputs.ledgerFile, []),
    record ? checkMergedBundle(record, inputs.ledger.entries, user) : [],
  ]);
  const findings: StatusFinding[] = [...(exportState?.findings ?? []), ...mergedBroken, ...brokenPlaces];
  for (const f of doctor.findings.filter((d) => d.kind === 'verification-off'))
    findings.push({
      problem: 'verification-off',
      tools: f.tools,
      setting: f.setting,
      value: f.value,
      where: !f.source ? '' : f.source.kind === 'env' ? f.source.name : `${f.source.file}:${f.source.line}`,
    });
  let network: StatusReport['network'] = null;
  if (inputs.network) {
    const { detection, store } = inputs.network;
    const of = (status: string) => detection.targets.filter((t) => t.status === status).map(siteOf);
    const inspected = of('inspected');
    network = {
      checked: detection.targets.some((t) => t.status === 'inspected' || t.status === 'clean'),
      inspected,
      clean: of('clean'),
      unreachable: detection.targets.filter((t) => t.status !== 'inspected' && t.status !== 'clean').map(siteOf),
    };
    const changed = exportState ? changedCa(detection, exportState, store) : null;
    if (changed) findings.unshift(changed);
    if (inspected.length > 0 && !record && inEffect.length === 0) findings.push({ problem: 'not-configured', inspectedSites: inspected });
  }
  const order = (f: StatusFinding) => STATUS_PRECEDENCE.indexOf(f.problem);
  findings.sort((a, b) => order(a) - order(b));
  const problems = STATUS_PRECEDENCE.filter((p) => findings.some((f) => f.problem === p));
  return {
    code: statusExitCode(problems, network !== null && !network.checked),
    problems,
    findings,
    export: record
      ? {
          dir: record.change.dir,
          at: record.at,
          cas: exportState!.roots.length
            ? exportState!.roots.map(caOf)
            : record.change.fingerprints.map((f) => ({ subject: '', fingerprint256: f, notAfter: null })),
          files: record.change.files,
        }
      : null,
    network,
    detectionId: inputs.network?.detection.id ?? null,
    configuredChecked: inEffect.length + (record ? 1 : 0),
    at: now.toISOString(),
  };
}
