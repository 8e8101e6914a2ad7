import type { EngineOperation } from '../../shared/api/operations.js';
import type { OperationInput, ValidInput } from '../../shared/api/schemas.js';
import type { OperationResults, ProgressEvent } from '../../shared/api/results.js';
import { isUsageError } from '../../shared/api/error-codes.js';
import type { ErrorValue, Result } from '../../shared/result.js';
import type { OperationContext } from '../core/operations/context.js';
import { createDetectionStore } from '../core/operations/detection-store.js';
import { silentLogger } from '../core/operations/log.js';
import { fill } from '../../shared/i18n/fill.js';
import { errorDetailText } from '../../shared/i18n/error-detail-text.js';
import { EXIT_INTERRUPTED, Interrupted, UsageError, type CliIo } from './io.js';
import { messagesFor, type Messages } from './language.js';

/** The named fields of a type (an empty strict object's input type has an index signature, left out here). */
type NamedFields<T> = keyof { [P in keyof T as string extends P ? never : P]: T[P] };
type InputField = { [K in EngineOperation]: NamedFields<OperationInput<K>> }[EngineOperation];

/**
 * The flag (and its placeholder) that fills each input field, so errors speak the user's words. Typed
 * against every operation's input: a new field does not build until it is given its flag here.
 */
const FLAGS: Record<InputField, [flag: string, placeholder: string]> = {
  targets: ['--targets', 'host[:port],...'],
  proxy: ['--proxy', 'URL|direct'],
  connectTo: ['--connect-to', 'H:P:A:AP'],
  timeoutMs: ['--timeout', 'MS'],
  concurrency: ['--concurrency', 'N'],
  publicRootsFile: ['--public-roots', 'FILE'],
  trustStorePath: ['--trust-store', 'PATH'],
  outDir: ['--out', 'DIR'],
  fromFile: ['--from', 'FILE'],
  dir: ['--dir', 'DIR'],
  shell: ['--shell', 'NAME'],
  lang: ['--lang', 'en|ja'],
  tools: ['--tool', 'NAME'],
  profile: ['--profile', 'FILE'],
  host: ['HOST', '[:PORT]'],
  sni: ['--sni', 'NAME'],
  caFile: ['--ca', 'FILE'],
  clientCertFile: ['--client-cert', 'FILE'],
  clientKeyFile: ['--client-key', 'FILE'],
  detectionFile: ['--detection', 'FILE'],
  text: ['TEXT', ''],
  proxyUser: ['--proxy-user', 'DOMAIN\\user'],
  confirmProxy: ['--confirm-proxy', 'HOST:PORT'],
  relay: ['--relay', 'http://HOST:PORT'],
  prove: ['--prove', 'applied|session'],
  // The password never comes from a flag: the variable (or the prompt) is what the user can correct.
  proxyPassword: ['CA_BRIDGE_PROXY_PASSWORD', ''],
  force: ['--force', ''],
  dryRun: ['--dry-run', ''],
  all: ['--all', ''],
  entries: ['--entry', 'ID'],
  cwd: ['--cwd', 'DIR'],
  fix: ['--fix', ''],
  url: ['--url', 'https://HOST/'],
  confirmUntrustedFingerprint: ['--accept-untrusted', ''],
  expectFingerprints: ['--expect-fingerprint', 'SHA256'],
  offline: ['--offline', ''],
  // Filled by export from the detection it has just run, never typed by the user.
  detectionId: ['the detection', ''],
  // Set by the page (its fixes name its own steps); the CLI always asks for commands.
  door: ['the front door', ''],
};
const isInputField = (field: string): field is InputField => Object.hasOwn(FLAGS, field);

/** An operation's error in CLI words: the field replaced by its flag, "is required" for a missing one. */
export function cliMessage(error: ErrorValue): string {
  const names = error.field && isInputField(error.field) ? FLAGS[error.field] : undefined;
  if (!error.field || !names) return error.message;
  const [flag, placeholder] = names;
  const message = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  if (/received undefined/.test(message)) return `${flag} ${placeholder} is required`.replace(/\s+is/, ' is');
  if (message.startsWith(flag)) return message;
  // `--shell "tcsh" is not one of …` and `--timeout must be …` read as sentences; other messages follow a colon.
  // A message that starts with the file it is about reads as `--from /path/x.pem: larger than …`.
  return /^("|must |is |\/|\.|[A-Za-z]:\\)/.test(message) ? `${flag} ${message}` : `${flag}: ${message}`;
}

/**
 * An engine error in the user's language. With a detail (a catalogue key and parameters) the detail
 * alone says it all, the field named by its flag. Without one, English keeps the engine's message, which
 * already reads as a sentence; other languages give the code's words with that message as data.
 */
export function errorText(w: Messages, error: ErrorValue, detail = error.message): string {
  if (error.detail) {
    const field = error.field && isInputField(error.field) ? FLAGS[error.field] : undefined;
    return errorDetailText(w, error.detail, field ? { flag: field[0], shape: field[1] } : {});
  }
  return w === messagesFor('en') ? detail : fill(w.cli.usageError.badValue, { what: w.error[error.code], detail });
}

const engineUsageError = (error: ErrorValue) => new UsageError((w) => errorText(w, error, cliMessage(error)));

export interface CliRunOptions {
  /** Where progress lines go (stdout for text, stderr under --json so stdout stays one document). */
  progress?: (event: ProgressEvent) => void;
}

/** The context an operation gets when run from the command line. */
export function cliContext(io: CliIo, options: CliRunOptions = {}): OperationContext {
  return {
    env: io.env,
    platform: io.platform ?? process.platform,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
    emit: options.progress ?? (() => {}),
    log: io.log ?? silentLogger,
    detections: createDetectionStore(),
    nativeDialogs: false,
  };
}

/**
 * Runs an engine operation for a command: the same validation and code as the page's. A failure the
 * user must correct becomes a UsageError (exit 2) naming the flag; other failures come back as values.
 */
export async function runForCli<K extends EngineOperation>(
  name: K,
  input: OperationInput<K>,
  io: CliIo,
  context: OperationContext = cliContext(io),
): Promise<Result<OperationResults[K]>> {
  // The engine loads on first use, so `--help` of a command does not pay for it.
  const { runOperation } = await import('../core/operations/index.js');
  // Ctrl+C cancels the operation for real (connections closed, verify's tools killed with their process
  // groups) and the command ends with 130 once that is done; a second Ctrl+C does not wait.
  const cancel = new AbortController();
  const onInterrupt = () => {
    if (cancel.signal.aborted) process.exit(EXIT_INTERRUPTED);
    cancel.abort();
  };
  process.on('SIGINT', onInterrupt);
  let result: Result<OperationResults[K]>;
  try {
    result = await runOperation(name, input, { ...context, signal: context.signal ?? cancel.signal });
  } finally {
    process.off('SIGINT', onInterrupt);
  }
  if (cancel.signal.aborted) throw new Interrupted('cancelled (Ctrl+C)');
  if (!result.ok && isUsageError(result.error.code)) throw engineUsageError(result.error);
  return result;
}

/** Validates a command's input up front (before any probing), as the operation will: exit 2 naming the flag. */
export async function checkInput<K extends EngineOperation>(name: K, raw: unknown): Promise<ValidInput<K>> {
  // Loaded on use (zod and the schemas), so a command's --help stays instant.
  const { validateInput } = await import('../core/operations/validate.js');
  const input = validateInput(name, raw);
  if (!input.ok) throw engineUsageError(input.error);
  return input.value;
}
