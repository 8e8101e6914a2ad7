import { DETECT_FLAGS, DETECT_FLAGS_HELP, probeInputFromFlags } from '../detect-flags.js';
import { detectionJson } from '../format/detect-json.js';
import { detectionText, progressLine } from '../format/detect-text.js';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io.js';
import { insecureSettingsLine } from '../format/insecure-settings-line.js';
import { parseFlags } from '../parse-flags.js';
import { cliContext, runForCli } from '../run-operation.js';

export const DETECT_HELP = `Usage: ca-bridge detect [options]

Probes several HTTPS sites and tells whether this network performs TLS inspection, by whom,
and which root CA signs the forged certificates.

${DETECT_FLAGS_HELP}

Exit status: 0 when the run completed (whatever the verdict), 2 for bad usage.
`;

export async function detectCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, DETECT_FLAGS);
  if (values.help) {
    io.stdout(DETECT_HELP);
    return EXIT_OK;
  }
  // Progress goes to stderr under --json so that stdout stays one parseable document.
  const progress = values.json ? io.stderr : io.stdout;
  const context = cliContext(io, {
    progress: (e) => e.type === 'detect-progress' && progress(progressLine(e.target, e.done, e.total) + '\n'),
  });
  const result = await runForCli('detect', probeInputFromFlags(values, io.env), io, context);
  if (!result.ok) {
    io.stderr(`ca-bridge detect: ${result.error.message}\n`);
    return EXIT_FAILED;
  }
  io.stdout(values.json ? JSON.stringify(detectionJson(result.value), null, 2) + '\n' : detectionText(result.value));
  const insecure = values.json ? null : await insecureSettingsLine(io);
  if (insecure) io.stdout(`${insecure}\n`);
  return EXIT_OK;
}
