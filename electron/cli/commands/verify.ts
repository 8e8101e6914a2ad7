import type { VerifyOutcome } from '../../../shared/api/results.js';
import { fill } from '../../../shared/i18n/fill.js';
import type { Messages } from '../language.js';
import { provenSentences, toolSettingSentences } from '../../../shared/verify-words.js';
import { verifySiteText } from '../../../shared/i18n/verify-site-text.js';
import { EXPORT_FILES } from '../../core/export/write.js';
import { DETECT_FLAGS, DETECT_HELP_PARAMS, probeInputFromFlags } from '../detect-flags.js';
import { progressLine } from '../format/detect-text.js';
import { proxyAdviceText } from '../format/proxy-advice-text.js';
import { EXIT_FAILED, EXIT_OK, wordsFor, type CliIo } from '../io.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, cliContext, errorText, runForCli } from '../run-operation.js';

const FLAGS = { dir: { type: 'string' }, relay: { type: 'string' }, prove: { type: 'string' }, ...DETECT_FLAGS } as const;

export const verifyHelp = (w: Messages) => fill(w.cli.help.verify, { options: optionsHelp(w, FLAGS, DETECT_HELP_PARAMS) });

type Mark = VerifyOutcome['targets'][number]['extraCa'] | VerifyOutcome['tools'][number]['result'];

export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(verifyHelp(w)), EXIT_OK);
  const input = await checkInput('verify', {
    ...probeInputFromFlags(values, io.env),
    dir: values.dir,
    ...(values.relay ? { relay: values.relay } : {}),
    ...(values.prove !== undefined ? { prove: values.prove } : {}),
  });
  const context = cliContext(io, {
    progress: (e) => e.type === 'detect-progress' && io.stderr(progressLine(w, e.target, e.done, e.total) + '\n'),
  });
  const result = await runForCli('verify', input, io, context);
  if (!result.ok) return (io.stderr(`ca-bridge verify: ${errorText(w, result.error)}\n`), EXIT_FAILED);
  const { dir, verdict, targets, tools, toolTarget, routes = [], passed, checkedSomething, proven, cause, proxyAdvice = [] } = result.value;
  const code = passed ? EXIT_OK : EXIT_FAILED;
  if (values.json) {
    io.stdout(JSON.stringify({ dir, verdict, toolTarget, routes, targets, tools, proven, passed, cause, proxyAdvice }, null, 2) + '\n');
    return code;
  }
  // Every result verify can give has its word in both catalogues (typed): a new one does not build unnamed.
  const v = w.cli.verify;
  const marks: Record<Mark, string> = v.mark;
  const words = w.verifySettings;
  const lines = ['', fill(v.sites, { pem: EXPORT_FILES.caPem, bundle: EXPORT_FILES.bundle })];
  for (const t of targets)
    lines.push(
      `  ${`${t.host}:${t.port}`.padEnd(28)} extra ${marks[t.extraCa]}  bundle ${marks[t.bundle]}${t.problem ? `  ${verifySiteText(w, t.problem)}` : ''}`,
    );
  if (proven) {
    const said = provenSentences(proven, words);
    lines.push(said.heading, ...said.vars.map((v) => `  ${v}`), ...said.notes.map((n) => `  ${n}`));
  }
  // Several routes (inspectors): each is listed with its site and CA, and each tool's result per route under it.
  const severalRoutes = routes.length > 1;
  if (severalRoutes) {
    lines.push(fill(v.toolsRoutes, { count: String(routes.length) }));
    for (const r of routes) lines.push(fill(r.ca ? v.route : v.routeClean, { route: r.route, site: r.site, ca: r.ca?.subject ?? '' }));
  } else lines.push(toolTarget ? fill(v.tools, { site: toolTarget }) : v.noTools);
  for (const t of tools) {
    // "absent" is said by the catalogue; any other detail is what the tool itself printed.
    const detail = t.result === 'not-found' ? fill(v.notInstalled, { tool: t.name.split(' ')[0]! }) : severalRoutes ? null : t.error;
    lines.push(`  ${t.name.padEnd(18)} ${t.setting.padEnd(20)} ${marks[t.result]}${detail ? `  ${detail}` : ''}`);
    if (severalRoutes)
      for (const r of t.routes ?? [])
        lines.push(`      ${fill(v.toolRoute, { route: r.route, site: r.site, mark: marks[r.result] })}${r.error ? `  ${r.error}` : ''}`);
    for (const sentence of toolSettingSentences(t, words, proven?.kind)) lines.push(`      ${sentence}`);
  }
  lines.push('', passed ? v.passed : cause === 'proxy-auth' ? v.proxyAuth : checkedSomething ? v.failed : v.nothing);
  if (tools.some((t) => t.result === 'proxy-auth') && proxyAdvice.length) lines.push('', ...proxyAdviceText(w, proxyAdvice));
  io.stdout(lines.join('\n') + '\n');
  return code;
}
