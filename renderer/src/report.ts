import type { TFunction } from 'i18next';
import type { EnvironmentInfo, ProvenConfiguration, ToolOutcome, VerifyOutcome } from '../../shared/api/results.js';
import type { DetectionResult, InspectionCa, TargetReport } from '../../shared/detection.js';
import { dominantError } from '../../shared/dominant-error.js';
import { MESSAGES } from '../../shared/i18n/index.js';
import { toolSettingSentences } from '../../shared/verify-words.js';
import { targetKey, type FlowState } from './flow.js';
import { causeWords, siteReasonText } from './reason-words.js';

/** Markdown table cells: a pipe or a line break from a certificate name must not break the table. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
/** Data inside prose (a fingerprint, a setting's name): a code span, so a ticket system keeps it exact. */
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export interface ReportInput {
  detection: DetectionResult;
  environment: EnvironmentInfo | null;
  /** The verdict sentence exactly as the page shows it. */
  verdictText: string;
  lang: string;
  version: string;
  /** The last Verify run and what the user tried (the flow's record); nothing the user typed. */
  verified?: FlowState['verified'];
  tried?: FlowState['tried'];
}

const siteLine = (t: TFunction, x: TargetReport) =>
  `| ${cell(targetKey(x))} | ${cell(t(`status.${x.status}`))} | ${cell(x.error ? siteReasonText(t, x.error) : (x.chain[0]?.issuer ?? ''))} |`;

/** What IT is asked to do, worded for what was found: the fingerprint to confirm, the file to send, the proxy to name. */
function requests(t: TFunction, d: DetectionResult, verified: FlowState['verified'] | undefined): string[] {
  const ca = d.inspectionCa;
  const asks: string[] = [];
  const failed = verified?.outcome.tools.filter((x) => x.result === 'fail' || x.result === 'proxy-auth') ?? [];
  if (failed.length) asks.push(t('report.request.verifyFailed', { tools: failed.map((x) => x.name).join(t('report.listSeparator')) }));
  if (d.verdict === 'inconclusive') asks.push(t('report.request.inconclusive'));
  else if (d.verdict === 'clean') asks.push(t('report.request.clean'));
  else if (ca?.source === 'trust-store' && ca.fingerprint256)
    asks.push(t('report.request.confirm', { fingerprint: code(ca.fingerprint256) }));
  else if (ca?.source === 'presented-chain' && ca.fingerprint256)
    asks.push(t('report.request.untrusted', { fingerprint: code(ca.fingerprint256) }));
  else if (ca) asks.push(t('report.request.notFound', { subject: ca.subject }));
  return asks.map((ask) => `- ${ask}`);
}

function network(t: TFunction, d: DetectionResult): string[] {
  const source = d.proxySource;
  const auth = dominantError(d)?.proxyAuth;
  return [
    `- **${t('report.proxy')}**: ${d.proxy ?? t('result.direct')}`,
    ...(source
      ? [
          `- **${t('report.proxySource')}**: ${t(`proxyFrom.${source.kind}`)}${source.detail && source.kind !== 'option' ? ` ${code(source.detail)}` : ''}`,
        ]
      : []),
    // A 407: the sign-in methods the proxy offered and why CA Bridge did not get through (never a user name or password).
    ...(auth
      ? [
          `- **${t('report.proxySignIn')}**: ${auth.offered.length ? auth.offered.join(', ') : t('report.none')} — ${t(`proxyAuthProblem.${auth.problem}`)}`,
        ]
      : []),
  ];
}

function verdict(t: TFunction, d: DetectionResult, verdictText: string): string[] {
  const main = dominantError(d);
  const words = main ? causeWords(t, main) : null;
  return [
    `- ${verdictText}`,
    // The catalogue's confidence sentence names itself ("Confidence: high — …"): no second label in front of it.
    ...(d.confidence ? [`- ${t(`confidence.${d.confidence.reason}`)}`] : []),
    // "Cannot identify" only means something once inspection is seen: the same rule and words as the page.
    ...(d.vendor || d.inspectionCa ? [`- **${t('report.vendor')}**: ${d.vendor?.name ?? t('result.unknownVendor')}`] : []),
    ...(words ? [`- **${t('report.cause')}**: ${words.cause}`] : []),
    ...(words?.next ? [`- **${t('report.next')}**: ${words.next}`] : []),
  ];
}

function caFacts(t: TFunction, ca: InspectionCa, lang: string): string[] {
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang);
  const validity = ca.notAfter
    ? ca.notBefore
      ? t('report.validRange', { from: date(ca.notBefore), until: date(ca.notAfter) })
      : t('report.validUntil', { until: date(ca.notAfter) })
    : null;
  return [
    `- **${t('report.subject')}**: ${ca.subject}`,
    `- **${t('report.fingerprint')}**: ${ca.fingerprint256 ? code(ca.fingerprint256) : t('report.none')}`,
    ...(validity ? [`- **${t('report.validity')}**: ${validity}`] : []),
    `- **${t('report.source')}**: ${t(`source.${ca.source}`)}`,
    // A store or file name; for a chain the proxy sent, the engine's location is an English sentence the page does not show either.
    ...(ca.location && ca.source === 'trust-store' ? [`- **${t('report.location')}**: ${code(ca.location)}`] : []),
  ];
}

/** One tool's cause in the report's language: the sign-in it could not do, the setting it rests on, or the tool's own message. */
function toolCause(t: TFunction, x: ToolOutcome, lang: string, provenKind?: ProvenConfiguration['kind']): string {
  if (x.proxyAuth)
    return t(x.proxyAuth.held ? 'verify.toolProxyHeld' : 'verify.toolProxyAuth', {
      proxy: x.proxyAuth.proxy,
      schemes: x.proxyAuth.offered.join(t('relay.listSeparator')),
    });
  const sentences = toolSettingSentences(x, MESSAGES[lang === 'ja' ? 'ja' : 'en'].verifySettings, provenKind);
  const own = x.error && x.result !== 'pass' ? code(x.error.split('\n')[0]!.slice(0, 200)) : '';
  return [...sentences, own].filter(Boolean).join(' ');
}

function verifyPart(t: TFunction, verified: NonNullable<FlowState['verified']>, lang: string): string[] {
  const v: VerifyOutcome = verified.outcome;
  const ran = v.tools.filter((x) => x.result !== 'not-found');
  const routes = v.routes ?? [];
  const several = routes.length > 1;
  return [
    `### ${t('report.verifyTitle')}`,
    '',
    `- **${t('report.verifyAt')}**: ${new Date(verified.at).toLocaleString(lang)}`,
    `- ${v.cause ? t(`verifyCause.${v.cause}`) : t('verify.allPassed')}`,
    ...(several
      ? [
          `- ${t('verify.toolRoutes', { count: routes.length })}`,
          ...routes.map(
            (r) =>
              `  - ${r.ca ? t('verify.route', { route: r.route, site: r.site, ca: r.ca.subject }) : t('verify.routeClean', { route: r.route, site: r.site })}`,
          ),
        ]
      : v.toolTarget
        ? [`- ${t('verify.toolTarget', { site: v.toolTarget })}`]
        : []),
    '',
    `| ${t('report.tool')} | ${t('report.setting')} | ${t('report.result')} | ${t('report.toolCause')} |`,
    '|---|---|---|---|',
    ...ran.map((x) => {
      // Several routes: the result on each, so IT sees which inspector's CA a tool still lacks.
      const perRoute = several
        ? (x.routes ?? []).map((r) => `${t('verify.toolRoute', { route: r.route, site: r.site })} ${t(`outcome.${r.result}`)}`)
        : [];
      const result = [t(`outcome.${x.result}`), ...perRoute].join('; ');
      return `| ${cell(x.name)} | ${cell(code(x.setting))} | ${cell(result)} | ${cell(toolCause(t, x, lang, v.proven?.kind))} |`;
    }),
    '',
  ];
}

/**
 * "Copy report for IT", built around what a help desk needs: the request first, then what was checked
 * and when, the network, the verdict worded once, the CA with its fingerprint and validity, Verify per
 * tool with causes, and what the user already tried — in the user's language, as Markdown that pastes
 * into a ticket. Never a credential: the engine reports the proxy's address redacted, and no typed
 * value (user name, password) is read here.
 */
export function reportMarkdown(t: TFunction, input: ReportInput): string {
  const { detection: d, environment: env, lang } = input;
  const ca = d.inspectionCa;
  const lines = [
    `## ${t('report.title')}`,
    '',
    t('report.intro'),
    '',
    `### ${t('report.requestTitle')}`,
    '',
    ...requests(t, d, input.verified),
    '',
    `### ${t('report.checkedTitle')}`,
    '',
    `- **${t('report.when')}**: ${new Date(d.startedAt).toLocaleString(lang)}`,
    `- **${t('report.sitesChecked')}**: ${d.targets.length}`,
    `- **${t('report.version')}**: ${input.version}`,
    `- **${t('report.os')}**: ${env ? t(`os.${env.platform}`) : t('report.none')}`,
    '',
    `### ${t('report.networkTitle')}`,
    '',
    ...network(t, d),
    '',
    `### ${t('report.verdictTitle')}`,
    '',
    ...verdict(t, d, input.verdictText),
    '',
  ];
  if (ca) lines.push(`### ${t('report.ca')}`, '', ...caFacts(t, ca, lang), '');
  // Several inspectors: IT needs every CA and the route it sits on, not only the first.
  for (const other of (d.inspectionCas ?? []).filter((c) => !c.primary)) {
    lines.push(
      `### ${t('report.ca')}: ${t('result.caRoute')} ${other.routes.map((r) => (r === 'DIRECT' ? t('result.direct') : r)).join(', ')}`,
      '',
      ...caFacts(t, other, lang),
      `- **${t('report.sites')}**: ${other.sites.map((site) => `${site.host}:${site.port}`).join(', ')}`,
      '',
    );
  }
  if (input.verified) lines.push(...verifyPart(t, input.verified, lang));
  const tried = input.tried ?? [];
  lines.push(
    `### ${t('report.triedTitle')}`,
    '',
    ...(tried.length ? tried.map((x) => `- ${t(`tried.${x}`)}`) : [`- ${t('report.triedNone')}`]),
    '',
  );
  lines.push(
    `### ${t('report.sitesTitle')}`,
    '',
    `| ${t('report.site')} | ${t('report.status')} | ${t('report.issuer')} |`,
    '|---|---|---|',
  );
  lines.push(...d.targets.map((x) => siteLine(t, x)), '');
  if (d.evidence.length) {
    lines.push(`### ${t('report.evidence')}`, '');
    lines.push(...d.evidence.map((e) => `- ${t(`evidence.${e.kind}`)}${e.hosts.length ? `: ${e.hosts.join(', ')}` : ''}`), '');
  }
  return lines.join('\n');
}
