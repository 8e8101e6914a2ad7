import { fill } from '../../../shared/i18n/fill.js';
import { EXIT_FAILED, EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { checkInput, errorText, runForCli } from '../run-operation.js';

const FLAGS = {
  detection: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const explainHelp = (w: Messages) => fill(w.cli.help.explain, { options: optionsHelp(w, FLAGS) });

export async function explainCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const x = w.cli.explain;
  const { values, positionals } = parseFlags(args, FLAGS, true);
  if (values.help) return (io.stdout(explainHelp(w)), EXIT_OK);
  const text = positionals.length > 0 ? positionals.join(' ') : await io.readStdin?.();
  if (text === undefined) throw new UsageError((m) => m.cli.usageError.noText);
  // The JSON's text fields change with --lang only, never with the locale: scripts parse them.
  const lang = values.json ? io.langFlag : io.lang;
  const input = await checkInput('explain', { text, lang, detectionFile: values.detection });
  const result = await runForCli('explain', input, io);
  if (!result.ok) return (io.stderr(`ca-bridge explain: ${errorText(w, result.error)}\n`), EXIT_FAILED);
  const { matches } = result.value;
  if (values.json) {
    io.stdout(JSON.stringify({ matches }, null, 2) + '\n');
    return EXIT_OK;
  }
  if (matches.length === 0) {
    io.stdout(`${x.none}\n`);
    return EXIT_OK;
  }
  const blocks = matches.map((m) =>
    [
      `${m.title}  [${m.tool}; ${m.id}]`,
      fill(x.matched, { value: m.matched }),
      fill(x.cause, { value: m.cause }),
      ...(m.onThisMachine ? [fill(x.here, { value: m.onThisMachine })] : []),
      fill(x.fix, { value: m.fix }),
      // The catalogue names the tool whose settings fix this error: point at exactly those.
      ...(m.guideTool ? [fill(x.settings, { value: `ca-bridge snippets --dir DIR --tool ${m.guideTool}` })] : []),
    ].join('\n'),
  );
  io.stdout(blocks.join('\n\n') + '\n');
  return EXIT_OK;
}
