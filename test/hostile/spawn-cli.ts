/**
 * Runs the CLI in a child process, so that a run that hangs or burns CPU can be killed at a hard limit
 * (an in-process call would block the test's own timers), and wall time is measured from outside.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = path.join(ROOT, 'electron', 'cli', 'bin.ts');

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  killed: boolean;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this; `killed` then says so. */
  killAfterMs: number;
  /** A command and arguments to run node under (e.g. to drop privileges). */
  wrapper?: string[];
}

export function runCliChild(args: string[], options: SpawnOptions): Promise<ChildRun> {
  const started = performance.now();
  const command = [...(options.wrapper ?? []), process.execPath, '--import', 'tsx', BIN, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: options.env?.HOME ?? ROOT, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, options.killAfterMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started, killed });
    });
  });
}
