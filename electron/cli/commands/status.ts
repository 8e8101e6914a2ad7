import path from 'node:path';
import { counted, fill } from '../../../shared/i18n/fill.js';
import type { Language } from '../../../shared/i18n/language.js';
import { STATUS_EXIT, type StatusReport } from '../../../shared/status.js';
import { DETECT_FLAGS, DETECT_HELP_PARAMS, probeInputFromFlags } from '../detect-flags.js';
import { wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, cliContext, errorText, runForCli } from '../run-operation.js';

const FLAGS = { ...DETECT_FLAGS, offline: { type: 'boolean' }, cwd: { type: 'string' } } as const;

export const statusHelp = (w: Messages) => fill(w.cli.help.status, { options: optionsHelp(w, FLAGS, DETECT_HELP_PARAMS) });

/** The report in the user's words: one line per fact, one per problem with its fix. */
export function statusText(w: Messages, lang: Language, report: StatusReport): string {
  const s = w.cli.status;
  const lines: string[] = [];
  lines.push(
    report.code === 0
      ? s.healthy
      : report.problems.length === 0
        ? fill(s.notCheckedStatus, { code: report.code })
        : fill(s.problems, { problems: report.problems.map((p) => s.problem[p]).join('; '), code: report.code }),
  );
  if (report.export) {
    lines.push(fill(s.export, { dir: report.export.dir, at: report.export.at }));
    for (const ca of report.export.cas)
      lines.push(
        fill(s.ca, { subject: ca.subject || s.unknown, fingerprint: ca.fingerprint256 ?? s.unknown, notAfter: ca.notAfter ?? s.unknown }),
      );
  } else lines.push(s.noExport);
  if (!report.network) lines.push(s.offline);
  else if (!report.network.checked) lines.push(s.notChecked);
  else
    lines.push(
      fill(s.network, {
        inspected: report.network.inspected.length,
        clean: report.network.clean.length,
        unreachable: report.network.unreachable.length,
      }),
    );
  lines.push(counted(lang, s.configured, report.configuredChecked));
  for (const f of report.findings) {
    if (f.problem === 'ca-changed') {
      const exported = f.exported.map((ca) => ca.fingerprint256).join(', ');
      for (const now of f.current)
        lines.push(
          fill(s.changed, { subject: now.subject, fingerprint: now.fingerprint256 ?? s.unknown, sites: now.sites.join(', '), exported }),
        );
      lines.push(s.changedFix);
    } else if (f.problem === 'ca-expiring')
      lines.push(
        fill(s.expiring, {
          subject: f.ca.subject,
          fingerprint: f.ca.fingerprint256 ?? '',
          notAfter: f.ca.notAfter ?? '',
          days: f.daysLeft,
        }),
        s.expiringFix,
      );
    else if (f.problem === 'verification-off')
      lines.push(fill(s.off, { tools: f.tools.join(', '), setting: f.setting, value: f.value, where: f.where }), s.offFix);
    else if (f.problem === 'config-broken')
      lines.push(fill(s.broken, { tool: f.tool, where: f.where, why: s.brokenWhy[f.why] }), fill(s.brokenFix, { tool: f.tool }));
    else lines.push(fill(s.notConfigured, { sites: f.inspectedSites.join(', ') }), s.notConfiguredFix);
  }
  return lines.join('\n') + '\n';
}

/** `ca-bridge status`: exits with the code of shared/status.ts (docs/status.md), whatever the output format. */
export async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(statusHelp(w)), STATUS_EXIT.healthy);
  const input = await checkInput('status', {
    ...probeInputFromFlags(values, io.env),
    offline: values.offline,
    cwd: path.resolve(io.cwd, values.cwd ?? '.'),
  });
  // No progress lines: two sites, and scripts read stdout and the exit code only.
  const result = await runForCli('status', input, io, cliContext(io));
  if (!result.ok) {
    io.stderr(`ca-bridge status: ${errorText(w, result.error)}\n`);
    return STATUS_EXIT.failure;
  }
  io.stdout(values.json ? JSON.stringify(result.value, null, 2) + '\n' : statusText(w, io.lang ?? 'en', result.value));
  return result.value.code;
}
