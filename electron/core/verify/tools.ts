import { execFile } from 'node:child_process';
import { devNull } from 'node:os';
import { formatTarget, type Target } from '../../../shared/targets.js';
import { mapConcurrent } from '../probe/pool.js';
import type { ProxySpec } from '../proxy/proxy-url.js';
import { NODE_SCRIPT, PYTHON_REQUESTS_SCRIPT, PYTHON_URLLIB_SCRIPT } from './tool-scripts.js';

export interface ToolCheck {
  name: string;
  setting: string;
  result: 'pass' | 'fail' | 'not-found' | 'skipped';
  error: string | null;
}

export interface ToolContext {
  target: Target;
  proxy: ProxySpec | null;
  /** Where --connect-to sends this target when there is no proxy. */
  dial: Target | null;
  files: { caPem: string; bundle: string };
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  /** Called as each tool finishes, so a front door can show per-tool progress. */
  onTool?: (check: ToolCheck, done: number, total: number) => void;
}

interface ToolSpec {
  name: string;
  setting: string;
  command: string;
  /** The environment variable under test, pointing at the file the tool needs (ADD → CA, REPLACE → bundle). */
  settingValue: (files: ToolContext['files']) => string;
  args: (ctx: ToolContext, url: string) => string[] | null;
  /** Extra proof beyond a zero exit status. */
  passed?: (stdout: string, stderr: string) => boolean;
  /** The exit status says nothing about TLS (git fails on any non-Git server): judge by `passed` alone. */
  ignoreExitStatus?: boolean;
  /** Run first; when it fails, the tool counts as not found (e.g. a Python module). */
  available?: string[];
}

const seconds = (ctx: ToolContext) => String(Math.max(1, Math.round(ctx.timeoutMs / 1000)));

export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'node',
    setting: 'NODE_EXTRA_CA_CERTS',
    command: 'node',
    settingValue: (f) => f.caPem,
    args: (_c, url) => ['-e', NODE_SCRIPT, url],
  },
  {
    name: 'python3',
    setting: 'SSL_CERT_FILE',
    command: 'python3',
    settingValue: (f) => f.bundle,
    args: (c, url) => (c.dial ? null : ['-c', PYTHON_URLLIB_SCRIPT, url, seconds(c)]),
  },
  {
    name: 'python3 requests',
    setting: 'REQUESTS_CA_BUNDLE',
    command: 'python3',
    settingValue: (f) => f.bundle,
    available: ['-c', 'import requests'],
    args: (c, url) => (c.dial ? null : ['-c', PYTHON_REQUESTS_SCRIPT, url, seconds(c)]),
  },
  {
    name: 'curl',
    setting: 'CURL_CA_BUNDLE',
    command: 'curl',
    settingValue: (f) => f.bundle,
    args: (c, url) => [
      '-sS',
      '-I',
      '-o',
      devNull,
      '--max-time',
      seconds(c),
      ...(c.dial ? ['--connect-to', `${c.target.host}:${c.target.port}:${c.dial.host}:${c.dial.port}`] : []),
      url,
    ],
  },
  {
    name: 'git',
    setting: 'GIT_SSL_CAINFO',
    command: 'git',
    settingValue: (f) => f.bundle,
    args: (c, url) => (c.dial ? null : ['-c', 'credential.helper=', 'ls-remote', url]),
    ignoreExitStatus: true,
    // The lab and most sites are not Git servers: what counts is that TLS verification succeeded.
    passed: (_out, err) => !/SSL|certificate|TLS|handshake/i.test(err),
  },
  {
    name: 'openssl',
    setting: 'SSL_CERT_FILE',
    command: 'openssl',
    settingValue: (f) => f.bundle,
    args: (c) => {
      const proxyArgs = c.proxy
        ? [
            '-proxy',
            formatTarget(c.proxy),
            ...(c.proxy.auth ? ['-proxy_user', c.proxy.auth.user, '-proxy_pass', 'env:CA_BRIDGE_PROXY_PASS'] : []),
          ]
        : [];
      return [
        's_client',
        '-connect',
        formatTarget(c.dial ?? c.target),
        '-servername',
        c.target.host,
        '-verify_return_error',
        '-brief',
        ...proxyArgs,
      ];
    },
    passed: (out, err) => /Verification: OK|Verify return code: 0/.test(out + err),
  },
];

function proxyUrlWithCredentials(proxy: ProxySpec): string {
  const auth = proxy.auth ? `${encodeURIComponent(proxy.auth.user)}:${encodeURIComponent(proxy.auth.password)}@` : '';
  return `http://${auth}${formatTarget(proxy)}`;
}

/** Tool output may echo the proxy URL: never let the credentials through. */
function redact(text: string, proxy: ProxySpec | null): string {
  let out = text.replace(/\/\/[^/@\s]+:[^/@\s]*@/g, '//***@');
  for (const secret of [proxy?.auth?.password, proxy?.auth && encodeURIComponent(proxy.auth.password)]) {
    if (secret) out = out.split(secret).join('***');
  }
  return out;
}

/** The lines that state the error (curl, for one, follows its error with generic advice), else the last few. */
function errorExcerpt(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const telling = lines.filter((l) => /error|fail|problem|unable|denied|refused|certificate|verif|timed out/i.test(l));
  return (telling.length ? telling.slice(0, 2) : lines.slice(-3)).join(' | ').slice(0, 500);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<{ code: number | string | null; stdout: string; stderr: string; timedOut: boolean }>((resolve) => {
    const child = execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 1 << 20, encoding: 'utf8' }, (error, stdout, stderr) => {
      const err = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
      resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr, timedOut: Boolean(err?.killed) });
    });
    child.stdin?.end();
  });
}

async function checkTool(tool: ToolSpec, ctx: ToolContext): Promise<ToolCheck> {
  const base = { name: tool.name, setting: tool.setting };
  const url = `https://${formatTarget(ctx.target).replace(/:443$/, '')}/`;
  const args = tool.args(ctx, url);
  if (!args)
    return { ...base, result: 'skipped', error: `${tool.name} cannot follow --connect-to; verify through a proxy or against a real host` };
  const cleanEnv = Object.fromEntries(
    Object.entries(ctx.env).filter(
      ([k]) =>
        !/^(https?|all|no)_proxy$/i.test(k) &&
        !/^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|REQUESTS_CA_BUNDLE|CURL_CA_BUNDLE|GIT_SSL_CAINFO|AWS_CA_BUNDLE)$/.test(k),
    ),
  );
  const env: NodeJS.ProcessEnv = { ...cleanEnv, [tool.setting]: tool.settingValue(ctx.files), GIT_TERMINAL_PROMPT: '0' };
  if (ctx.proxy) {
    env.https_proxy = env.HTTPS_PROXY = env.CA_BRIDGE_PROXY = proxyUrlWithCredentials(ctx.proxy);
    if (ctx.proxy.auth) env.CA_BRIDGE_PROXY_PASS = ctx.proxy.auth.password;
  }
  if (ctx.dial) env.CA_BRIDGE_DIAL = formatTarget(ctx.dial);

  if (tool.available) {
    const probe = await run(tool.command, tool.available, env, ctx.timeoutMs);
    if (probe.code === 'ENOENT') return { ...base, result: 'not-found', error: `${tool.command} is not installed` };
    if (probe.code !== 0)
      return { ...base, result: 'not-found', error: `not installed: ${probe.stderr.trim().split('\n').pop() || 'check failed'}` };
  }
  const outcome = await run(tool.command, args, env, ctx.timeoutMs + 2000);
  if (outcome.code === 'ENOENT') return { ...base, result: 'not-found', error: `${tool.command} is not installed` };
  if (outcome.timedOut) return { ...base, result: 'fail', error: `no answer within ${ctx.timeoutMs} ms` };
  const ok = (outcome.code === 0 || tool.ignoreExitStatus === true) && (tool.passed?.(outcome.stdout, outcome.stderr) ?? true);
  return {
    ...base,
    result: ok ? 'pass' : 'fail',
    error: ok ? null : redact(errorExcerpt(outcome.stderr) || errorExcerpt(outcome.stdout) || `exit status ${outcome.code}`, ctx.proxy),
  };
}

/** Runs a real request with each installed tool, its own setting pointed at the export. */
export function checkTools(ctx: ToolContext): Promise<ToolCheck[]> {
  let done = 0;
  return mapConcurrent(TOOLS, 3, async (tool) => {
    const check = await checkTool(tool, ctx);
    ctx.onTool?.(check, ++done, TOOLS.length);
    return check;
  });
}
