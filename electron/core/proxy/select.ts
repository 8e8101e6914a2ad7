import { matchesNoProxy } from '../../../shared/no-proxy.js';
import type { Target } from '../../../shared/targets.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { parseProxyUrl, withCredentials, type ProxyCredentials, type ProxySpec } from './proxy-url.js';

/**
 * `--proxy` value: a URL, or `direct` to ignore the environment. Undefined means "from the environment".
 * `credentials` (--proxy-user and its prompted password) replace any in the URL, for whichever proxy is used.
 */
export type ProxyChoice = ({ kind: 'direct' } | { kind: 'url'; spec: ProxySpec } | { kind: 'env' }) & { credentials?: ProxyCredentials };

export function parseProxyChoice(value: string | undefined, credentials?: ProxyCredentials): Result<ProxyChoice> {
  const extra = credentials ? { credentials } : {};
  if (value === undefined) return ok({ kind: 'env', ...extra });
  if (value === 'direct') return ok({ kind: 'direct', ...extra });
  const spec = parseProxyUrl(value);
  return spec.ok ? ok({ kind: 'url', spec: spec.value, ...extra }) : spec;
}

const envValue = (env: NodeJS.ProcessEnv, name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;

/**
 * The proxy the user's own tools would use for this target: the same variables curl, npm and pip
 * read, lower case first (curl ignores upper-case HTTP_PROXY but not HTTPS_PROXY).
 */
export function proxyForTarget(choice: ProxyChoice, target: Target, env: NodeJS.ProcessEnv): Result<ProxySpec | null> {
  if (choice.kind === 'direct') return ok(null);
  if (choice.kind === 'url') return ok(withCredentials(choice.spec, choice.credentials ?? null));
  const raw = envValue(env, 'https_proxy') ?? envValue(env, 'all_proxy');
  if (!raw) return ok(null);
  if (matchesNoProxy(target.host, target.port, envValue(env, 'no_proxy'))) return ok(null);
  const spec = parseProxyUrl(raw);
  return spec.ok
    ? ok(withCredentials(spec.value, choice.credentials ?? null))
    : fail(spec.error.code, `${spec.error.message} (from the environment)`);
}
