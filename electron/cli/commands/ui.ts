import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fill } from '../../../shared/i18n/fill.js';
import type { SettingsPresets } from '../../../shared/api/results.js';
import { EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { packageRoot } from '../package-root.js';
import { integerFlag, optionsHelp, parseFlags } from '../parse-flags.js';
import { parseProxyUrl } from '../../core/proxy/proxy-url.js';
import { checkInput, errorText } from '../run-operation.js';
import { startUiServer, type UiServer } from '../ui-server.js';

const FLAGS = {
  port: { type: 'string' },
  'no-open': { type: 'boolean' },
  proxy: { type: 'string' },
  targets: { type: 'string' },
  'public-roots': { type: 'string' },
  'trust-store': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A password inside a URL (scheme://user:password@host), also behind pac+. */
const PASSWORD_IN_URL = /^(?:pac\+)?[a-z][a-z0-9+.-]*:\/\/[^/@?#]*:[^/@?#]*@/i;

/**
 * The page's settings from the command line, checked as the detect operation will check them (the
 * files resolved against the current folder, as the page shows absolute paths). A password is refused:
 * it would sit in the process list, the shell history and the page's proxy field.
 */
async function presetsFrom(
  values: { proxy?: string; targets?: string; 'public-roots'?: string; 'trust-store'?: string },
  io: CliIo,
): Promise<SettingsPresets> {
  if (values.proxy !== undefined && PASSWORD_IN_URL.test(values.proxy)) throw new UsageError((m) => m.cli.usageError.passwordInProxy);
  const absolute = (file: string | undefined) => (file === undefined ? undefined : path.resolve(io.cwd, file));
  const presets: SettingsPresets = {
    ...(values.targets !== undefined ? { targets: values.targets } : {}),
    ...(values.proxy !== undefined ? { proxy: values.proxy } : {}),
    ...(values['public-roots'] !== undefined ? { publicRootsFile: absolute(values['public-roots']) } : {}),
    ...(values['trust-store'] !== undefined ? { trustStorePath: absolute(values['trust-store']) } : {}),
  };
  // Only the format: the files are read when the page checks, as for the fields typed there.
  await checkInput('detect', { targets: presets.targets, proxy: presets.proxy });
  const proxy = presets.proxy;
  if (proxy !== undefined && !['direct', 'system'].includes(proxy) && !proxy.startsWith('pac+')) {
    const parsed = parseProxyUrl(proxy);
    if (!parsed.ok) throw new UsageError((m) => errorText(m, { ...parsed.error, field: 'proxy' }, `--proxy: ${parsed.error.message}`));
  }
  return presets;
}

export const uiHelp = (w: Messages) => fill(w.cli.help.ui, { options: optionsHelp(w, FLAGS, {}, w.cli.uiPreset) });

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

async function listen(port: number, staticDir: string, io: CliIo, presets: SettingsPresets): Promise<UiServer> {
  try {
    return await startUiServer({
      port,
      staticDir,
      service: {
        env: io.env,
        platform: io.platform ?? process.platform,
        locale: Intl.DateTimeFormat().resolvedOptions().locale,
        log: io.log,
        presets,
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError((m) => fill(m.cli.usageError.portInUse, { port }));
    if (code === 'EACCES') throw new UsageError((m) => fill(m.cli.usageError.portDenied, { port }));
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
  const w = wordsFor(io);
  if (values.help) return (io.stdout(uiHelp(w)), EXIT_OK);
  const staticDir = path.join(packageRoot(), 'renderer', 'dist');
  // The port first: a port in use is the user's to fix whatever the state of the build.
  const presets = await presetsFrom(values, io);
  const server = await listen(integerFlag('port', values.port, 0, 65535, 0), staticDir, io, presets);
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    await server.close();
    throw new UsageError((m) => fill(m.cli.usageError.notBuilt, { dir: staticDir }));
  }
  // The opened browser and the user each get their own code: opening one never spends the other.
  if (!values['no-open']) openBrowser(server.oneTimeUrl());
  io.stdout(fill(w.cli.ui.running, { url: server.url }));
  await untilSignal(server);
  return EXIT_OK;
}
