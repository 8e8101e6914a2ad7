/**
 * Which proxy kinds each verify probe is handed. A tool that cannot speak the user's proxy would fail
 * (or, worse, go direct and pass on a path the user's traffic never takes), so it is not run through
 * it and says so. Only what the tool's own documentation promises is listed:
 * - curl: the proxy string's scheme prefixes http://, https://, socks4://, socks4a://, socks5://,
 *   socks5h:// (curl's man page, "PROXY PROTOCOL PREFIXES"), also in https_proxy.
 * - git: http.proxy and the proxy variables "in the syntax understood by curl" (git-config), since
 *   git talks HTTP through libcurl.
 * Everything else is given HTTP CONNECT proxies only: Python's urllib, Ruby's Net::HTTP, wget and the
 * JVM's HttpClient have no SOCKS or HTTPS-proxy support in the form the probe hands them, and the
 * others' support depends on extras or versions (pip needs PySocks) that a probe cannot promise.
 */
import type { ProxyScheme } from '../proxy/proxy-url.js';

const EVERY_KIND: readonly ProxyScheme[] = ['http', 'https', 'socks4', 'socks4a', 'socks5', 'socks5h'];

const ACCEPTS: Readonly<Record<string, readonly ProxyScheme[]>> = {
  curl: EVERY_KIND,
  git: EVERY_KIND,
};

/**
 * How each tool that takes an HTTPS proxy is told which CAs verify the proxy's own certificate: its
 * server-trust setting (the one under test) does not cover the proxy. curl: `--proxy-cacert`; git:
 * `GIT_PROXY_SSL_CAINFO` (http.proxySSLCAInfo). They are given the trust the engine verified the proxy
 * with (the OS store), so a tool fails only for the setting under test.
 */
export function proxyTrustFor(probe: string, file: string): { args: string[]; env: Record<string, string> } {
  if (probe === 'curl') return { args: ['--proxy-cacert', file], env: {} };
  if (probe === 'git') return { args: [], env: { GIT_PROXY_SSL_CAINFO: file } };
  return { args: [], env: {} };
}

/** Whether the probe named `probe` is documented to take a proxy of this kind. */
export function acceptsProxy(probe: string, scheme: ProxyScheme): boolean {
  return (ACCEPTS[probe] ?? ['http']).includes(scheme);
}
