import type { ProxySource } from '../../../shared/detection.js';
import { escapeNetworkText } from '../../../shared/network-text.js';
import { matchesNoProxy } from '../../../shared/no-proxy.js';
import type { ProxyNote, WpadProblem } from '../../../shared/proxy-notes.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { formatTarget, type Target } from '../../../shared/targets.js';
import { formatPacEntry, pacEntryUrl, parsePacResult } from './pac.js';
import { createPacEngine, type PacEngine } from './pac/pac-engine.js';
import { fetchPac, pacLabel, pacProblem } from './pac/fetch-pac.js';
import { applyCredentialPolicy, type ProxyOrigin } from './credential-policy.js';
import { parseProxyUrl, type ProxyCredentials, type ProxySpec } from './proxy-url.js';
import { matchesBypass } from './system/bypass.js';
import { discoverSystemProxy } from './system/discover.js';
import { runCommand } from './system/run-command.js';
import type { CommandRunner, SystemProxySettings } from './system/types.js';
import { searchWpad, type WpadContext } from './system/wpad.js';

/**
 * `--proxy` value: `system` (the default: OS or desktop settings, then the environment), `direct`,
 * a proxy URL, or `pac+URL`. `credentials` (--proxy-user and its prompted password) replace any in
 * the URL, for whichever proxy the credential policy lets them go to (credential-policy.ts);
 * `confirmedProxies` (--confirm-proxy, the page's confirmation) are host:port entries the user
 * confirmed for a proxy that WPAD alone named. `resolvedBy: 'chromium'`: the URL is the desktop
 * app's Chromium resolution, which cannot say whether a configured PAC or WPAD chose it.
 */
export type ProxyChoice = (
  | { kind: 'system' }
  | { kind: 'direct' }
  | { kind: 'url'; spec: ProxySpec; resolvedBy?: 'chromium' }
  | { kind: 'env' }
  | { kind: 'pac'; url: string }
) & { credentials?: ProxyCredentials; confirmedProxies?: string[] };

/** The credentials and the user's confirmations, as every router hands them to the policy. */
interface Signing {
  credentials: ProxyCredentials | undefined;
  confirmed: readonly string[];
}

const signed = (spec: ProxySpec, signing: Signing, origin: ProxyOrigin) =>
  applyCredentialPolicy(spec, signing.credentials, origin, signing.confirmed);

export function parseProxyChoice(
  value: string | undefined,
  credentials?: ProxyCredentials,
  confirmedProxies: readonly string[] = [],
): Result<ProxyChoice> {
  const extra = {
    ...(credentials ? { credentials } : {}),
    ...(confirmedProxies.length ? { confirmedProxies: [...confirmedProxies] } : {}),
  };
  if (value === undefined || value === 'system') return ok({ kind: 'system', ...extra });
  if (value === 'direct') return ok({ kind: 'direct', ...extra });
  if (value.toLowerCase().startsWith('pac+')) {
    const url = value.slice(4);
    if (!/^(https?:\/\/|file:\/\/\/)/i.test(url)) return fail('bad-proxy', 'a PAC address is pac+http://…, pac+https://… or pac+file:///…');
    return ok({ kind: 'pac', url, ...extra });
  }
  const spec = parseProxyUrl(value);
  return spec.ok ? ok({ kind: 'url', spec: spec.value, ...extra }) : spec;
}

/** One way to reach a site, in fail-over order; `spec.scheme` says how the proxy is spoken to. */
export type ProxyHop = { kind: 'direct' } | { kind: 'proxy'; spec: ProxySpec } | { kind: 'unsupported'; entry: string; why: string };

export interface ProxyRoute {
  hops: ProxyHop[];
  /** The PAC script's answer, when one decided. */
  pacAnswer: string | null;
}

export interface ProxyRouter {
  /** Its notes grow while sites are routed (a PAC evaluation that failed for a site): read it after routing. */
  source: ProxySource;
  route(target: Target): Promise<Result<ProxyRoute>>;
  /** Ends what the router holds (a PAC evaluator's thread); a long-lived process runs many operations. */
  dispose(): void;
}

export interface RouterContext {
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Replaces `reg`, `scutil` and `gsettings` (tests replay recorded output). */
  run?: CommandRunner;
  /** The WPAD search's resolver, suffix sources and (tests only) port. */
  wpad?: WpadContext;
  /**
   * What an https PAC server must chain to: the OS store (or --trust-store) plus the public roots (or
   * --public-roots). Verification is on whatever this holds; Node's bundled roots when absent.
   */
  verifiedTrust?: readonly string[];
  /** The operation's trail (the --verbose log): a PAC script's alert() text goes there, escaped, and nowhere else. */
  log?: (message: string) => void;
  /** Cancels the operation: a PAC evaluation under way ends at once (its thread is terminated). */
  signal?: AbortSignal;
}

const direct: ProxyRoute = { hops: [{ kind: 'direct' }], pacAnswer: null };
const envValue = (env: NodeJS.ProcessEnv, name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

function fixedRouter(source: ProxySource, route: Result<ProxyRoute>): ProxyRouter {
  return { source, route: async () => route, dispose: () => {} };
}

/**
 * The variables curl, npm and pip read, lower case first (curl ignores upper-case HTTP_PROXY but
 * not HTTPS_PROXY), honouring NO_PROXY.
 */
function environmentRouter(env: NodeJS.ProcessEnv, signing: Signing, notes: ProxyNote[]): ProxyRouter {
  const name = ['https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY'].find((n) => env[n]);
  const raw = name ? envValue(env, name) : undefined;
  if (!name || !raw) return fixedRouter({ kind: 'none', detail: '', notes }, ok(direct));
  const spec = parseProxyUrl(raw);
  const source: ProxySource = { kind: 'environment', detail: name, notes };
  if (!spec.ok) return fixedRouter(source, fail(spec.error.code, `${spec.error.message} (from the environment, ${name})`));
  const hop: ProxyHop = { kind: 'proxy', spec: signed(spec.value, signing, 'environment') };
  return {
    source,
    route: async (target) =>
      ok(matchesNoProxy(target.host, target.port, envValue(env, 'no_proxy')) ? direct : { hops: [hop], pacAnswer: null }),
    dispose: () => {},
  };
}

function hopsFromPac(answer: string, signing: Signing, origin: ProxyOrigin): ProxyHop[] {
  return parsePacResult(answer).map((entry): ProxyHop => {
    if (entry.kind === 'DIRECT') return { kind: 'direct' };
    if (entry.kind !== 'invalid') {
      const spec = parseProxyUrl(pacEntryUrl(entry));
      if (spec.ok) return { kind: 'proxy', spec: signed(spec.value, signing, origin) };
    }
    return { kind: 'unsupported', entry: formatPacEntry(entry), why: 'not a PAC proxy entry' };
  });
}

/** alert() text from a PAC script, for the log only: escaped, since the script came from the network. */
function alertSink(ctx: RouterContext, label: string): (text: string) => void {
  return (text) => ctx.log?.(`PAC file ${label}: alert(): ${escapeNetworkText(text)}`);
}

/**
 * A PAC file that cannot be fetched or loaded: every site goes direct, as Chromium does, and the source
 * carries a note saying so — never the "no proxy configured" of a machine without any setting.
 */
function pacFallback(source: ProxySource, url: string, code: string, message: string, ctx: RouterContext): ProxyRouter {
  ctx.log?.(`${message}; connecting directly, as browsers do`);
  return fixedRouter(
    { ...source, notes: [...source.notes, { code: 'pac-unusable', url, problem: pacProblem(code, message) }] },
    ok(direct),
  );
}

async function pacRouter(
  url: string,
  source: ProxySource,
  signing: Signing,
  origin: ProxyOrigin,
  ctx: RouterContext,
): Promise<ProxyRouter> {
  const label = pacLabel(new URL(url));
  const script = await fetchPac(url, { trust: ctx.verifiedTrust, signal: ctx.signal });
  if (!script.ok) return pacFallback(source, label, script.error.code, script.error.message, ctx);
  const engine = await createPacEngine(script.value, label, { onAlert: alertSink(ctx, label), signal: ctx.signal });
  if (!engine.ok) return pacFallback(source, label, engine.error.code, engine.error.message, ctx);
  return pacEngineRouter(engine.value, source, signing, origin, ctx);
}

/**
 * A site whose FindProxyForURL gave no answer (it threw, ran out of time or memory) goes direct, as
 * Chromium does with a script that fails; the source's notes name the site, one note per problem.
 */
function notePacFailure(source: ProxySource, target: Target, problem: WpadProblem): void {
  const site = formatTarget(target);
  const note = source.notes.find((n) => n.code === 'pac-failed' && n.problem === problem);
  if (note?.code === 'pac-failed') {
    if (!note.sites.includes(site)) note.sites.push(site);
  } else source.notes.push({ code: 'pac-failed', url: source.detail, problem, sites: [site] });
}

function pacEngineRouter(pac: PacEngine, source: ProxySource, signing: Signing, origin: ProxyOrigin, ctx: RouterContext): ProxyRouter {
  return {
    source,
    route: async (target) => {
      // Browsers hand PAC scripts https URLs stripped to scheme, host and port.
      const href = `https://${target.host.includes(':') ? `[${target.host}]` : target.host}${target.port === 443 ? '' : `:${target.port}`}/`;
      const answer = await pac.findProxy(href, target.host, ctx.signal);
      if (!answer.ok) {
        // A cancelled operation is ending: no route, and nothing to note about the script.
        if (ctx.signal?.aborted) return fail('proxy-error', answer.error.message);
        ctx.log?.(`${answer.error.message}; connecting directly, as browsers do`);
        notePacFailure(source, target, pacProblem(answer.error.code, answer.error.message));
        return ok(direct);
      }
      // Stored normalised: the script's own text never reaches a terminal.
      const pacAnswer = parsePacResult(answer.value).map(formatPacEntry).join('; ');
      ctx.log?.(`PAC file ${source.detail}: FindProxyForURL("${target.host}") answered ${pacAnswer}`);
      return ok({ hops: hopsFromPac(answer.value, signing, origin), pacAnswer });
    },
    dispose: () => pac.dispose(),
  };
}

function manualRouter(settings: SystemProxySettings, proxyUrl: string, signing: Signing, notes: ProxyNote[]): ProxyRouter {
  const spec = parseProxyUrl(proxyUrl);
  if (!spec.ok)
    return fixedRouter(
      { kind: settings.origin, detail: '', notes },
      fail(spec.error.code, `${spec.error.message} (from ${settings.where})`),
    );
  // detail is data: host:port for an HTTP proxy, the proxy URL for any other scheme; each front door names the setting from `kind`.
  const detail = spec.value.scheme === 'http' ? spec.value.redactedUrl.slice('http://'.length) : spec.value.redactedUrl;
  const hop: ProxyHop = { kind: 'proxy', spec: signed(spec.value, signing, 'system') };
  return {
    source: { kind: settings.origin, detail, notes },
    route: async (target) =>
      ok(matchesBypass(target.host, target.port, settings.bypass, settings.bypassSimpleNames) ? direct : { hops: [hop], pacAnswer: null }),
    dispose: () => {},
  };
}

async function systemRouter(ctx: RouterContext, signing: Signing): Promise<ProxyRouter> {
  const settings = await discoverSystemProxy({ env: ctx.env, platform: ctx.platform ?? process.platform, run: ctx.run });
  const notes: ProxyNote[] = [];
  // Browsers' order (Chromium's proxy resolution, WinINet): automatic detection first, then the configured
  // PAC address, then the manual proxy, each only when the one before gives nothing usable. Following
  // it keeps the CLI on the path the user's browser takes on the same machine.
  if (settings?.autoDetect) {
    const platform = ctx.platform ?? process.platform;
    const wpad = await searchWpad({
      setting: settings.origin,
      platform,
      env: ctx.env,
      run: ctx.run ?? runCommand,
      wpad: ctx.wpad,
      onAlert: alertSink(ctx, 'found through WPAD'),
    });
    notes.push(...wpad.notes);
    if (wpad.found) return pacEngineRouter(wpad.engine, { kind: 'wpad', detail: wpad.url, notes }, signing, 'wpad', ctx);
  }
  if (settings?.pacUrl) {
    let label = settings.pacUrl;
    try {
      label = pacLabel(new URL(settings.pacUrl));
    } catch {
      return fixedRouter(
        { kind: settings.origin, detail: '', notes },
        fail('proxy-error', `${settings.where}: the PAC address is not a URL`),
      );
    }
    return pacRouter(settings.pacUrl, { kind: settings.origin, detail: label, notes }, signing, 'system-pac', ctx);
  }
  if (settings?.proxyUrl) return manualRouter(settings, settings.proxyUrl, signing, notes);
  return environmentRouter(ctx.env, signing, notes);
}

/** Builds the decision once per run: system discovery and the PAC download happen here, not per site. */
export async function createProxyRouter(choice: ProxyChoice, ctx: RouterContext): Promise<ProxyRouter> {
  const signing: Signing = { credentials: choice.credentials, confirmed: choice.confirmedProxies ?? [] };
  switch (choice.kind) {
    case 'direct':
      return fixedRouter({ kind: 'option', detail: 'direct', notes: [] }, ok(direct));
    case 'url':
      return fixedRouter(
        { kind: 'option', detail: choice.spec.redactedUrl, notes: [] },
        ok({
          hops: [{ kind: 'proxy', spec: signed(choice.spec, signing, choice.resolvedBy === 'chromium' ? 'unknown-pac' : 'named') }],
          pacAnswer: null,
        }),
      );
    case 'pac': {
      const label = pacLabel(new URL(choice.url));
      return pacRouter(choice.url, { kind: 'pac', detail: label, notes: [] }, signing, 'named-pac', ctx);
    }
    case 'env':
      return environmentRouter(ctx.env, signing, []);
    case 'system':
      return systemRouter(ctx, signing);
  }
}

/** The proxy for one site, with what the user should know about the setting (a PAC file that failed: direct). */
export type ProxyPick = Result<ProxySpec | null> & { notes: ProxyNote[] };

/** The first usable hop of one site's route on a router already made. */
async function pickOn(router: ProxyRouter, target: Target): Promise<ProxyPick> {
  const route = await router.route(target);
  const notes = router.source.notes;
  if (!route.ok) return { ...route, notes };
  for (const hop of route.value.hops) {
    if (hop.kind === 'direct') return { ...ok(null), notes };
    if (hop.kind === 'proxy') return { ...ok(hop.spec), notes };
  }
  return {
    ...fail(
      'proxy-error',
      `the proxy setting names only proxies CA Bridge cannot use (${route.value.hops.map((h) => (h.kind === 'unsupported' ? h.entry : '')).join(', ')})`,
    ),
    notes,
  };
}

/**
 * The first proxy (any scheme) each site's route goes through (null: direct), for commands that run
 * connections or hand a proxy to tools (check, verify): one router for all, so a PAC file is fetched once.
 */
export async function proxiesForTargets(choice: ProxyChoice, targets: readonly Target[], ctx: RouterContext): Promise<ProxyPick[]> {
  const router = await createProxyRouter(choice, ctx);
  try {
    const picks: ProxyPick[] = [];
    for (const target of targets) picks.push(await pickOn(router, target));
    return picks;
  } finally {
    router.dispose();
  }
}

/** The first proxy a site's route goes through (null: direct). */
export async function proxyForTarget(choice: ProxyChoice, target: Target, ctx: RouterContext): Promise<ProxyPick> {
  return (await proxiesForTargets(choice, [target], ctx))[0]!;
}
