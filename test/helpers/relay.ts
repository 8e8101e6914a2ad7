/**
 * Running the relay advice for real: its files written verbatim (only the placeholders filled in), its
 * start commands and tool settings run through the shell they are labelled for, each process in its
 * own process group so the test stops the relay and everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Shell } from '../../shared/guidance/quote.js';
import type { ShellBlock } from '../../shared/proxy-advice.js';
import { LOOPBACK, sleep } from '../lab/servers.js';

export const RELAY_VENV = path.resolve('.tools/relay/venv/bin');

export function pxMissing(): string | null {
  return existsSync(path.join(RELAY_VENV, 'px'))
    ? null
    : 'px is not installed in .tools/relay/venv (.ci/install.d/70-relay.sh installs it)';
}
export function cntlmMissing(): string | null {
  return existsSync('/usr/sbin/cntlm') ? null : 'cntlm is not installed (Debian package "cntlm"; .ci/run installs it)';
}

/** An environment built from nothing: no proxy variable or config of this machine leaks into a tool. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: `${RELAY_VENV}:${process.env.PATH}`, HOME: home, LANG: 'C.UTF-8', ...extra };
}

/** The lines a block gives for one shell; the block must exist, or the advice left that shell out. */
export function linesFor(blocks: readonly ShellBlock[], shell: Shell): string[] {
  const block = blocks.find((b) => b.shells.includes(shell));
  if (!block) throw new Error(`no block for ${shell}`);
  return block.lines;
}

const SHELL_BINARY: Partial<Record<Shell, string>> = { bash: 'bash', zsh: 'zsh', fish: 'fish' };

export interface Run {
  code: number | null;
  out: string;
}

/** Runs a script in one shell (its own process group), with input on stdin, within a generous time limit. */
export function runShell(shell: Shell, script: string, options: { cwd: string; env: NodeJS.ProcessEnv; input?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(SHELL_BINARY[shell]!, ['-c', script], { cwd: options.cwd, env: options.env, detached: true });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => killGroup(child), 120_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
    // A script that never reads its input may exit before the write lands: EPIPE then is not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

export interface Relay {
  port: number;
  output(): string;
  stop(): Promise<void>;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, LOOPBACK, () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Starts a relay with the advice's own start line, in the foreground, and waits until it listens. */
export async function startRelay(
  shell: Shell,
  line: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; port: number; input?: string },
): Promise<Relay> {
  const child = spawn(SHELL_BINARY[shell]!, ['-c', line], { cwd: options.cwd, env: options.env, detached: true });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  let exited = false;
  const closed = new Promise<void>((resolve) => child.once('close', () => ((exited = true), resolve())));
  // The password px reads (a line, as typed); stdin stays open like a terminal's.
  child.stdin.on('error', () => undefined); // a relay that exits at once has its own failure to report
  if (options.input) child.stdin.write(options.input);
  const stop = async () => {
    if (exited) return;
    killGroup(child);
    await Promise.race([closed, sleep(10_000)]);
    if (!exited) killGroup(child, 'SIGKILL');
    await closed;
  };
  const deadline = Date.now() + 60_000;
  while (!(await accepts(options.port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`${line} did not start listening on ${options.port}:\n${out}`);
    }
    await sleep(200);
  }
  return { port: options.port, output: () => out, stop };
}
