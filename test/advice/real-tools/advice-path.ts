/**
 * PATH with the registry tools .ci/install.d/50-advice.sh puts in .tools/advice (bun, deno, pnpm, yarn from
 * the npm registry; pip, uv, aws, requests from PyPI, in a venv) ahead of the machine's own.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export const ADVICE_TOOLS = path.resolve('.tools/advice');
export const ADVICE_BIN_DIRS = [path.join(ADVICE_TOOLS, 'js', 'node_modules', '.bin'), path.join(ADVICE_TOOLS, 'venv', 'bin')];

export const advicePath = (rest = process.env.PATH ?? '/usr/bin:/bin') => [...ADVICE_BIN_DIRS, rest].join(':');

/** A rustup-installed cargo finds its toolchains here, not under a test's own HOME (read only). */
export const RUSTUP_HOME = process.env.RUSTUP_HOME ?? path.join(os.homedir(), '.rustup');

/**
 * verify's cargo probe uses a sparse registry, stable from cargo 1.68; Debian 12's own cargo (0.66) predates
 * it. Tests expect cargo only where the cargo on PATH can run the probe, and say so otherwise.
 */
export function cargoRunsProbe(): boolean {
  try {
    const said = execFileSync('cargo', ['--version'], {
      env: { PATH: advicePath(), RUSTUP_HOME, HOME: os.homedir() },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const [, major, minor] = /cargo (\d+)\.(\d+)/.exec(said) ?? [];
    return Number(major) > 1 || (Number(major) === 1 && Number(minor) >= 68);
  } catch {
    return false;
  }
}

/** verify's tools that run on these machines (CI installs them: .ci/install.d/50-advice.sh), cargo aside (see cargoRunsProbe). */
export const VERIFY_TOOL_NAMES = [
  'node',
  'npm',
  'bun',
  'deno',
  'python3',
  'python3 requests',
  'pip',
  'uv',
  'aws',
  'openssl',
  'ruby',
  'php',
  'git',
  'curl',
  'wget',
  'java',
] as const;

/** The command each verify tool runs, to tell which are installed (found by a route independent of verify). */
const COMMAND_OF: Record<string, string[]> = {
  'python3 requests': ['python3', '-c', 'import requests'],
  java: ['java', '-version'],
};

/**
 * The tools of `names` that are installed on the advice PATH. Where .ci/install.d has not run (a developer's
 * `npm test` without .tools/advice), the missing ones are left out and named, instead of failing the test.
 */
export function installedTools(names: readonly string[], note: (message: string) => void = () => {}): string[] {
  const found = names.filter((name) => {
    const [command, ...args] = COMMAND_OF[name] ?? [name, '--version'];
    try {
      execFileSync(command!, args, { env: { PATH: advicePath(), HOME: os.homedir(), RUSTUP_HOME }, stdio: 'ignore', timeout: 30_000 });
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code !== 'ENOENT' && name !== 'python3 requests';
    }
  });
  const missing = names.filter((name) => !found.includes(name));
  if (missing.length > 0) note(`not installed here, not judged: ${missing.join(', ')} (bash .ci/run installs them)`);
  return found;
}
