import { execFile } from 'node:child_process';
import type { CommandRunner } from './types.js';

const TIMEOUT_MS = 5000;
const MAX_OUTPUT = 256 * 1024;

/** stdout of a successful run, or null (missing command, failure, time limit, too much output). */
export const runCommand: CommandRunner = (command, args, env) =>
  new Promise((resolve) => {
    execFile(command, args, { env, timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, encoding: 'utf8', windowsHide: true }, (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });
