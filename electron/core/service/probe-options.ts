import { parseConnectTo } from '../../../shared/connect-to.js';
import type { z } from 'zod';
import type { probeOptionsSchema } from '../../../shared/api/schemas.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { DEFAULT_TARGETS, parseTargetList } from '../../../shared/targets.js';
import type { DetectOptions } from '../detect.js';
import { parseProxyChoice } from '../proxy/select.js';

export type ProbeOptionsInput = z.output<typeof probeOptionsSchema>;

/** Turns validated page input into engine options, with the same rules as the CLI flags. */
export function probeOptionsFrom(input: ProbeOptionsInput, env: NodeJS.ProcessEnv, systemProxy: string | null): Result<DetectOptions> {
  const targets = input.targets ? parseTargetList(input.targets) : ok(DEFAULT_TARGETS.map(({ host, port }) => ({ host, port })));
  if (!targets.ok) return targets;
  const connectTo = [];
  for (const spec of input.connectTo ?? []) {
    const parsed = parseConnectTo(spec);
    if (!parsed.ok) return parsed;
    connectTo.push(parsed.value);
  }
  // The user's explicit choice wins; then the OS/PAC proxy the desktop app resolved; then the environment.
  const credentials = input.proxyUser ? { user: input.proxyUser, password: input.proxyPassword ?? '' } : undefined;
  const proxy = parseProxyChoice(input.proxy || systemProxy || undefined, credentials);
  if (!proxy.ok) return fail(proxy.error.code, proxy.error.message);
  return ok({
    targets: targets.value,
    proxy: proxy.value,
    connectTo,
    timeoutMs: input.timeoutMs ?? 10_000,
    concurrency: 8,
    env,
    publicRootsFile: input.publicRootsFile,
    trustStorePath: input.trustStorePath,
  });
}
