import { execFile } from 'node:child_process';
import { devNull } from 'node:os';
import { escapeNetworkText } from '../../../shared/network-text.js';
import { formatTarget, type Target } from '../../../shared/targets.js';
import { mapConcurrent } from '../probe/pool.js';
import { redactSecrets, type ProxySpec } from '../proxy/proxy-url.js';
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
  /** Written to the tool's standard input. */
  input?: (ctx: ToolContext) => string;
  extraEnv?: NodeJS.ProcessEnv;
  /**
   * Positive proof that a request went through with verification on: the site's own HTTP answer,
   * received over the verified connection. Never the mere absence of certificate words: a proxy that
   * answers 407 or hangs up produces no certificate error either.
   */
  proof: (stdout: string, stderr: string) => boolean;
  /** Exit statuses that, with the proof, mean success (default: only 0). */
  successStatuses?: readonly number[];
  /** Run first; when it fails, the tool counts as not found (e.g. a Python module). */
  available?: string[];
}

/** An HTTP status line at the start of a line of the tool's output: "HTTP/1.1 404 Not Found", "HTTP 200". */
const STATUS_LINE = /^HTTP(?:\/\d(?:\.\d)?)? [1-5]\d\d\b/m;
const showsStatus = (text: string) => STATUS_LINE.test(text);

/**
 * git's curl trace: the request line git sends inside the tunnel (the CONNECT request is not a GET),
 * then a response status line received after it. Only a verified TLS connection gets that far.
 */
function gitGotAnswer(stderr: string): boolean {
  const sent = stderr.search(/=> Send header: GET \/\S*info\/refs/);
  return sent >= 0 && /<= Recv header: HTTP\/\S+ [1-5]\d\d\b/.test(stderr.slice(sent));
}

const seconds = (ctx: ToolContext) => String(Math.max(1, Math.round(ctx.timeoutMs / 1000)));

export const TOOLS: readonly ToolSpec[] = [
  {
    name: 'node',
    setting: 'NODE_EXTRA_CA_CERTS',
    command: 'node',
    settingValue: (f) => f.caPem,
    args: (_c, url) => ['-e', NODE_SCRIPT, url],
    proof: (out) => showsStatus(out),
  },
  {
    name: 'python3',
    setting: 'SSL_CERT_FILE',
    command: 'python3',
    settingValue: (f) => f.bundle,
    args: (c, url) => (c.dial ? null : ['-c', PYTHON_URLLIB_SCRIPT, url, seconds(c)]),
    proof: (out) => showsStatus(out),
  },
  {
    name: 'python3 requests',
    setting: 'REQUESTS_CA_BUNDLE',
    command: 'python3',
    settingValue: (f) => f.bundle,
    available: ['-c', 'import requests'],
    args: (c, url) => (c.dial ? null : ['-c', PYTHON_REQUESTS_SCRIPT, url, seconds(c)]),
    proof: (out) => showsStatus(out),
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
      '-w',
      'HTTP %{response_code}\\n',
      '--max-time',
      seconds(c),
      ...(c.dial ? ['--connect-to', `${c.target.host}:${c.target.port}:${c.dial.host}:${c.dial.port}`] : []),
      url,
    ],
    // %{response_code} is 000 when no answer came; a failed CONNECT also exits non-zero.
    proof: (out) => showsStatus(out) && !/^HTTP 000/m.test(out),
  },
  {
    name: 'git',
    setting: 'GIT_SSL_CAINFO',
    command: 'git',
    settingValue: (f) => f.bundle,
    args: (c, url) => (c.dial ? null : ['-c', 'credential.helper=', 'ls-remote', url]),
    extraEnv: { GIT_TRACE_CURL: '1', GIT_TRACE_CURL_NO_DATA: '1', GIT_TRACE_REDACT: '1' },
    // The lab and most sites are not Git servers, so git ends with 128 ("not found", "not valid") even
    // when TLS worked: it passes on 0, or on 128 with the site's own HTTP answer in its trace.
    successStatuses: [0, 128],
    proof: (_out, err) => gitGotAnswer(err),
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
        // Keep the connection after standard input ends, until the site has answered the request below.
        '-ign_eof',
        ...proxyArgs,
      ];
    },
    input: (c) => `HEAD / HTTP/1.1\r\nHost: ${c.target.host}\r\nConnection: close\r\n\r\n`,
    // s_client exits 1 when a server (mitmproxy, for one) ends TLS without close_notify after answering;
    // the proof is its own "Verification: OK" line, then the site's status line in the data it received.
    successStatuses: [0, 1],
    proof: (out, err) => /^Verification: OK\r?$/m.test(err) && showsStatus(out),
  },
];

function proxyUrlWithCredentials(proxy: ProxySpec): string {
  const auth = proxy.auth ? `${encodeURIComponent(proxy.auth.user)}:${encodeURIComponent(proxy.auth.password)}@` : '';
  return `http://${auth}${formatTarget(proxy)}`;
}

/**
 * Tool output may echo the proxy URL or the header made from it: the password never gets through, in
 * clear, URL-encoded or inside the Basic credentials. What is left is the tool's own text, with any
 * control characters from the network made visible.
 */
function redact(text: string, proxy: ProxySpec | null): string {
  return escapeNetworkText(redactSecrets(text.replace(/\/\/[^/@\s]+:[^/@\s]*@/g, '//***@'), proxy?.auth ?? null));
}

/** git's curl trace (timestamped lines) is proof material, not an error message. */
const TRACE_LINE = /^\d\d:\d\d:\d\d\.\d+ \S+:\d+\s+(?:==|=>|<=) /;

/** The lines that state the error (curl, for one, follows its error with generic advice), else the last few. */
function errorExcerpt(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => !TRACE_LINE.test(l))
    .map((l) => l.trim())
    .filter(Boolean);
  const telling = lines.filter((l) => /error|fail|problem|unable|denied|refused|certificate|verif|timed out|proxy|407/i.test(l));
  return (telling.length ? telling.slice(0, 2) : lines.slice(-3)).join(' | ').slice(0, 500);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, input = '') {
  return new Promise<{ code: number | string | null; stdout: string; stderr: string; timedOut: boolean }>((resolve) => {
    const child = execFile(command, args, { env, timeout: timeoutMs, maxBuffer: 1 << 20, encoding: 'utf8' }, (error, stdout, stderr) => {
      const err = error as (NodeJS.ErrnoException & { killed?: boolean }) | null;
      resolve({ code: err ? (err.code ?? 1) : 0, stdout, stderr, timedOut: Boolean(err?.killed) });
    });
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
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
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv,
    ...tool.extraEnv,
    [tool.setting]: tool.settingValue(ctx.files),
    GIT_TERMINAL_PROMPT: '0',
  };
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
  const outcome = await run(tool.command, args, env, ctx.timeoutMs + 2000, tool.input?.(ctx));
  if (outcome.code === 'ENOENT') return { ...base, result: 'not-found', error: `${tool.command} is not installed` };
  if (outcome.timedOut) return { ...base, result: 'fail', error: `no answer within ${ctx.timeoutMs} ms` };
  const statusOk = typeof outcome.code === 'number' && (tool.successStatuses ?? [0]).includes(outcome.code);
  const ok = statusOk && tool.proof(outcome.stdout, outcome.stderr);
  if (ok) return { ...base, result: 'pass', error: null };
  const said = errorExcerpt(outcome.stderr) || errorExcerpt(outcome.stdout);
  const why = statusOk ? `no answer from the site came through (exit status ${outcome.code})` : `exit status ${outcome.code}`;
  return { ...base, result: 'fail', error: redact(said ? `${said}; ${why}` : why, ctx.proxy) };
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
