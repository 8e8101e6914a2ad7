import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root.js';
import { terminalSafeIo } from './format/terminal-safe.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, Interrupted, UsageError, type CliIo } from './io.js';

interface CommandModule {
  run: (args: string[], io: CliIo) => Promise<number>;
  help: string;
}
interface Command {
  summary: string;
  /** Loaded on use only: `--help` and `--version` must not pay for every command's engine code. */
  load: () => Promise<CommandModule>;
}

const COMMANDS: Record<string, Command> = {
  // In the order a user needs them: find the CA, export it, hand it to tools, prove it; then diagnostics.
  detect: {
    summary: 'tell whether this network inspects TLS, by whom, and with which CA',
    load: async () => {
      const m = await import('./commands/detect.js');
      return { run: m.detectCommand, help: m.DETECT_HELP };
    },
  },
  export: {
    summary: 'write the inspection CA (PEM, DER) and a combined bundle into a folder',
    load: async () => {
      const m = await import('./commands/export.js');
      return { run: m.exportCommand, help: m.EXPORT_HELP };
    },
  },
  snippets: {
    summary: 'print environment variables and per-tool settings for the export',
    load: async () => {
      const m = await import('./commands/snippets.js');
      return { run: m.snippetsCommand, help: m.SNIPPETS_HELP };
    },
  },
  apply: {
    summary: 'write the variables into your shell profile (a marked block, with backup)',
    load: async () => {
      const m = await import('./commands/apply.js');
      return { run: m.applyCommand, help: m.APPLY_HELP };
    },
  },
  revert: {
    summary: 'remove what apply wrote, leaving the profile as it was',
    load: async () => {
      const m = await import('./commands/apply.js');
      return { run: m.revertCommand, help: m.APPLY_HELP };
    },
  },
  doctor: {
    summary: 'find settings that switch verification off or point at a missing or expired CA',
    load: async () => {
      const m = await import('./commands/doctor.js');
      return { run: m.doctorCommand, help: m.DOCTOR_HELP };
    },
  },
  verify: {
    summary: 'prove an export works: per site and with the real tools on this machine',
    load: async () => {
      const m = await import('./commands/verify.js');
      return { run: m.verifyCommand, help: m.VERIFY_HELP };
    },
  },
  check: {
    summary: "diagnose one host's certificate chain: expiry, names, missing intermediates, inspection…",
    load: async () => {
      const m = await import('./commands/check.js');
      return { run: m.checkCommand, help: m.CHECK_HELP };
    },
  },
  explain: {
    summary: 'say what a pasted TLS error means, its likely cause here, and the fix',
    load: async () => {
      const m = await import('./commands/explain.js');
      return { run: m.explainCommand, help: m.EXPLAIN_HELP };
    },
  },
  ui: {
    summary: 'open the interface in your browser (127.0.0.1 only, token-protected)',
    load: async () => {
      const m = await import('./commands/ui.js');
      return { run: m.uiCommand, help: m.UI_HELP };
    },
  },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: ca-bridge <command> [options] [--verbose]\n\nCommands:\n${rows.join('\n')}\n\nRun "ca-bridge <command> --help" for a command's options; --verbose writes a trail of what happens to stderr (credentials removed).\n`;
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

const commandNamed = (name: string | undefined) => (name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined);

/** Runs one CLI invocation and returns its exit status; never throws. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  let io = terminalSafeIo(rawIo);
  // --verbose is understood by every command, anywhere on the line (but not after a bare "--").
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const verbose = argv.slice(0, end).includes('--verbose');
  if (verbose) {
    const { lineLogger } = await import('../core/operations/log.js');
    const safe = io;
    io = { ...io, log: lineLogger((line) => safe.stderr(`ca-bridge: ${line}`), io.env) };
    argv = argv.filter((arg, i) => i >= end || arg !== '--verbose');
  }
  const [name, ...args] = argv;
  const helpFor = name === 'help' ? commandNamed(args[0]) : undefined;
  if (helpFor) {
    io.stdout((await helpFor.load()).help);
    return EXIT_OK;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT_OK;
  }
  const command = commandNamed(name);
  if (!command) {
    io.stderr(`ca-bridge: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await (await command.load()).run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ca-bridge ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof Interrupted) {
      io.stderr(`ca-bridge ${name}: ${error.message}\n`);
      return EXIT_INTERRUPTED;
    }
    io.log?.log('error', `${name}: ${(error as Error).stack ?? String(error)}`);
    io.stderr(`ca-bridge ${name}: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
}
