import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os, { devNull } from 'node:os';
import path from 'node:path';
import { TOOL_GUIDES, type ToolId, type VerifyProbe } from '../../../shared/guidance/tools.js';
import type { ExportFile } from '../../../shared/guidance/env-vars.js';
import type { ToolOutcome, ToolRouteOutcome } from '../../../shared/api/results.js';
import { envVarValues } from '../../../shared/guidance/render.js';
import { escapeNetworkText } from '../../../shared/network-text.js';
import type { SettingFinding, SettingsScan, ShellLaterAssignment } from '../../../shared/settings.js';
import { CA_VARIABLES } from '../doctor/ca-variables.js';
import { parseCertificates } from '../cert/x509.js';
import { readUserFile } from '../fs/read-user-file.js';
import { findingsFor, scanSettings } from '../settings/index.js';
import { writeControlExport } from './control-ca.js';
import { judgeTool } from './judge.js';
import { combineRoutes, routeOutcome } from './route-results.js';
import { formatTarget, type Target } from '../../../shared/targets.js';
import { onPath } from '../fs/on-path.js';
import { mapConcurrent } from '../probe/pool.js';
import { proxyUrlWithCredentials, redactSecrets, type ProxySpec } from '../proxy/proxy-url.js';
import { EXPORT_FILES } from '../export/write.js';
import { fileSettingRow } from '../tool-config/file-settings.js';
import { controlOutranking, javaControlOptions, JAVA_STORE_OPTION } from './applied-control.js';
import { PROOFS } from './proofs.js';
import { acceptsProxy, proxyTrustFor } from './proxy-kinds.js';
import { proxyRefusedSignIn, signInForTool, type ProxyOffer } from './proxy-sign-in.js';
import {
  BUN_SCRIPT,
  DENO_SCRIPT,
  NODE_SCRIPT,
  PHP_SCRIPT,
  PYTHON_REQUESTS_SCRIPT,
  PYTHON_URLLIB_SCRIPT,
  RUBY_SCRIPT,
  JAVA_SCRIPT,
} from './tool-scripts.js';

export type ToolCheck = ToolOutcome;

export interface ToolContext {
  target: Target;
  proxy: ProxySpec | null;
  /** Where --connect-to sends this target when there is no proxy. */
  dial: Target | null;
  files: { caPem: string; bundle: string; caDer?: string };
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  /**
   * Why the route to the target could not be worked out (a PAC file that fails, a setting naming no
   * usable proxy): then no tool is run, since going direct would test a path the user's traffic never takes.
   */
  routeProblem?: string;
  /** What the proxy asks of a client without credentials (verify/proxy-sign-in.ts); absent: nothing. */
  offer?: ProxyOffer;
  /** Set per tool by checkTool: its sign-in arguments and variables, and the proxy whose password its output must never show. */
  signIn?: { args: string[]; env: Record<string, string>; secretsOf: ProxySpec | null };
  /** PEMs that verify an HTTPS proxy's certificate (the OS store), handed to the tools that take one. */
  proxyTrust?: readonly string[];
  /** Called as each tool finishes, so a front door can show per-tool progress. */
  onTool?: (check: ToolCheck, done: number, total: number) => void;
  /**
   * The session variables CA Bridge's advice sets (what `snippets` prints, overrides included), pointed at
   * the export; default: the shared block for these files.
   */
  advice?: Record<string, string>;
  /** The user's settings as the scanner found them; default: scanned from `env` and `cwd`. */
  settings?: SettingsScan;
  /**
   * Proving the applied state: row id → the file `apply --tool` set the row's line in (the tool reads it
   * by itself from the user's HOME). Absent: the session snippet is proven.
   */
  appliedFiles?: ReadonlyMap<string, string>;
  /** Proving the applied state: what the user's shells set after CA Bridge's block (shell-later.ts), per variable. */
  shellLater?: readonly ShellLaterAssignment[];
  /** The folder the tools run in (their project files count); default: this process's. */
  cwd?: string;
  /** Cancels the run: tools not started are skipped, running ones are killed with their process group. */
  signal?: AbortSignal;
  /**
   * The routes every tool runs on (run-verify.ts chooses one site per inspection CA and route); absent:
   * the one route of `target`, `proxy` and `dial` above.
   */
  routes?: ToolRoute[];
}

/** One route: its own site, proxy (or dial mapping), what that proxy offers, and the label the results carry. */
export interface ToolRoute extends Pick<ToolContext, 'target' | 'proxy' | 'dial' | 'routeProblem' | 'offer' | 'proxyTrust'> {
  /** As detection reports it: `DIRECT`, the proxy's URL without credentials, Chromium's route. */
  route: string;
}

/** The route of a context given without `routes` (a single site, as callers other than verify give it). */
const soleRoute = (ctx: ToolContext): ToolRoute => ({
  route: ctx.proxy ? ctx.proxy.redactedUrl : 'DIRECT',
  target: ctx.target,
  proxy: ctx.proxy,
  dial: ctx.dial,
  routeProblem: ctx.routeProblem,
  offer: ctx.offer,
  proxyTrust: ctx.proxyTrust,
});

/** The programs some probes run, by probe name (the catalogue's {script}). */
const SCRIPTS: Readonly<Record<string, string>> = {
  node: NODE_SCRIPT,
  python3: PYTHON_URLLIB_SCRIPT,
  'python3 requests': PYTHON_REQUESTS_SCRIPT,
  bun: BUN_SCRIPT,
  deno: DENO_SCRIPT,
  ruby: RUBY_SCRIPT,
  php: PHP_SCRIPT,
  java: JAVA_SCRIPT,
};

/** verify's tool list is the catalogue's: every row's probes, once each by name, in catalogue order. */
export const VERIFY_PROBES: readonly { row: ToolId; probe: VerifyProbe }[] = (() => {
  const seen = new Set<string>();
  const list: { row: ToolId; probe: VerifyProbe }[] = [];
  for (const row of TOOL_GUIDES)
    for (const probe of row.verify.probes) {
      if (seen.has(probe.name)) continue;
      if (probe.args.includes('{script}') && !SCRIPTS[probe.name]) throw new Error(`verify probe ${probe.name} has no script`);
      seen.add(probe.name);
      list.push({ row: row.id, probe });
    }
  return list;
})();

const seconds = (ctx: ToolContext) => String(Math.max(1, Math.round(ctx.timeoutMs / 1000)));

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

/** uv's -vv trace and its debug dumps of errors, Node's TLS debug lines (npm), Java echoing its options: proof material or noise, never the error that is meant. */
const VERBOSE_LINE = /^\s*(?:TRACE |DEBUG |[\d.]+s +DEBUG |TLS \d+: |\d+: |Picked up JAVA_TOOL_OPTIONS)/;

/**
 * The lines that state the error: certificate words first (a tool may say several things, the TLS
 * failure among them), then other error words (curl follows its error with generic advice), else the last few.
 */
function errorExcerpt(text: string): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((l) => !TRACE_LINE.test(l) && !VERBOSE_LINE.test(l))
    .map((l) => l.trim())
    .filter(Boolean);
  const tls = lines.filter((l) => /certificate|\bSSL\b|\bTLS\b|UnknownIssuer/i.test(l) && !/^Loaded CA certificate/.test(l));
  const telling = lines.filter((l) => /error|fail|problem|unable|denied|refused|certificate|verif|timed out|proxy|407/i.test(l));
  const chosen = tls.length ? tls : telling;
  return (chosen.length ? chosen.slice(0, 2) : lines.slice(-3)).join(' | ').slice(0, 500);
}

const CANCELLED = 'cancelled before it finished';

/** Each output stream of a tool is kept up to this size; the rest is dropped (the start holds the error). */
const MAX_OUTPUT_CHARS = 1 << 20;

interface RunOutcome {
  code: number | string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
}

/**
 * Runs a tool in a process group of its own, so that on a timeout or a cancellation the whole group is
 * killed: npm, pip or a JVM start helpers of their own, which a kill of the tool alone would leave behind.
 * (Windows has no process groups; there the tool itself is killed.)
 */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, input = '', signal?: AbortSignal) {
  return new Promise<RunOutcome>((resolve) => {
    if (signal?.aborted) return resolve({ code: null, stdout: '', stderr: '', timedOut: false, cancelled: true });
    const group = process.platform !== 'win32';
    const child = spawn(command, args, { env, detached: group, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let stopped: 'timeout' | 'cancelled' | null = null;
    const kill = (why: 'timeout' | 'cancelled') => {
      stopped ??= why;
      try {
        if (group && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => kill('timeout'), timeoutMs);
    const onAbort = () => kill('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = (stdout + d).slice(0, MAX_OUTPUT_CHARS)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(0, MAX_OUTPUT_CHARS)));
    const finish = (code: number | string | null) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // The tool may have exited and left helpers behind in its group: they go too.
      if (group && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the group is empty
        }
      }
      resolve({ code, stdout, stderr, timedOut: stopped === 'timeout', cancelled: stopped === 'cancelled' });
    };
    child.once('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 1));
    child.once('close', (code, killedBy) => finish(stopped ? null : (code ?? killedBy ?? 1)));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

interface RunPlace {
  url: string;
  tmp: string;
  /** The HTTPS proxy's trust as a file, when the proxy is one. */
  proxyTrustFile: string | null;
  files: Record<ExportFile, string>;
  /** The negative control's export: a CA generated for this run, and the bundle with it instead of the exported CA. */
  control: Record<ExportFile, string>;
  /** The session variables of the advice, and the same names pointed at the control's files. */
  advice: Record<string, string>;
  controlAdvice: Record<string, string>;
  settings: SettingsScan;
  /** The trust store of the JDK whose java is on PATH (for {cacerts}). */
  cacerts: string;
}

/** A probe's program written to a file, for runtimes that run files (Java's single-file source launcher). */
const scriptFile = (probe: VerifyProbe, place: RunPlace) =>
  path.join(place.tmp, probe.name === 'java' ? 'Probe.java' : `${probe.name}-probe`);

function fill(a: string, probe: VerifyProbe, ctx: ToolContext, place: RunPlace, files = place.files): string {
  return a
    .replaceAll('{script-file}', scriptFile(probe, place))
    .replaceAll('{script}', SCRIPTS[probe.name] ?? '')
    .replaceAll('{cacerts}', place.cacerts)
    .replaceAll('{url}', place.url)
    .replaceAll('{host}', ctx.target.host)
    .replaceAll('{authority}', formatTarget(ctx.dial ?? ctx.target))
    .replaceAll('{seconds}', seconds(ctx))
    .replaceAll('{ms}', String(ctx.timeoutMs))
    .replaceAll('{tmp}', place.tmp)
    .replaceAll('{devnull}', devNull)
    .replaceAll('{file}', files[probe.file]);
}

/** Fills a probe's argument placeholders; {proxy-args} and {connect-to-args} expand to zero or more arguments. */
function expandArgs(probe: VerifyProbe, ctx: ToolContext, place: RunPlace, files = place.files): string[] {
  return probe.args.flatMap((a) => {
    if (a === '{proxy-args}')
      return ctx.proxy
        ? [
            '-proxy',
            formatTarget(ctx.proxy),
            ...(ctx.proxy.auth ? ['-proxy_user', ctx.proxy.auth.user, '-proxy_pass', 'env:CA_BRIDGE_PROXY_PASS'] : []),
          ]
        : [];
    if (a === '{connect-to-args}')
      return ctx.dial ? ['--connect-to', `${ctx.target.host}:${ctx.target.port}:${ctx.dial.host}:${ctx.dial.port}`] : [];
    return [fill(a, probe, ctx, place, files)];
  });
}

/**
 * The variable of the advice that serves this probe: its own when the snippet sets it; for npm, the
 * override (NPM_CONFIG_CAFILE) when one was added, else NODE_EXTRA_CA_CERTS, which npm honours when no
 * npmrc sets cafile. Null: the snippet configures nothing for this tool.
 */
function servingVariable(probe: VerifyProbe, advice: Record<string, string>): string | null {
  if (probe.env && probe.env in advice) return probe.env;
  if (probe.name === 'npm')
    return (
      Object.keys(advice).find((k) => k.toLowerCase() === 'npm_config_cafile') ??
      ('NODE_EXTRA_CA_CERTS' in advice ? 'NODE_EXTRA_CA_CERTS' : null)
    );
  return null;
}

/** The setting a not-configured tool needs: its variable, or its flag. */
const ownSetting = (probe: VerifyProbe) =>
  probe.env ?? probe.args.find((a) => a.includes('{file}'))?.replace(/=?\{file\}/, '') ?? probe.name;

/**
 * Copies the user's config files into the run's own tool home (cargo's config.toml into the CARGO_HOME of
 * the run): the user's settings count while the tool's caches stay in the run's folder. A file that is not
 * there is skipped; one that cannot be copied leaves the run as the user would be without it, never fails it.
 */
async function carryUserFiles(carries: NonNullable<VerifyProbe['carries']>, env: NodeJS.ProcessEnv, tmp: string): Promise<void> {
  const from = env[carries.env] || path.join(env.HOME ?? env.USERPROFILE ?? os.homedir(), carries.home);
  const into = carries.into.replaceAll('{tmp}', tmp);
  await mkdir(into, { recursive: true });
  for (const name of carries.files) {
    const bytes = await readUserFile(path.join(from, name), { maxBytes: 1024 * 1024 }).catch(() => null);
    if (bytes) await writeFile(path.join(into, name), bytes);
  }
}

type RunResult = { passed: true } | { passed: false; why: string } | { skipped: ToolCheck };

/**
 * One run of the probe: the user's environment (proxy variables and CA Bridge's own removed), the
 * session variables given, and only what the run needs besides (proxy, target mapping, a folder for
 * caches and logs, tracing that shows the answer).
 */
async function runProbe(
  probe: VerifyProbe,
  ctx: ToolContext,
  place: RunPlace,
  vars: Record<string, string>,
  files: Record<ExportFile, string>,
  prepare: boolean,
  base: Pick<ToolCheck, 'name' | 'setting'>,
  extraArgs: readonly string[] = [],
): Promise<RunResult> {
  const skip = (result: ToolCheck['result'], error: string): RunResult => ({
    skipped: { ...base, result, error, control: 'not-run', settings: [] },
  });
  const trust = place.proxyTrustFile ? proxyTrustFor(probe.name, place.proxyTrustFile) : { args: [], env: {} };
  // A flag that is the row's own setting (wget --ca-certificate) is not part of the session snippet.
  const secrets = ctx.signIn?.secretsOf ?? ctx.proxy;
  const args = [
    ...trust.args,
    ...(ctx.signIn?.args ?? []),
    ...expandArgs({ ...probe, args: probe.args.filter((a) => !a.includes('{file}')) }, ctx, place, files),
    ...extraArgs,
  ];
  const proxyUrl = ctx.proxy ? proxyUrlWithCredentials(ctx.proxy) : '';
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(ctx.env).filter(([k]) => !/^(https?|all|no)_proxy$/i.test(k) && !/^CA_BRIDGE_/i.test(k)),
  );
  // With no locale at all (a service, a bare browser-mode server), the JVM and others treat file names as
  // ASCII and turn a Japanese export folder into "???": a UTF-8 default keeps the path intact. Never
  // overrides a locale the user has.
  if (!env.LANG && !env.LC_ALL && !env.LC_CTYPE && process.platform !== 'win32') env.LANG = 'C.UTF-8';
  Object.assign(env, vars);
  for (const [k, v] of Object.entries(probe.extraEnv ?? {}))
    if (!v.includes('{proxy}') || ctx.proxy)
      env[k] = v
        .replaceAll('{proxy}', proxyUrl)
        .replaceAll('{tmp}', place.tmp)
        .replaceAll('{devnull}', devNull)
        .replaceAll('{seconds}', seconds(ctx));
  if (probe.carries) await carryUserFiles(probe.carries, ctx.env, place.tmp);
  if (prepare && probe.prepare) {
    for (const [command, ...rest] of probe.prepare) {
      const step = await run(command!, expandArgs({ ...probe, args: rest }, ctx, place, files), env, ctx.timeoutMs, '', ctx.signal);
      if (step.cancelled) return skip('skipped', CANCELLED);
      if (step.code === 'ENOENT') return skip('not-found', `${command} is not installed`);
      if (step.code !== 0)
        return {
          passed: false,
          why: redact(`${command}: ${errorExcerpt(`${step.stderr}\n${step.stdout}`) || `exit status ${step.code}`}`, secrets),
        };
    }
  }
  if (ctx.proxy) {
    Object.assign(env, trust.env, ctx.signIn?.env);
    env.https_proxy = env.HTTPS_PROXY = env.CA_BRIDGE_PROXY = proxyUrl;
    if (ctx.proxy.auth) env.CA_BRIDGE_PROXY_PASS = ctx.proxy.auth.password;
  }
  if (ctx.dial) env.CA_BRIDGE_DIAL = formatTarget(ctx.dial);
  if (probe.available) {
    const check = await run(probe.command, [...probe.available], env, ctx.timeoutMs, '', ctx.signal);
    if (check.cancelled) return skip('skipped', CANCELLED);
    if (check.code === 'ENOENT') return skip('not-found', `${probe.command} is not installed`);
    if (check.code !== 0) return skip('not-found', `not installed: ${check.stderr.trim().split('\n').pop() || 'check failed'}`);
  }
  const input = probe.input?.replaceAll('{host}', ctx.target.host);
  const outcome = await run(probe.command, args, env, ctx.timeoutMs + 2000, input, ctx.signal);
  if (outcome.cancelled) return skip('skipped', CANCELLED);
  if (outcome.code === 'ENOENT') return skip('not-found', `${probe.command} is not installed`);
  if (outcome.timedOut) return { passed: false, why: `no answer within ${ctx.timeoutMs} ms` };
  if (probe.tooOld && new RegExp(probe.tooOld.pattern).test(`${outcome.stderr}\n${outcome.stdout}`))
    return skip('skipped', probe.tooOld.why);
  if (probe.cannotRun && new RegExp(probe.cannotRun.pattern).test(`${outcome.stderr}\n${outcome.stdout}`))
    return skip('skipped', redact(`${probe.cannotRun.why}: ${errorExcerpt(outcome.stderr)}`, secrets));
  const code = typeof outcome.code === 'number' ? outcome.code : null;
  const statusOk = code !== null && probe.exits.includes(code);
  if (statusOk && PROOFS[probe.proof](outcome.stdout, outcome.stderr, code)) return { passed: true };
  // pip logs its findings to standard output and only its conclusion to standard error.
  const said = errorExcerpt(`${outcome.stderr}\n${outcome.stdout}`);
  const why = statusOk ? `no answer from the site came through (exit status ${outcome.code})` : `exit status ${outcome.code}`;
  return { passed: false, why: redact(said ? `${said}; ${why}` : why, secrets) };
}

/** The rows `apply --tool ROW` can set for a tool verify runs: those with a file line of their own, and Java's store. */
const appliableRow = (row: ToolId) => fileSettingRow(row) !== undefined || row === 'java';

/**
 * The lines the user's shells read after CA Bridge's block that set a variable this tool reads (doctor's
 * list of CA variables, the probe's own variable, the one serving it), as findings that outrank the applied
 * state, named by file and line like every other setting of the user's.
 */
function shellLaterFindings(
  later: readonly ShellLaterAssignment[],
  probe: VerifyProbe,
  row: ToolId,
  serving: string | null,
): SettingFinding[] {
  const same = (a: string, b: string | null | undefined) =>
    !!b && (/^npm_config_/i.test(a) ? a.toLowerCase() === b.toLowerCase() : a === b);
  return later
    .filter((a) => CA_VARIABLES[a.name]?.includes(row) || same(a.name, probe.env) || same(a.name, serving))
    .map((a) => ({
      effect: 'trust-file',
      tools: [row],
      setting: a.name,
      value: a.value ?? '',
      source: a.source,
      outranksAdvice: true,
      ...(a.unevaluable ? { unevaluable: a.unevaluable } : {}),
    }));
}

async function checkTool(probe: VerifyProbe, row: ToolId, ctx: ToolContext, place: RunPlace): Promise<ToolCheck> {
  const serving = servingVariable(probe, place.advice);
  const later = shellLaterFindings(ctx.shellLater ?? [], probe, row, serving);
  // Proving the applied state: a row whose own file apply set is configured by that file (it outranks the variables).
  const appliedFile = ctx.appliedFiles?.get(row) ?? null;
  const base = { name: probe.name, setting: appliedFile ?? serving ?? ownSetting(probe) };
  const plain = (result: ToolCheck['result'], error: string | null): ToolCheck => ({
    ...base,
    result,
    error,
    control: 'not-run',
    settings: [],
  });
  if (ctx.dial && !probe.followsConnectTo)
    return plain('skipped', `${probe.name} cannot follow --connect-to; verify through a proxy or against a real host`);
  // Before any preparation: a missing tool is not-found, not a failed keytool run.
  if (!(await onPath(probe.command, ctx.env))) return plain('not-found', `${probe.command} is not installed`);
  if (ctx.routeProblem !== undefined)
    return plain('skipped', `the proxy route to ${formatTarget(ctx.target)} is unknown (${ctx.routeProblem}), so it was not run`);
  // Never handed a proxy it cannot speak: it would fail for the wrong reason, or go around the proxy.
  if (ctx.proxy && !acceptsProxy(probe.name, ctx.proxy.scheme))
    return plain(
      'skipped',
      `${probe.name} is not documented to work through a ${ctx.proxy.scheme}:// proxy, so it cannot be verified through ${ctx.proxy.redactedUrl}`,
    );
  // The proxy as this tool is handed it: with the credentials only in a scheme it may sign in with (proxy-sign-in.ts).
  const sign = signInForTool(probe.name, ctx);
  if (sign.cannot) return { ...plain('proxy-auth', sign.cannot.text), proxyAuth: sign.cannot.info };
  const toolCtx: ToolContext = { ...ctx, proxy: sign.proxy, signIn: { args: sign.args, env: sign.env, secretsOf: ctx.proxy } };
  if (probe.args.includes('{script-file}')) await writeFile(scriptFile(probe, place), SCRIPTS[probe.name] ?? '');
  const configured = serving !== null || appliedFile !== null;
  const applied = ctx.appliedFiles !== undefined;
  // The session snippet's Java row is emulated (a store built here); applied, the store apply wrote is used as it is.
  const real = await runProbe(probe, toolCtx, place, place.advice, place.files, configured && !applied, base);
  if ('skipped' in real) return real.skipped;
  // The proxy turned the tool's sign-in down (a 407 in its output): not the CA's fault, and not a PASS.
  const refused = !real.passed && ctx.proxy ? proxyRefusedSignIn(probe.name, ctx.proxy, ctx.offer, real.why) : null;
  if (refused && !real.passed) return { ...plain('proxy-auth', `${refused.text}; ${real.why}`), proxyAuth: refused.info };
  // The control matters only when the real request got through: it then says whether the export was why.
  // Always run, also for a tool the snippet sets no variable of its own for (SSL_CERT_FILE may serve it).
  // Applied, a row's own file names the real bundle: the control outranks it with the control's file (applied-control.ts).
  const outrank = appliedFile !== null ? controlOutranking(probe, place.control) : { env: {}, args: [] };
  const controlPrepare = configured && (!applied || place.controlAdvice[probe.env ?? '']?.includes(JAVA_STORE_OPTION) === true);
  const control = real.passed
    ? await runProbe(probe, toolCtx, place, { ...place.controlAdvice, ...outrank.env }, place.control, controlPrepare, base, outrank.args)
    : null;
  const controlPassed = control !== null && 'passed' in control && control.passed;
  const judged = judgeTool({
    base,
    configured,
    realPassed: real.passed,
    realWhy: real.passed ? null : real.why,
    control: control === null ? 'not-run' : controlPassed ? 'pass' : 'fail',
    controlPassed,
    findings: [...findingsFor(place.settings, row), ...later.filter((f) => !f.unevaluable)],
    ownSetting: ownSetting(probe),
  });
  // A variable of this tool's set again after the block in a form that cannot be evaluated: what the user's shells have is unknown.
  const unknown = later.filter((f) => f.unevaluable);
  if (unknown.length && (judged.result === 'pass' || judged.result === 'pass-by-user-setting' || judged.result === 'unproven'))
    return {
      ...judged,
      result: 'unproven',
      error: null,
      settings: unknown,
    };
  // Applied and not configured: the next step is the row's own `apply --tool` where there is one (else the block's variable).
  if (applied && judged.result === 'not-configured' && appliableRow(row)) return { ...judged, applyTool: row };
  // A file setting of the user's outranks every variable (curl's .curlrc cacert): apply --tool repoints that line.
  const outrankedByFile = judged.settings.some((f) => f.outranksAdvice && f.source.kind === 'file');
  return judged.result === 'fail' && outrankedByFile && fileSettingRow(row) ? { ...judged, applyTool: row } : judged;
}

const certsOf = async (file: string) => parseCertificates(await readUserFile(file)).certs;

/**
 * Runs one real request with each installed tool in the user's own configuration plus the session
 * snippet, and the same request with a CA generated for this run (the negative control), on every route,
 * concurrently: at most four runs at a time over every tool and route. A tool passes only when it passes
 * on every route; each route keeps its own result and its own control (docs/verify-results.md says why
 * the control runs per route).
 */
export async function checkTools(ctx: ToolContext): Promise<ToolCheck[]> {
  // Caches, downloads and logs of this run (npm, pip, deno) and the control's files go to a folder of its own, removed after.
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-verify-'));
  const routes = ctx.routes ?? [soleRoute(ctx)];
  const files: Record<ExportFile, string> = {
    ca: ctx.files.caPem,
    bundle: ctx.files.bundle,
    der: ctx.files.caDer ?? path.join(path.dirname(ctx.files.caPem), EXPORT_FILES.caDer),
  };
  let done = 0;
  try {
    const [caCerts, bundleCerts, settings] = await Promise.all([
      certsOf(files.ca),
      certsOf(files.bundle),
      ctx.settings ?? scanSettings({ env: ctx.env, cwd: ctx.cwd ?? process.cwd(), platform: process.platform }),
    ]);
    const control = await writeControlExport(tmp, caCerts, bundleCerts);
    const advice = ctx.advice ?? envVarValues({ ca: files.ca, bundle: files.bundle, der: files.der });
    // Each exported file a variable names gets its control (by name: what apply wrote may name another export
    // folder), the merged bundle (the user's roots + the bundle) too: the same file with the wrong CA instead of ours.
    const controlByPath = new Map((Object.keys(files) as ExportFile[]).map((k) => [files[k], control[k]]));
    const byName = new Map<string, string>([
      [EXPORT_FILES.caPem, control.ca],
      [EXPORT_FILES.bundle, control.bundle],
      [EXPORT_FILES.caDer, control.der],
    ]);
    let mergedCount = 0;
    for (const value of new Set(Object.values(advice))) {
      if (controlByPath.has(value) || path.basename(value) !== EXPORT_FILES.merged) continue;
      const exported = new Set(
        [...caCerts, ...(await certsOf(path.join(path.dirname(value), EXPORT_FILES.caPem)).catch(() => []))].map((c) => c.fingerprint256),
      );
      const controlMerged = path.join(tmp, `control-merged-${++mergedCount}.pem`);
      const wrongCa = await readFile(control.ca, 'utf8');
      await writeFile(
        controlMerged,
        [...(await certsOf(value)).filter((c) => !exported.has(c.fingerprint256)).map((c) => c.toString()), wrongCa].join('\n'),
      );
      controlByPath.set(value, controlMerged);
    }
    const controlValue = (value: string, tmp: string) =>
      controlByPath.get(value) ??
      (path.isAbsolute(value) ? byName.get(path.basename(value)) : undefined) ??
      // Java's options name the store apply built: the control's store is built here with the wrong CA (probe's prepare).
      (ctx.appliedFiles && value.includes(JAVA_STORE_OPTION) ? javaControlOptions(value, tmp) : value);
    const shared = {
      // The JDK whose java runs the probe: its own trust store is what the user copy starts from.
      cacerts: path.join(
        path.dirname(path.dirname((await onPath('java', ctx.env)) ?? '/nonexistent/bin/java')),
        'lib',
        'security',
        'cacerts',
      ),
      files,
      control,
      advice,
      settings,
    };
    // Each route its own folder (the tools' caches and scripts never shared by two runs at once) and its own proxy trust.
    const places = await Promise.all(
      routes.map(async (route, i): Promise<{ route: ToolRoute; ctx: ToolContext; place: RunPlace }> => {
        const folder = path.join(tmp, `route-${i}`);
        await mkdir(folder);
        const proxyTrustFile = route.proxy?.scheme === 'https' ? path.join(folder, 'proxy-trust.pem') : null;
        if (proxyTrustFile) await writeFile(proxyTrustFile, (route.proxyTrust ?? []).join('\n'));
        const { route: _label, ...fields } = route;
        return {
          route,
          ctx: { ...ctx, ...fields },
          place: {
            ...shared,
            url: `https://${formatTarget(route.target).replace(/:443$/, '')}/`,
            tmp: folder,
            proxyTrustFile,
            // Java's control store is built in this route's folder (the probe's prepare fills {tmp} with it).
            controlAdvice: Object.fromEntries(Object.entries(advice).map(([k, v]) => [k, controlValue(v, folder)])),
          },
        };
      }),
    );
    // Tool by tool, each on every route: a tool is reported (onTool) as soon as its last route is done.
    const pairs = VERIFY_PROBES.flatMap((probe, tool) => places.map((at, route) => ({ ...probe, tool, route, at })));
    const byTool: ToolRouteOutcome[][] = VERIFY_PROBES.map(() => []);
    const finished: ToolCheck[] = [];
    const settingOf: string[] = [];
    const applyToolOf: (string | undefined)[] = [];
    const combined = (tool: number): ToolCheck => {
      const outcomes = byTool[tool]!;
      const worst = combineRoutes(VERIFY_PROBES[tool]!.probe.name, settingOf[tool]!, outcomes);
      // The next step apply --tool gives (applied state, or a file setting that outranks every variable).
      const applyTool = applyToolOf[tool];
      const check = applyTool && (worst.result === 'not-configured' || worst.result === 'fail') ? { ...worst, applyTool } : worst;
      // Not installed, or cancelled before it started: one fact, not one per route.
      const notRun = outcomes.every((o) => o.result === 'not-found' || o.error === CANCELLED);
      return notRun ? { ...check, routes: [] } : check;
    };
    await mapConcurrent(
      pairs,
      4,
      async ({ row, probe, tool, route, at }) => {
        const check: ToolCheck = ctx.signal?.aborted
          ? { name: probe.name, setting: probe.env ?? probe.name, result: 'skipped', error: CANCELLED, control: 'not-run', settings: [] }
          : await checkTool(probe, row, at.ctx, at.place);
        settingOf[tool] = check.setting;
        applyToolOf[tool] ??= check.applyTool;
        byTool[tool]![route] = routeOutcome(check, at.route.route, formatTarget(at.route.target));
        return tool;
      },
      (tool) => {
        if (byTool[tool]!.filter(Boolean).length < places.length) return;
        const check = combined(tool);
        finished[tool] = check;
        ctx.onTool?.(check, ++done, VERIFY_PROBES.length);
      },
    );
    return finished;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
