import type { TFunction } from 'i18next';
import type { EnvironmentInfo } from '../../shared/api/results.js';
import type { DetectionResult, TargetReport } from '../../shared/detection.js';
import { dominantError } from './diagnosis.js';
import { targetKey } from './flow.js';

/** Markdown table cells: a pipe or a line break from a certificate name must not break the table. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

const siteLine = (t: TFunction, x: TargetReport) =>
  `| ${cell(targetKey(x))} | ${cell(t(`status.${x.status}`))} | ${cell(
    x.error ? t(`reason.${x.error.code}`) + (x.error.params?.scheme ? ` (${x.error.params.scheme})` : '') : (x.chain[0]?.issuer ?? ''),
  )} |`;

/** A 407: the sign-in methods the proxy offered and why CA Bridge did not get through (never a user name or password). */
function proxySignIn(t: TFunction, d: DetectionResult): string[] {
  const auth = dominantError(d)?.proxyAuth;
  if (!auth) return [];
  const offered = auth.offered.length ? auth.offered.join(', ') : t('report.none');
  return [`- **${t('report.proxySignIn')}**: ${offered} — ${t(`proxyAuthProblem.${auth.problem}`)}`];
}

/**
 * "Copy report for IT": the verdict, each site's evidence, the CA and the proxy (already without
 * credentials: the engine reports the proxy's redacted address), in the user's language, as Markdown
 * that pastes well into a ticket or a chat.
 */
export function reportMarkdown(
  t: TFunction,
  d: DetectionResult,
  env: EnvironmentInfo | null,
  verdictText: string,
  lang: string,
  version: string,
): string {
  const ca = d.inspectionCa;
  const lines = [
    `## ${t('report.title')}`,
    '',
    `- **${t('report.verdict')}**: ${verdictText}`,
    ...(d.confidence ? [`- **${t('report.confidence')}**: ${t(`confidence.${d.confidence.reason}`)}`] : []),
    `- **${t('report.vendor')}**: ${d.vendor?.name ?? t('report.none')}`,
    `- **${t('report.proxy')}**: ${d.proxy ?? t('result.direct')}`,
    ...proxySignIn(t, d),
    `- **${t('report.when')}**: ${new Date(d.startedAt).toLocaleString(lang)}`,
    `- **${t('report.version')}**: ${version}`,
    `- **${t('report.os')}**: ${env ? t(`os.${env.platform}`) : t('report.none')}`,
    '',
  ];
  if (ca) {
    lines.push(
      `### ${t('report.ca')}`,
      '',
      `- **${t('report.subject')}**: ${ca.subject}`,
      `- **${t('report.fingerprint')}**: \`${ca.fingerprint256 ?? t('report.none')}\``,
      `- **${t('report.expires')}**: ${ca.notAfter ? new Date(ca.notAfter).toLocaleDateString(lang) : t('report.none')}`,
      `- **${t('report.source')}**: ${t(`source.${ca.source}`)}${ca.location ? ` (${ca.location})` : ''}`,
      '',
    );
  }
  // Several inspectors: IT needs every CA and the route it sits on, not only the first.
  for (const other of (d.inspectionCas ?? []).filter((c) => !c.primary)) {
    lines.push(
      `### ${t('report.ca')}: ${t('result.caRoute')} ${other.routes.map((r) => (r === 'DIRECT' ? t('result.direct') : r)).join(', ')}`,
      '',
      `- **${t('report.subject')}**: ${other.subject}`,
      `- **${t('report.fingerprint')}**: \`${other.fingerprint256 ?? t('report.none')}\``,
      `- **${t('report.source')}**: ${t(`source.${other.source}`)}`,
      `- **${t('report.sites')}**: ${other.sites.map((site) => `${site.host}:${site.port}`).join(', ')}`,
      '',
    );
  }
  lines.push(`### ${t('report.sites')}`, '', `| ${t('report.site')} | ${t('report.status')} | ${t('report.issuer')} |`, '|---|---|---|');
  lines.push(...d.targets.map((x) => siteLine(t, x)), '');
  if (d.evidence.length) {
    lines.push(`### ${t('report.evidence')}`, '');
    lines.push(...d.evidence.map((e) => `- ${t(`evidence.${e.kind}`)}${e.hosts.length ? `: ${e.hosts.join(', ')}` : ''}`), '');
  }
  return lines.join('\n');
}
