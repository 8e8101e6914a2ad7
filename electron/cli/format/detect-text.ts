import { proxyAdviceText } from './proxy-advice-text.js';
import { proxyCredentialLines } from './proxy-credentials-text.js';
import { proxyNoteText, proxySourceText } from './proxy-source-text.js';
import type {
  Confidence,
  DetectionResult,
  HttpAnswer,
  InspectionCaReport,
  TargetReport,
  TrustStoreDiagnostics,
} from '../../../shared/detection.js';
import { formatTarget } from '../../../shared/targets.js';

const SOURCE_TEXT = {
  'trust-store': 'in the OS trust store',
  'presented-chain': 'sent by the proxy, NOT in the OS trust store',
  'not-found': 'not found: neither sent by the proxy nor in the OS trust store',
} as const;

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const yesNo = (value: boolean | undefined) => (value ? 'yes' : 'no');

/** What a finished target looks like in the progress stream. */
export function progressLine(target: TargetReport, done: number, total: number): string {
  const what = target.error ? `${target.error.code}: ${target.error.message}` : `issuer ${target.chain[0]?.issuer ?? '?'}`;
  return `[${done}/${total}] ${pad(formatTarget(target), 28)} ${pad(target.status, 9)} ${pad(`${target.timings.totalMs} ms`, 8)} ${what}`;
}

const STATUS_WIDTH = 'unreachable-via-proxy'.length;

/** What the proxy's own page said, in its own words (already escaped network text). */
const proxyPage = (http: HttpAnswer | null | undefined) =>
  http?.squidError
    ? `X-Squid-Error: ${http.squidError}`
    : http?.proxyStatus
      ? `Proxy-Status: ${http.proxyStatus}`
      : `HTTP ${http?.status ?? '?'} from ${http?.server ?? 'the proxy'}`;

function targetDetail(t: TargetReport): string {
  if (t.error) return t.error.message;
  if (t.status === 'unreachable-via-proxy')
    return `unreachable through the proxy: it answered with its own error page (${proxyPage(t.http)})`;
  if (t.status === 'name-mismatch' || t.hostnameMatches === false) {
    const names = t.chain[0]?.subjectAltNames.slice(0, 3).join(', ') || t.chain[0]?.subject || '?';
    return `certificate for another name (${names}), issuer ${t.chain[0]?.issuer ?? '?'}`;
  }
  return t.chain[0]?.issuer ?? '';
}

function targetRow(t: TargetReport): string {
  const publicRoots = t.error ? '-' : yesNo(t.publicRoots?.trusted);
  const trustStore = t.error ? '-' : yesNo(t.trustStore?.trusted);
  const columns = [
    pad(formatTarget(t), 28),
    pad(t.status, STATUS_WIDTH),
    pad(publicRoots, 7),
    pad(trustStore, 7),
    pad(String(t.timings.totalMs), 6),
  ];
  return `  ${columns.join(' ')} ${targetDetail(t)}`;
}

const CONFIDENCE_TEXT: Record<Confidence['reason'], string> = {
  'several-sites': 'several unrelated sites agree',
  'one-known-site-trust-store': 'only one site answered, a well-known site re-signed by a CA of the OS store',
  'one-site': 'only one site answered; add internal sites you can reach to confirm',
  'too-few-reachable': 'too few sites answered',
};

function caLines(ca: InspectionCaReport, index: number): string[] {
  const lines = [`  ${index + 1}. ${ca.subject}${ca.primary ? ' (primary)' : ''}`];
  if (ca.fingerprint256) lines.push(`     SHA-256:  ${ca.fingerprint256}`);
  lines.push(`     Found:    ${SOURCE_TEXT[ca.source]}${ca.location ? ` (${ca.location})` : ''}`);
  for (const route of ca.routes) {
    const sites = ca.sites.filter((site) => site.route === route).map((site) => formatTarget(site));
    lines.push(`     Route ${route}: ${sites.join(', ')}`);
  }
  return lines;
}

const STORE_STATE = {
  ok: 'read',
  partial: 'read, with problems',
  unreadable: 'COULD NOT BE READ: chains cannot be matched to it',
} as const;

/** The trust store's own state, as each reader reported it (mkcert style). */
function trustStoreLines(store: TrustStoreDiagnostics): string[] {
  const lines = [
    `Trust store: ${store.backend}, ${STORE_STATE[store.state]} (${store.anchors} anchors, ${store.intermediates} intermediates)`,
    ...store.sources.map((source) => `  from:     ${source}`),
    ...store.problems.map((p) => `  problem:  ${p.source}: ${p.reason}`),
  ];
  if (store.problemCount > store.problems.length) lines.push(`  … and ${store.problemCount - store.problems.length} more problems`);
  return lines;
}

export function detectionText(result: DetectionResult): string {
  const lines = ['', `Verdict: ${result.verdict.toUpperCase()}`, `  ${result.summary}`];
  if (result.confidence) lines.push(`Confidence: ${result.confidence.level} (${CONFIDENCE_TEXT[result.confidence.reason]})`);
  if (result.vendor) lines.push(`Vendor: ${result.vendor.name} (issuer matches "${result.vendor.matched}")`);
  const ca = result.inspectionCa;
  if (ca) {
    lines.push(`Inspection CA: ${ca.subject}`);
    if (ca.fingerprint256) lines.push(`  SHA-256:  ${ca.fingerprint256}`);
    if (ca.notAfter) lines.push(`  Expires:  ${ca.notAfter}`);
    lines.push(`  Found:    ${SOURCE_TEXT[ca.source]}${ca.location ? ` (${ca.location})` : ''}`);
  }
  const cas = result.inspectionCas ?? [];
  if (cas.length > 1) {
    lines.push(`Inspection CAs: ${cas.length} different CAs re-sign sites; tools need every one (export writes each trusted one)`);
    cas.forEach((each, index) => lines.push(...caLines(each, index)));
  }
  // A PAC file that could not be used is not "no proxy": the line says the connection went direct because of it.
  const pacUnusable = result.proxySource?.notes.some((n) => n.code === 'pac-unusable');
  const none = pacUnusable ? 'none: the PAC file could not be used, so direct connections (as browsers do)' : 'none (direct connection)';
  lines.push(`Proxy: ${result.proxy ?? none}${result.proxySource ? ` (from ${proxySourceText(result.proxySource)})` : ''}`);
  for (const note of result.proxySource?.notes ?? []) lines.push(`  note: ${proxyNoteText(note)}`);
  lines.push(...proxyCredentialLines(result.proxyCredentials));
  const routed = result.targets.filter((t) => t.proxyRoute);
  if (routed.length) {
    lines.push('Routes chosen by the PAC file:');
    for (const t of routed) lines.push(`  ${pad(`${t.host}:${t.port}`, 28)} ${t.proxyRoute}`);
  }
  lines.push(...trustStoreLines(result.trustStore));
  if (result.evidence.length > 0) {
    lines.push('Evidence:');
    for (const item of result.evidence) lines.push(`  - ${item.message}${item.hosts.length ? `: ${item.hosts.join(', ')}` : ''}`);
  }
  lines.push(
    'Targets:',
    `  ${pad('site', 28)} ${pad('status', STATUS_WIDTH)} ${pad('public', 7)} ${pad('store', 7)} ${pad('ms', 6)} issuer / error`,
  );
  lines.push(...result.targets.map(targetRow));
  if (result.proxyAdvice?.length) lines.push('', ...proxyAdviceText(result.proxyAdvice));
  return lines.join('\n') + '\n';
}
