import { PROBE_LIMITS } from '../../shared/api/limits.js';
import type { OperationInput } from '../../shared/api/schemas.js';
import { DEFAULT_TARGETS } from '../../shared/targets.js';
import { wholeNumberFlag } from './parse-flags.js';
import { proxyCredentialsFrom } from './proxy-password.js';

/** The flags every probing command shares (detect, export, verify). */
export const DETECT_FLAGS = {
  targets: { type: 'string' },
  proxy: { type: 'string' },
  'proxy-user': { type: 'string' },
  'confirm-proxy': { type: 'string', multiple: true },
  'connect-to': { type: 'string', multiple: true },
  'public-roots': { type: 'string' },
  'trust-store': { type: 'string' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The defaults the detect flags' help names, from the same limits the engine applies. */
export const DETECT_HELP_PARAMS = {
  count: DEFAULT_TARGETS.length,
  timeout: PROBE_LIMITS.timeoutMs.default,
  concurrency: PROBE_LIMITS.concurrency.default,
};

interface DetectFlagValues {
  targets?: string;
  proxy?: string;
  'proxy-user'?: string;
  'confirm-proxy'?: string[];
  'connect-to'?: string[];
  'public-roots'?: string;
  'trust-store'?: string;
  timeout?: string;
  concurrency?: string;
}

/** The flags as the detect operation's input: the engine applies defaults, bounds and parsing, as for the page. */
export function probeInputFromFlags(values: DetectFlagValues, env: NodeJS.ProcessEnv): OperationInput<'detect'> {
  // --proxy-user's password comes from a variable or a prompt, never from a flag (shell history, ps).
  const credentials = proxyCredentialsFrom(values['proxy-user'], env);
  return {
    targets: values.targets,
    proxy: values.proxy,
    ...(credentials ? { proxyUser: credentials.user, proxyPassword: credentials.password } : {}),
    ...(values['confirm-proxy']?.length ? { confirmProxy: values['confirm-proxy'] } : {}),
    connectTo: values['connect-to'],
    timeoutMs: wholeNumberFlag('timeout', values.timeout),
    concurrency: wholeNumberFlag('concurrency', values.concurrency),
    publicRootsFile: values['public-roots'],
    trustStorePath: values['trust-store'],
  };
}
