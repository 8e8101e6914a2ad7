import { fill } from '../../../shared/i18n/fill.js';
import { TOOL_GUIDES } from '../../../shared/guidance/tools.js';
import { EXPORT_FILES } from '../../core/export/write.js';
import { DETECT_FLAGS, DETECT_HELP_PARAMS, probeInputFromFlags } from '../detect-flags.js';
import { pad, progressLine } from '../format/detect-text.js';
import { EXIT_FAILED, EXIT_OK, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, cliContext, errorText, runForCli } from '../run-operation.js';

const FLAGS = { dir: { type: 'string' }, ...DETECT_FLAGS } as const;

/** The programs verify runs, from the table it runs them from (each catalogue row's probes, once by name). */
const verifiedTools = () => [...new Set(TOOL_GUIDES.flatMap((row) => row.verify.probes.map((probe) => probe.name)))];

export const verifyHelp = (w: Messages) =>
  fill(w.cli.help.verify, { tools: verifiedTools().join(', '), options: optionsHelp(w, FLAGS, DETECT_HELP_PARAMS) });

export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const v = w.cli.verify;
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(verifyHelp(w)), EXIT_OK);
  const input = await checkInput('verify', { ...probeInputFromFlags(values, io.env), dir: values.dir });
  const context = cliContext(io, {
    progress: (e) => e.type === 'detect-progress' && io.stderr(progressLine(w, e.target, e.done, e.total) + '\n'),
  });
  const result = await runForCli('verify', input, io, context);
  if (!result.ok) return (io.stderr(`ca-bridge verify: ${errorText(w, result.error)}\n`), EXIT_FAILED);
  const { dir, verdict, targets, tools, toolTarget, passed, checkedSomething } = result.value;
  const code = passed ? EXIT_OK : EXIT_FAILED;
  if (values.json) {
    io.stdout(JSON.stringify({ dir, verdict, toolTarget, targets, tools }, null, 2) + '\n');
    return code;
  }
  const mark = (r: keyof typeof v.mark) => v.mark[r];
  const lines = ['', fill(v.sites, { pem: EXPORT_FILES.caPem, bundle: EXPORT_FILES.bundle })];
  for (const t of targets)
    lines.push(
      fill(v.site, { site: pad(`${t.host}:${t.port}`, 28), extra: mark(t.extraCa), bundle: mark(t.bundle) }) +
        (t.error ? `  ${t.error}` : ''),
    );
  lines.push(toolTarget ? fill(v.tools, { site: toolTarget }) : v.noTools);
  // "absent" says all there is to say about a tool that is not installed; other errors are the tool's own words (data).
  for (const t of tools)
    lines.push(`  ${pad(t.name, 18)} ${pad(t.setting, 20)} ${mark(t.result)}${t.error && t.result !== 'not-found' ? `  ${t.error}` : ''}`);
  lines.push('', passed ? v.passed : checkedSomething ? v.failed : v.nothing);
  io.stdout(lines.join('\n') + '\n');
  return code;
}
