import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root.js';
import { CertPathError } from '../core/trust/load-pem.js';
import { detectCommand, DETECT_HELP } from './commands/detect.js';
import { exportCommand, EXPORT_HELP } from './commands/export.js';
import { verifyCommand, VERIFY_HELP } from './commands/verify.js';
import { snippetsCommand, SNIPPETS_HELP } from './commands/snippets.js';
import { applyCommand, revertCommand, APPLY_HELP } from './commands/apply.js';
import { checkCommand, CHECK_HELP } from './commands/check.js';
import { explainCommand, EXPLAIN_HELP } from './commands/explain.js';
import { uiCommand, UI_HELP } from './commands/ui.js';
import { terminalSafeIo } from './format/terminal-safe.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io.js';

type Command = { run: (args: string[], io: CliIo) => Promise<number>; help: string; summary: string };

const COMMANDS: Record<string, Command> = {
  // In the order a user needs them: find the CA, export it, hand it to tools, prove it; then diagnostics.
  detect: { run: detectCommand, help: DETECT_HELP, summary: 'tell whether this network inspects TLS, by whom, and with which CA' },
  export: { run: exportCommand, help: EXPORT_HELP, summary: 'write the inspection CA (PEM, DER) and a combined bundle into a folder' },
  snippets: { run: snippetsCommand, help: SNIPPETS_HELP, summary: 'print environment variables and per-tool settings for the export' },
  apply: { run: applyCommand, help: APPLY_HELP, summary: 'write the variables into your shell profile (a marked block, with backup)' },
  revert: { run: revertCommand, help: APPLY_HELP, summary: 'remove what apply wrote, leaving the profile as it was' },
  verify: { run: verifyCommand, help: VERIFY_HELP, summary: 'prove an export works: per site and with the real tools on this machine' },
  check: {
    run: checkCommand,
    help: CHECK_HELP,
    summary: "diagnose one host's certificate chain: expiry, names, missing intermediates, inspection…",
  },
  explain: { run: explainCommand, help: EXPLAIN_HELP, summary: 'say what a pasted TLS error means, its likely cause here, and the fix' },
  ui: { run: uiCommand, help: UI_HELP, summary: 'open the interface in your browser (127.0.0.1 only, token-protected)' },
};

function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: ca-bridge <command> [options]\n\nCommands:\n${rows.join('\n')}\n\nRun "ca-bridge <command> --help" for a command's options.\n`;
}

function version(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs one CLI invocation and returns its exit status; never throws. */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const [name, ...args] = argv;
  if (name === 'help' && args[0] && COMMANDS[args[0]]) {
    io.stdout(COMMANDS[args[0]]!.help);
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
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`ca-bridge: unknown command "${name}"\n\n${usage()}`);
    return EXIT_USAGE;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof CertPathError) {
      io.stderr(`ca-bridge ${name}: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`ca-bridge ${name}: ${(error as Error).message}\n`);
    return EXIT_FAILED;
  }
}
