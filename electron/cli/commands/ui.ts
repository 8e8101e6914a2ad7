import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EXIT_OK, UsageError, type CliIo } from '../io.js';
import { packageRoot } from '../package-root.js';
import { integerFlag, parseFlags } from '../parse-flags.js';
import { startUiServer } from '../ui-server.js';

export const UI_HELP = `Usage: ca-bridge ui [--port N] [--no-open]

Serves the CA Bridge interface to your browser, on 127.0.0.1 only, for machines where the desktop
app cannot be installed. Prints a URL with a one-time random token; requests without it, from
another address, or carrying a foreign Host or Origin header are refused. Stop with Ctrl+C.

  --port N     port to listen on (default: a free one)
  --no-open    do not open the browser, only print the URL
`;

const FLAGS = { port: { type: 'string' }, 'no-open': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  spawn(command as string, args as string[], { detached: true, stdio: 'ignore' })
    .on('error', () => {})
    .unref();
}

export async function uiCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(UI_HELP), EXIT_OK);
  const staticDir = path.join(packageRoot(), 'renderer', 'dist');
  if (!existsSync(path.join(staticDir, 'index.html')))
    throw new UsageError(`the interface is not built (${staticDir} is missing): run "npm run build"`);
  const server = await startUiServer({
    port: integerFlag('port', values.port, 0, 65535, 0),
    staticDir,
    service: { env: io.env, platform: process.platform, locale: Intl.DateTimeFormat().resolvedOptions().locale, log: io.log },
  });
  io.stdout(`CA Bridge is running at\n  ${server.url}\nKeep this URL to yourself: it carries the access token. Press Ctrl+C to stop.\n`);
  if (!values['no-open']) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return EXIT_OK;
}
