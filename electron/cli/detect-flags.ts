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

export const DETECT_FLAGS_HELP = `  --targets host[:port],...   sites to probe (default: ${DEFAULT_TARGETS.length} public sites from different CA families)
  --proxy URL|direct|system|pac+URL
                              a proxy URL (http://, https:// (TLS to the proxy), socks4://, socks4a://, socks5:// or
                              socks5h:// [user:pass@]host:port, percent-encoded), "direct", a PAC file
                              (pac+http://…, pac+file:///…), or "system" (default: OS/desktop setting, with a WPAD
                              file found through DNS when it asks for automatic detection; then HTTPS_PROXY/ALL_PROXY, NO_PROXY)
  --proxy-user DOMAIN\\user    proxy user for NTLM, Basic or SOCKS 5 (SOCKS 4: a user id, empty password; on Windows
                              also Negotiate); the password comes from CA_BRIDGE_PROXY_PASSWORD or a prompt.
                              Not needed on Windows, which signs on as the logged-on user
  --confirm-proxy HOST:PORT   send the credentials to this proxy although only a WPAD file found on the network
                              names it (repeatable); without it such a proxy gets none (docs/threat-model.md)
  --connect-to H:P:A:AP       connect to A:AP when asked for H:P (repeatable), like curl
  --public-roots FILE         PEM file replacing Node's bundled public roots
  --trust-store PATH          PEM file or folder replacing the OS trust store
  --timeout MS                per-site time limit (default ${PROBE_LIMITS.timeoutMs.default})
  --concurrency N             sites probed at once (default ${PROBE_LIMITS.concurrency.default})
  --json                      print one JSON document`;

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
