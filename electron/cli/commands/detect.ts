import { fill } from '../../../shared/i18n/fill.js';
import { DETECT_FLAGS, DETECT_HELP_PARAMS, probeInputFromFlags } from '../detect-flags.js';
import { detectionJson } from '../format/detect-json.js';
import { detectionText, progressLine } from '../format/detect-text.js';
import { EXIT_FAILED, EXIT_OK, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { optionsHelp, parseFlags } from '../parse-flags.js';
import { cliContext, errorText, runForCli } from '../run-operation.js';
import { insecureSettingsLine } from '../format/insecure-settings-line.js';

export const detectHelp = (w: Messages) => fill(w.cli.help.detect, { options: optionsHelp(w, DETECT_FLAGS, DETECT_HELP_PARAMS) });

export async function detectCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const { values } = parseFlags(args, DETECT_FLAGS);
  if (values.help) {
    io.stdout(detectHelp(w));
    return EXIT_OK;
  }
  // Progress goes to stderr under --json so that stdout stays one parseable document.
  const progress = values.json ? io.stderr : io.stdout;
  const context = cliContext(io, {
    progress: (e) => e.type === 'detect-progress' && progress(progressLine(w, e.target, e.done, e.total) + '\n'),
  });
  const result = await runForCli('detect', probeInputFromFlags(values, io.env), io, context);
  if (!result.ok) {
    io.stderr(`ca-bridge detect: ${errorText(w, result.error)}\n`);
    return EXIT_FAILED;
  }
  io.stdout(values.json ? JSON.stringify(detectionJson(result.value), null, 2) + '\n' : detectionText(result.value, io.lang));
  const insecure = values.json ? null : await insecureSettingsLine(io);
  if (insecure) io.stdout(`${insecure}\n`);
  return EXIT_OK;
}
