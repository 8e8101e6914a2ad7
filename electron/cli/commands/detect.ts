import { detect } from '../../core/detect.js';
import { rememberDetection } from '../../core/diagnose/detection-memory.js';
import { DETECT_FLAGS, DETECT_FLAGS_HELP, detectOptionsFrom } from '../detect-flags.js';
import { detectionJson } from '../format/detect-json.js';
import { detectionText, progressLine } from '../format/detect-text.js';
import { EXIT_OK, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';

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
  const options = detectOptionsFrom(values, io.env);
  // Progress goes to stderr under --json so that stdout stays one parseable document.
  const progress = values.json ? io.stderr : io.stdout;
  const result = await detect(options, (e) => progress(progressLine(e.target, e.done, e.total) + '\n'));
  await rememberDetection(result, io.env);
  io.stdout(values.json ? JSON.stringify(detectionJson(result), null, 2) + '\n' : detectionText(result));
  return EXIT_OK;
}
