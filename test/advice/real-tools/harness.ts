/**
 * Runs a real tool in an isolated HOME through the lab's inspecting proxy, and applies exactly what the
 * catalogue generates for a row: its session variables, its persistent commands (run by bash, as printed),
 * or its file fragments written where they say. Everything it starts, it waits for; everything it writes
 * lives in a temp folder.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fillRaw, renderTool, type ExportPaths, type Jdk } from '../../../shared/guidance/render.js';
import { toolGuide, type ToolId } from '../../../shared/guidance/tools.js';

export interface Ran {
  code: number;
  output: string;
}

/** Asynchronous on purpose: the lab's origins and proxy run in this process and must keep answering. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs = 120_000): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { env, cwd, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}${error && !stdout && !stderr ? error.message : ''}` });
    });
  });
}

/** A fresh HOME (and XDG folders under it) so no tool reads this machine's configuration. */
export function isolatedHome(root: string, label: string): string {
  const home = mkdtempSync(path.join(root, `${label.replace(/[^a-z0-9]/gi, '-')}-`));
  for (const sub of ['.config', '.cache', 'work']) mkdirSync(path.join(home, sub), { recursive: true });
  return home;
}

export function baseEnv(home: string, proxyUrl: string, extraPath: string[] = []): NodeJS.ProcessEnv {
  return {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    PATH: [...extraPath, process.env.PATH ?? '/usr/bin:/bin'].join(':'),
    LANG: 'C.UTF-8',
    // This machine's global npmrc (under the Node.js prefix) must not decide the outcome.
    npm_config_globalconfig: path.join(home, 'no-global-npmrc'),
    npm_config_update_notifier: 'false',
    https_proxy: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    no_proxy: '',
    NO_PROXY: '',
  };
}

/** Which of the row's generated ways to apply: session variables, persistent commands, or file fragments. */
export type Way = 'session' | 'persistent' | 'fragment' | 'persistent+session';

/**
 * Applies one way of a row, exactly as `snippets --shell bash --tool ID` prints it, to the isolated HOME:
 * returns the variables to add to the tool's environment.
 */
export async function applyGenerated(
  id: ToolId,
  way: Way,
  paths: ExportPaths,
  env: NodeJS.ProcessEnv,
  jdks: Jdk[] = [],
): Promise<NodeJS.ProcessEnv> {
  if (way === 'persistent+session') {
    await applyGenerated(id, 'persistent', paths, env, jdks);
    return applyGenerated(id, 'session', paths, env, jdks);
  }
  const row = toolGuide(id);
  const rendered = renderTool(row, 'bash', paths, 'en', jdks);
  const added: NodeJS.ProcessEnv = {};
  if (way === 'session') {
    for (const step of row.steps) {
      if (step.kind !== 'env') continue;
      added[step.name] = typeof step.value === 'string' ? paths[step.value] : fillRaw(step.value.literal, paths);
    }
    // The values are what the printed lines set: the paste test proves the lines; here the tool proves the values.
    if (rendered.session.length !== Object.keys(added).length) throw new Error(`${id}: session lines and env steps disagree`);
  } else if (way === 'persistent') {
    for (const p of rendered.persistent) {
      const done = await run('bash', ['--norc', '--noprofile', '-c', p.command], env, env.HOME!);
      if (done.code !== 0) throw new Error(`${id}: the generated command failed: ${p.command}\n${done.output}`);
    }
  } else {
    for (const f of rendered.fragments) {
      if (!f.path.startsWith('~/')) throw new Error(`${id}: fragment for ${f.path} is not a file in HOME`);
      writeFileSync(path.join(env.HOME!, f.path.slice(2)), f.text + '\n');
    }
  }
  return added;
}

/** The bundle as export writes it: the public roots (here the lab's) plus the corporate CA. */
export const labBundle = (families: Record<string, { root: { pem: string } }>, caPem: string): string =>
  Object.values(families)
    .map((f) => f.root.pem)
    .join('') + caPem;
