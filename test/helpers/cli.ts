import { runCli } from '../../electron/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = any>(): T;
}

/** Runs the CLI in-process with captured output and the given environment (no proxy variables by default), optionally acting for another platform. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string, platform?: NodeJS.Platform): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env,
    cwd: process.cwd(),
    readStdin: async () => stdin,
    ...(platform ? { platform } : {}),
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
