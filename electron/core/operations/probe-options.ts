import type { z } from 'zod';
import { PROBE_LIMITS, type probeOptionsSchema } from '../../../shared/api/schemas.js';
import { parseConnectTo, type ConnectTo } from '../../../shared/connect-to.js';
import { failAt, ok, type Result } from '../../../shared/result.js';
import { DEFAULT_TARGETS, parseTargetList } from '../../../shared/targets.js';
import type { DetectOptions } from '../detect.js';
import { parseProxyChoice } from '../proxy/select.js';
import type { OperationContext } from './context.js';

export type ProbeOptionsInput = z.output<typeof probeOptionsSchema>;

/** Parses every --connect-to rule; the first bad one fails with the field named. */
export function parseConnectToList(specs: readonly string[] | undefined): Result<ConnectTo[]> {
  const rules: ConnectTo[] = [];
  for (const spec of specs ?? []) {
    const parsed = parseConnectTo(spec);
    if (!parsed.ok) return failAt(parsed.error, 'connectTo');
    rules.push(parsed.value);
  }
  return ok(rules);
}

/** The OS/PAC proxy the desktop app resolved for the first site, when the front door can ask. */
async function systemProxyFor(host: string | undefined, ctx: OperationContext): Promise<string | null> {
  if (!ctx.systemProxy) return null;
  const first = host?.split(',')[0]?.trim() || DEFAULT_TARGETS[0]!.host;
  return ctx.systemProxy(`https://${first.replace(/:\d+$/, '')}/`).catch((error: Error) => {
    ctx.log.log('warn', `system proxy lookup failed: ${error.message}`);
    return null;
  });
}

/** Turns validated input into engine options: defaults, target and --connect-to parsing, and the proxy choice. */
export async function resolveProbeOptions(input: ProbeOptionsInput, ctx: OperationContext): Promise<Result<DetectOptions>> {
  const targets =
    input.targets !== undefined ? parseTargetList(input.targets) : ok(DEFAULT_TARGETS.map(({ host, port }) => ({ host, port })));
  if (!targets.ok) return failAt(targets.error, 'targets');
  const connectTo = parseConnectToList(input.connectTo);
  if (!connectTo.ok) return connectTo;
  // The user's explicit choice wins; then the OS/PAC proxy the desktop app resolved; then the environment.
  const credentials = input.proxyUser ? { user: input.proxyUser, password: input.proxyPassword ?? '' } : undefined;
  const resolved = input.proxy ? null : await systemProxyFor(input.targets, ctx);
  const proxy = parseProxyChoice(input.proxy || resolved || undefined, credentials, input.confirmProxy);
  if (!proxy.ok) return failAt(proxy.error, 'proxy');
  // Chromium's answer cannot say whether a configured PAC or WPAD chose the proxy: the credential
  // policy then asks the user to confirm it before credentials go there.
  if (resolved && proxy.value.kind === 'url') proxy.value.resolvedBy = 'chromium';
  return ok({
    targets: targets.value,
    proxy: proxy.value,
    connectTo: connectTo.value,
    timeoutMs: input.timeoutMs ?? PROBE_LIMITS.timeoutMs.default,
    concurrency: input.concurrency ?? PROBE_LIMITS.concurrency.default,
    env: ctx.env,
    // A PAC script's alert() text is for the trail only (escaped there), never for the output.
    proxyDiscovery: { ...ctx.proxyDiscovery, log: (message) => ctx.log.log('info', message) },
    publicRootsFile: input.publicRootsFile,
    trustStorePath: input.trustStorePath,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
}
