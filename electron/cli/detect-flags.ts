import { parseConnectTo, type ConnectTo } from '../../shared/connect-to.js';
import { DEFAULT_TARGETS, parseTargetList, type Target } from '../../shared/targets.js';
import type { DetectOptions } from '../core/detect.js';
import { parseProxyChoice } from '../core/proxy/select.js';
import { UsageError } from './io.js';
import { proxyCredentialsFrom } from './proxy-password.js';
import { integerFlag } from './parse-flags.js';

/** The flags every probing command shares (detect, export, verify). */
export const DETECT_FLAGS = {
  targets: { type: 'string' },
  proxy: { type: 'string' },
  'proxy-user': { type: 'string' },
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
                              HTTP proxy (http://[user:pass@]host:port, percent-encoded), "direct", a PAC file
                              (pac+http://…, pac+file:///…), or "system" (default: OS/desktop setting, then HTTPS_PROXY/ALL_PROXY, NO_PROXY)
  --proxy-user DOMAIN\\user    proxy user for NTLM or Basic; the password comes from CA_BRIDGE_PROXY_PASSWORD or a prompt
  --connect-to H:P:A:AP       connect to A:AP when asked for H:P (repeatable), like curl
  --public-roots FILE         PEM file replacing Node's bundled public roots
  --trust-store PATH          PEM file or folder replacing the OS trust store
  --timeout MS                per-site time limit (default 10000)
  --concurrency N             sites probed at once (default 8)
  --json                      print one JSON document`;

interface DetectFlagValues {
  targets?: string;
  proxy?: string;
  'proxy-user'?: string;
  'connect-to'?: string[];
  'public-roots'?: string;
  'trust-store'?: string;
  timeout?: string;
  concurrency?: string;
}

export function detectOptionsFrom(values: DetectFlagValues, env: NodeJS.ProcessEnv): DetectOptions {
  let targets: Target[] = DEFAULT_TARGETS.map(({ host, port }) => ({ host, port }));
  if (values.targets !== undefined) {
    const parsed = parseTargetList(values.targets);
    if (!parsed.ok) throw new UsageError(`--targets: ${parsed.error.message}`);
    targets = parsed.value;
  }
  const connectTo: ConnectTo[] = [];
  for (const spec of values['connect-to'] ?? []) {
    const parsed = parseConnectTo(spec);
    if (!parsed.ok) throw new UsageError(parsed.error.message);
    connectTo.push(parsed.value);
  }
  const proxy = parseProxyChoice(values.proxy, proxyCredentialsFrom(values['proxy-user'], env));
  if (!proxy.ok) throw new UsageError(`--proxy: ${proxy.error.message}`);
  return {
    targets,
    proxy: proxy.value,
    connectTo,
    timeoutMs: integerFlag('timeout', values.timeout, 100, 600_000, 10_000),
    concurrency: integerFlag('concurrency', values.concurrency, 1, 64, 8),
    env,
    publicRootsFile: values['public-roots'],
    trustStorePath: values['trust-store'],
  };
}
