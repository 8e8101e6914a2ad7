import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, runForCli } from '../run-operation.js';

export const EXPLAIN_HELP = `Usage: ca-bridge explain [TEXT] [--detection FILE] [--lang en|ja] [--json]
       some-command 2>&1 | ca-bridge explain

Recognises the certificate errors of Node/npm, Python/pip, curl, OpenSSL, Git, wget, Java, Go, .NET,
Ruby, Docker, the AWS CLI and browsers anywhere in the text (whole logs and stack traces), and says
what each means, the likely cause on this machine (from the last "ca-bridge detect", or --detection
FILE holding a saved "detect --json" report) and the fix.

Exit status: 0 (also when nothing is recognised), 2 bad usage.
`;

const FLAGS = {
  detection: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function explainCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS, true);
  if (values.help) return (io.stdout(EXPLAIN_HELP), EXIT_OK);
  const text = positionals.length > 0 ? positionals.join(' ') : await io.readStdin?.();
  if (text === undefined) throw new UsageError('give the error text as an argument, or pipe it in: some-command 2>&1 | ca-bridge explain');
  const input = await checkInput('explain', { text, lang: values.lang, detectionFile: values.detection });
  const result = await runForCli('explain', input, io);
  if (!result.ok) return (io.stderr(`ca-bridge explain: ${result.error.message}\n`), EXIT_FAILED);
  const { matches } = result.value;
  const { lang } = input;
  if (values.json) {
    io.stdout(JSON.stringify({ matches }, null, 2) + '\n');
    return EXIT_OK;
  }
  if (matches.length === 0) {
    io.stdout(lang === 'ja' ? '既知の証明書エラーは見つかりませんでした。\n' : 'No known certificate error found.\n');
    return EXIT_OK;
  }
  const labels =
    lang === 'ja'
      ? { cause: '原因', here: 'この環境', fix: '対処', settings: '設定' }
      : { cause: 'Cause', here: 'Here', fix: 'Fix', settings: 'Settings' };
  const blocks = matches.map((m) =>
    [
      `${m.title}  [${m.tool}; ${m.id}]`,
      `  matched: ${m.matched}`,
      `  ${labels.cause}: ${m.cause}`,
      ...(m.onThisMachine ? [`  ${labels.here}: ${m.onThisMachine}`] : []),
      `  ${labels.fix}: ${m.fix}`,
      // The catalogue names the tool whose settings fix this error: point at exactly those.
      ...(m.guideTool ? [`  ${labels.settings}: ca-bridge snippets --dir DIR --tool ${m.guideTool}`] : []),
    ].join('\n'),
  );
  io.stdout(blocks.join('\n\n') + '\n');
  return EXIT_OK;
}
