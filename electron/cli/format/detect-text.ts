import { proxyAdviceText } from './proxy-advice-text.js';
import { proxyCredentialLines } from './proxy-credentials-text.js';
import { proxyNoteText, proxySourceText } from './proxy-source-text.js';
import type {
  DetectionResult,
  HttpAnswer,
  InspectionCaReport,
  ProbeError,
  TargetReport,
  TrustStoreDiagnostics,
} from '../../../shared/detection.js';
import { dominantError } from '../../../shared/dominant-error.js';
import { counted, fill } from '../../../shared/i18n/fill.js';
import type { Language } from '../../../shared/i18n/language.js';
import { formatTarget } from '../../../shared/targets.js';
import { upstreamFailure } from '../../../shared/upstream-failure.js';
import { messagesFor, type Messages } from '../language.js';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
/** Terminal columns a text takes: a Japanese character takes two. */
export const columnsOf = (text: string) => [...text].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);

/** Pads to a width in terminal columns, so tables line up in Japanese too. */
export function pad(text: string, width: number): string {
  const columns = columnsOf(text);
  return columns >= width ? text : text + ' '.repeat(width - columns);
}

/** A probe error in the user's words: the code's label, with the 407's scheme as data. */
export function reasonText(w: Messages, error: ProbeError): string {
  // mitmproxy's 502 to CONNECT (a name that does not resolve, a closed port) is not a refusal.
  const status = upstreamFailure(error);
  if (status !== null) return fill(w.proxyStatus.reason, { status });
  if (error.code === 'proxy-auth-required' && error.proxyAuth?.problem === 'rejected') {
    const scheme = error.proxyAuth.tried ?? error.params?.scheme ?? '?';
    // RFC 1928's identifier for SOCKS 5's user name and password: that proxy sent no 407.
    return scheme === 'USERNAME/PASSWORD' ? w.cli.detect.socksSignInRejected : fill(w.cli.detect.signInRejected, { scheme });
  }
  return w.reason[error.code] + (error.params?.scheme ? ` (${error.params.scheme})` : '');
}

/** What a finished target looks like in the progress stream. */
export function progressLine(w: Messages, target: TargetReport, done: number, total: number): string {
  const what = target.error ? reasonText(w, target.error) : fill(w.cli.detect.issuer, { issuer: target.chain[0]?.issuer ?? '?' });
  return `[${done}/${total}] ${pad(formatTarget(target), 28)} ${pad(w.cli.detect.status[target.status], 22)} ${pad(`${target.timings.totalMs} ms`, 8)} ${what}`;
}

/** What the proxy's own page said, in its own words (already escaped network text). */
const proxyPage = (w: Messages, http: HttpAnswer | null | undefined) =>
  http?.squidError
    ? `X-Squid-Error: ${http.squidError}`
    : http?.proxyStatus
      ? `Proxy-Status: ${http.proxyStatus}`
      : fill(w.cli.detect.proxyAnswer, { status: http?.status ?? '?', server: http?.server ?? w.cli.detect.theProxy });

function targetDetail(w: Messages, t: TargetReport): string {
  if (t.error) return reasonText(w, t.error);
  if (t.status === 'unreachable-via-proxy') return fill(w.cli.detect.viaProxyPage, { page: proxyPage(w, t.http) });
  if (t.status === 'name-mismatch' || t.hostnameMatches === false) {
    const names = t.chain[0]?.subjectAltNames.slice(0, 3).join(', ') || t.chain[0]?.subject || '?';
    return fill(w.cli.detect.otherName, { names, issuer: t.chain[0]?.issuer ?? '?' });
  }
  return t.chain[0]?.issuer ?? '';
}

function caLines(w: Messages, ca: InspectionCaReport, index: number): string[] {
  const d = w.cli.detect;
  const lines = [`  ${index + 1}. ${ca.subject}${ca.primary ? d.caPrimary : ''}`];
  if (ca.fingerprint256) lines.push(`     SHA-256:  ${ca.fingerprint256}`);
  lines.push(fill(d.caFound, { value: `${d.caSource[ca.source]}${ca.location ? ` (${ca.location})` : ''}` }));
  for (const route of ca.routes) {
    const sites = ca.sites.filter((site) => site.route === route).map((site) => formatTarget(site));
    lines.push(fill(d.caRoute, { route, sites: sites.join(', ') }));
  }
  return lines;
}

function targetRow(w: Messages, t: TargetReport): string {
  const yesNo = (value: boolean | undefined) => (value ? w.cli.detect.yes : w.cli.detect.no);
  const detail = targetDetail(w, t);
  const publicRoots = t.error ? '-' : yesNo(t.publicRoots?.trusted);
  const trustStore = t.error ? '-' : yesNo(t.trustStore?.trusted);
  const columns = [
    pad(formatTarget(t), 28),
    pad(w.cli.detect.status[t.status], 22),
    pad(publicRoots, 7),
    pad(trustStore, 7),
    pad(String(t.timings.totalMs), 6),
  ];
  return `  ${columns.join(' ')} ${detail}`;
}

/** The trust store's own state, as each reader reported it (mkcert style). */
function trustStoreLines(w: Messages, lang: Language, store: TrustStoreDiagnostics): string[] {
  const d = w.cli.detect;
  const lines = [
    fill(d.store, {
      backend: w.cli.storeBackend[store.backend],
      state: d.storeState[store.state],
      anchors: store.anchors,
      intermediates: store.intermediates,
    }),
    ...store.sources.map((source) => fill(d.storeFrom, { source })),
    ...store.problems.map((p) => fill(d.storeProblem, { source: p.source, reason: p.reason })),
  ];
  if (store.problemCount > store.problems.length) lines.push(counted(lang, d.storeMore, store.problemCount - store.problems.length));
  return lines;
}

/** The verdict sentence from the verdict code and the counts (the page's words), never the engine's English summary. */
export function verdictSentence(w: Messages, d: DetectionResult): string {
  const params = {
    vendor: d.vendor?.name ?? '',
    inspected: d.targets.filter((x) => x.status === 'inspected').length,
    clean: d.targets.filter((x) => x.status === 'clean').length,
  };
  if (d.verdict === 'inspected') return fill(d.vendor ? w.verdict.inspected_vendor : w.verdict.inspected, params);
  if (d.verdict === 'partial') return fill(d.vendor ? w.verdict.partial_vendor : w.verdict.partial, params);
  return w.verdict[d.verdict];
}

function proxyLine(w: Messages, result: DetectionResult): string {
  const d = w.cli.detect;
  // "none (direct connection) (from no proxy setting found)" said the same thing twice: one sentence instead.
  // A PAC file that could not be used is not "no proxy": the line says the connection went direct because of it.
  if (!result.proxy && result.proxySource?.notes.some((n) => n.code === 'pac-unusable')) return d.pacUnusable;
  if (!result.proxy && (!result.proxySource || result.proxySource.kind === 'none')) return d.noProxySetting;
  const proxy = result.proxy ?? d.direct;
  return result.proxySource ? fill(d.proxyFrom, { proxy, source: proxySourceText(w, result.proxySource) }) : fill(d.proxy, { proxy });
}

/** Why sites could not be reached, and the step that fixes it, in command-line terms (the page names its own fields). */
function causeLines(w: Messages, result: DetectionResult): string[] {
  const error = dominantError(result);
  return error ? ['', ...errorCauseLines(w, error)] : [];
}

/** One probe error's cause and next step: a 502/504 to CONNECT is "could not reach", never "refused". */
export function errorCauseLines(w: Messages, error: ProbeError): string[] {
  const status = upstreamFailure(error);
  const cause = status === null ? w.cause[error.code] : fill(w.proxyStatus.cause, { status });
  const lines = [fill(w.cli.detect.cause, { cause })];
  if (error.proxyAuth) lines.push(`  ${w.proxyAuthProblem[error.proxyAuth.problem]}`);
  lines.push(fill(w.cli.detect.next, { next: status === null ? w.cli.next[error.code] : w.cli.detect.upstreamNext }));
  return lines;
}

export function detectionText(result: DetectionResult, lang: Language = 'en'): string {
  const w = messagesFor(lang);
  const d = w.cli.detect;
  const lines = ['', fill(d.verdict, { verdict: d.verdictWord[result.verdict] }), `  ${verdictSentence(w, result)}`];
  if (result.confidence) lines.push(`  ${w.confidence[result.confidence.reason]}`);
  if (result.vendor) lines.push(fill(d.vendor, { name: result.vendor.name, matched: result.vendor.matched }));
  const ca = result.inspectionCa;
  if (ca) {
    lines.push(fill(d.ca, { subject: ca.subject }));
    if (ca.fingerprint256) lines.push(fill(d.fingerprint, { value: ca.fingerprint256 }));
    if (ca.notAfter) lines.push(fill(d.expires, { value: ca.notAfter }));
    lines.push(fill(d.found, { value: `${d.caSource[ca.source]}${ca.location ? ` (${ca.location})` : ''}` }));
  }
  const cas = result.inspectionCas ?? [];
  if (cas.length > 1) {
    lines.push(fill(d.cas, { count: cas.length }));
    cas.forEach((each, index) => lines.push(...caLines(w, each, index)));
  }
  lines.push(proxyLine(w, result));
  for (const note of result.proxySource?.notes ?? []) lines.push(fill(d.note, { note: proxyNoteText(w, note) }));
  lines.push(...proxyCredentialLines(w, result.proxyCredentials));
  const routed = result.targets.filter((t) => t.proxyRoute);
  if (routed.length) {
    lines.push(d.routes);
    for (const t of routed) lines.push(`  ${pad(`${t.host}:${t.port}`, 28)} ${t.proxyRoute}`);
  }
  lines.push(...trustStoreLines(w, lang, result.trustStore));
  if (result.evidence.length > 0) {
    lines.push(d.evidence);
    for (const item of result.evidence) lines.push(`  - ${w.evidence[item.kind]}${item.hosts.length ? `: ${item.hosts.join(', ')}` : ''}`);
  }
  const c = d.columns;
  lines.push(d.targets, `  ${pad(c.site, 28)} ${pad(c.status, 22)} ${pad(c.public, 7)} ${pad(c.store, 7)} ${pad(c.ms, 6)} ${c.detail}`);
  lines.push(...result.targets.map((t) => targetRow(w, t)));
  lines.push(...causeLines(w, result));
  if (result.proxyAdvice?.length) lines.push('', ...proxyAdviceText(w, result.proxyAdvice));
  return lines.join('\n') + '\n';
}
