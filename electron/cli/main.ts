import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fill } from '../../shared/i18n/fill.js';
import { packageRoot } from './package-root.js';
import { terminalSafeIo } from './format/terminal-safe.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Interrupted, UsageError, wordsFor, type CliIo } from './io.js';
import { isLanguage, languageFromEnvironment, type Messages } from './language.js';
import { unknownOption } from './parse-flags.js';
import { closest } from './suggest.js';

interface CommandModule {
  run: (args: string[], io: CliIo) => Promise<number>;
  help: (w: Messages) => string;
}
type CommandName = keyof Messages['cli']['command'];

/**
 * Each command's code, loaded on use only: `--help` and `--version` must not pay for every command's
 * engine code. In the order a user needs them: find the CA, export it, hand it to tools, prove it; then
 * diagnostics. Summaries are the catalogue's (cli.command), typed against this table.
 */
const COMMANDS: Record<CommandName, () => Promise<CommandModule>> = {
  detect: async () => {
    const m = await import('./commands/detect.js');
    return { run: m.detectCommand, help: m.detectHelp };
  },
  export: async () => {
    const m = await import('./commands/export.js');
    return { run: m.exportCommand, help: m.exportHelp };
  },
  snippets: async () => {
    const m = await import('./commands/snippets.js');
    return { run: m.snippetsCommand, help: m.snippetsHelp };
  },
  apply: async () => {
    const m = await import('./commands/apply.js');
    return { run: m.applyCommand, help: m.applyHelp };
  },
  revert: async () => {
    const m = await import('./commands/apply.js');
    return { run: m.revertCommand, help: m.applyHelp };
  },
  doctor: async () => {
    const m = await import('./commands/doctor.js');
    return { run: m.doctorCommand, help: m.doctorHelp };
  },
  verify: async () => {
    const m = await import('./commands/verify.js');
    return { run: m.verifyCommand, help: m.verifyHelp };
  },
  check: async () => {
    const m = await import('./commands/check.js');
    return { run: m.checkCommand, help: m.checkHelp };
  },
  explain: async () => {
    const m = await import('./commands/explain.js');
    return { run: m.explainCommand, help: m.explainHelp };
  },
  status: async () => {
    const m = await import('./commands/status.js');
    return { run: m.statusCommand, help: m.statusHelp };
  },
  ui: async () => {
    const m = await import('./commands/ui.js');
    return { run: m.uiCommand, help: m.uiHelp };
  },
};
const NAMES = Object.keys(COMMANDS) as CommandName[];
/** What may stand where a command goes, besides the commands. */
const GLOBAL_FLAGS = ['--help', '--version', '--lang', '--verbose'];

function usage(w: Messages): string {
  const rows = NAMES.map((name) => `  ${name.padEnd(10)} ${w.cli.command[name]}`);
  return fill(w.cli.usage, { rows: rows.join('\n') });
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

const commandNamed = (name: string | undefined) =>
  name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;

function unknownCommand(name: string): UsageError {
  const suggestion = closest(name, NAMES);
  return new UsageError(
    (w) => fill(w.cli.usageError.unknownCommand, { name }) + (suggestion ? `\n${fill(w.cli.usageError.didYouMean, { suggestion })}` : ''),
  );
}

/**
 * The options every command understands, anywhere before a bare "--": --verbose, and --lang (which
 * picks the text's language over the locale; JSON changes only where a command documents it).
 */
function globalOptions(argv: string[]): { args: string[]; verbose: boolean; lang: string | undefined } {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const args: string[] = [];
  let verbose = false;
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (i >= end) args.push(arg);
    else if (arg === '--verbose') verbose = true;
    else if (arg.startsWith('--lang=')) lang = arg.slice('--lang='.length);
    else if (arg === '--lang') {
      if (i + 1 >= end) throw new UsageError((w) => fill(w.cli.usageError.needsValue, { flag: '--lang' }));
      lang = argv[++i];
    } else args.push(arg);
  }
  return { args, verbose, lang };
}

/** Runs one CLI invocation and returns its exit status; never throws. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  let io: CliIo = { ...terminalSafeIo(rawIo), lang: languageFromEnvironment(rawIo.env, rawIo.platform) };
  let name: string | undefined;
  try {
    const global = globalOptions(argv);
    if (global.lang !== undefined) {
      const value = global.lang;
      if (!isLanguage(value)) throw new UsageError((w) => fill(w.cli.usageError.badLang, { value: value.slice(0, 32) }));
      io = { ...io, lang: value, langFlag: value };
    }
    if (global.verbose) {
      const { lineLogger } = await import('../core/operations/log.js');
      const safe = io;
      io = { ...io, log: lineLogger((line) => safe.stderr(`ca-bridge: ${line}`), io.env) };
    }
    const w = wordsFor(io);
    const [first, ...args] = global.args;
    name = first;
    if (name === 'help' && args[0] !== undefined) {
      const helpFor = commandNamed(args[0]);
      if (!helpFor) throw unknownCommand(args[0]);
      io.stdout((await helpFor()).help(w));
      return EXIT_OK;
    }
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      (name === undefined ? io.stderr : io.stdout)(usage(w));
      return name === undefined ? EXIT_USAGE : EXIT_OK;
    }
    if (name === '--version' || name === '-v') {
      io.stdout(`${version()}\n`);
      return EXIT_OK;
    }
    if (name.startsWith('-')) throw unknownOption(name, GLOBAL_FLAGS);
    const command = commandNamed(name);
    if (!command) throw unknownCommand(name);
    return await (await command()).run(args, io);
  } catch (error) {
    const prefix = name !== undefined && commandNamed(name) ? `ca-bridge ${name}` : 'ca-bridge';
    if (error instanceof UsageError) {
      const w = wordsFor(io);
      const unknown = name !== undefined && !name.startsWith('-') && !commandNamed(name) && name !== 'help';
      io.stderr(`${prefix}: ${error.wording(w)}\n${unknown ? `\n${usage(w)}` : ''}`);
      return EXIT_USAGE;
    }
    if (error instanceof Interrupted) {
      io.stderr(`${prefix}: ${error.message}\n`);
      return EXIT_INTERRUPTED;
    }
    io.log?.log('error', `${name}: ${(error as Error).stack ?? String(error)}`);
    io.stderr(`${prefix}: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
}
