import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { packageRoot } from '../package-root.js';
import { integerFlag, parseFlags } from '../parse-flags.js';
import { startUiServer, type UiServer } from '../ui-server.js';

export const UI_HELP = `Usage: ca-bridge ui [--port N] [--no-open]

Serves the CA Bridge interface to your browser, on 127.0.0.1 only, for machines where the desktop
app cannot be installed. Prints a one-time URL: the first page that opens it gets a session for
that browser tab (a reload keeps it); the link then stops working. Requests without the session,
from another address, or carrying a foreign Host or Origin header are refused. Stop with Ctrl+C.

  --port N     port to listen on (default: a free one)
  --no-open    do not open the browser, only print the URL
`;

const FLAGS = { port: { type: 'string' }, 'no-open': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** The URL given to the opener is visible to other users in the process list: it must be a one-time code. */
function openBrowser(oneTimeUrl: string): void {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', oneTimeUrl]]
      : process.platform === 'darwin'
        ? ['open', [oneTimeUrl]]
        : ['xdg-open', [oneTimeUrl]];
  spawn(command as string, args as string[], { detached: true, stdio: 'ignore' })
    .on('error', () => {})
    .unref();
}

async function listen(port: number, staticDir: string, io: CliIo): Promise<UiServer> {
  try {
    return await startUiServer({
      port,
      staticDir,
      service: {
        env: io.env,
        platform: io.platform ?? process.platform,
        locale: Intl.DateTimeFormat().resolvedOptions().locale,
        log: io.log,
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new UsageError(`--port ${port}: port ${port} on 127.0.0.1 is already in use; choose another, or omit --port`);
    if (code === 'EACCES')
      throw new UsageError(`--port ${port}: not allowed to listen on port ${port}; choose one above 1023, or omit --port`);
    throw error;
  }
}

/**
 * Waits for Ctrl+C or SIGTERM, then stops. An operation wedged on a file that never answers (a FIFO,
 * a device) blocks a worker thread and keeps Node's event loop alive; even process.exit() waits for
 * that thread. So when the loop has not drained shortly after closing, the signal is raised again with
 * its default action, which ends the process at once (as any program without a handler would).
 */
export async function untilSignal(server: UiServer): Promise<void> {
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const on = (name: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(name);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
  await server.close();
  setTimeout(() => process.kill(process.pid, signal), 300).unref();
}

export async function uiCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(UI_HELP), EXIT_OK);
  const staticDir = path.join(packageRoot(), 'renderer', 'dist');
  // The port first: a port in use is the user's to fix whatever the state of the build.
  const server = await listen(integerFlag('port', values.port, 0, 65535, 0), staticDir, io);
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    await server.close();
    throw new UsageError(`the interface is not built (${staticDir} is missing): run "npm run build"`);
  }
  // The opened browser and the user each get their own code: opening one never spends the other.
  if (!values['no-open']) openBrowser(server.oneTimeUrl());
  io.stdout(
    `CA Bridge is running at\n  ${server.url}\n` +
      `This link works once, in one browser tab (a reload keeps working). Keep it to yourself until then. Press Ctrl+C to stop.\n`,
  );
  await untilSignal(server);
  return EXIT_OK;
}
