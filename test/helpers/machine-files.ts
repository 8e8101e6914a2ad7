/**
 * Files of this machine a tool reads whatever HOME and its variables say. pip always reads /etc/pip.conf
 * (here `cert = /etc/ssl/certs/ca-certificates.crt`); the only variable that skips it (PIP_CONFIG_FILE=os.devnull)
 * skips the user's pip.conf too, which is the file apply writes and doctor --fix edits. So pip (or the CLI
 * that runs it) runs in a mount namespace of its own where that file reads as empty: the machine's file is
 * never touched, and a proof is about the user's files alone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CliRun } from './cli.js';

export const MACHINE_FILES: Record<string, string[]> = { pip: ['/etc/pip.conf', '/etc/xdg/pip/pip.conf'] };
const HIDE_SCRIPT = 'for f in "$@"; do [ "$f" = -- ] && break; mount --bind /dev/null "$f"; shift; done; shift; exec "$@"';
export const canHide =
  spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount --bind /dev/null /dev/null'], { timeout: 60_000 })
    .status === 0;

const presentFiles = (rows: readonly string[]) => rows.flatMap((row) => (MACHINE_FILES[row] ?? []).filter((f) => existsSync(f)));

/** The call run with the rows' machine files reading as empty (unchanged when there are none). */
export function withoutMachineFiles(
  rows: string | readonly string[],
  call: { command: string; args: string[] },
): { command: string; args: string[] } {
  const present = presentFiles(typeof rows === 'string' ? [rows] : rows);
  if (present.length === 0) return call;
  return {
    command: 'unshare',
    args: ['--mount', '--propagation', 'private', 'sh', '-c', HIDE_SCRIPT, 'hide', ...present, '--', call.command, ...call.args],
  };
}

/** Why a row's machine files cannot be hidden here, or null. */
export const hideMissing = (rows: string | readonly string[]) => {
  const present = presentFiles(typeof rows === 'string' ? [rows] : rows);
  return !canHide && present.length ? `${present.join(', ')} cannot be hidden here (unshare --mount needs root)` : null;
};

const CLI = path.join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli', 'bin.js');

/** A command run with pip's machine files reading as empty (its children too). */
export function runWithoutPipMachineFiles(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Promise<CliRun> {
  const call = withoutMachineFiles('pip', { command, args });
  return new Promise((resolve, reject) => {
    const child = spawn(call.command, call.args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}

/** The built CLI (npm run build first) run that way, for doctor --fix's pip proofs. */
export const cliWithoutPipMachineFiles = (args: string[], env: NodeJS.ProcessEnv) =>
  runWithoutPipMachineFiles(process.execPath, [CLI, ...args], env);
