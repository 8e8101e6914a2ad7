/**
 * What each kind of proxy costs per connection, on loopback: from dialling the proxy until the tunnel
 * to the site is up (TCP to the proxy, TLS to it for an HTTPS proxy, then CONNECT or the SOCKS
 * handshake), median of RUNS tunnels, each to the same lab inspecting proxy behind.
 */
import { openTunnel } from '../../electron/core/probe/tunnel.js';
import { parseProxyUrl, type ProxySpec } from '../../electron/core/proxy/proxy-url.js';
import { startLab } from '../lab/lab.js';
import { LOOPBACK } from '../lab/servers.js';
import { startSocksServer } from '../lab/socks.js';
import { startTlsProxy } from '../lab/tls-proxy.js';

const RUNS = 30;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function spec(url: string): ProxySpec {
  const parsed = parseProxyUrl(url);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

async function tunnelMs(proxy: ProxySpec, host: string, trust: readonly string[] = []): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const tunnel = await openTunnel({ host, port: 443 }, proxy, [], AbortSignal.timeout(15_000), () => {}, trust);
    samples.push(performance.now() - started);
    tunnel.socket.destroy();
  }
  return median(samples);
}

export async function proxyKindsBench(): Promise<string[]> {
  const lab = await startLab();
  const inner = await lab.startProxy({});
  const socks = await startSocksServer({ forwardTo: { host: LOOPBACK, port: inner.transparentPort } });
  const secure = await startTlsProxy({ name: 'localhost', relayTo: { host: LOOPBACK, port: inner.port } });
  try {
    const host = lab.hosts[0]!;
    const http = await tunnelMs(spec(`http://${LOOPBACK}:${inner.port}`), host);
    const socks5h = await tunnelMs(spec(`socks5h://${LOOPBACK}:${socks.port}`), host);
    const https = await tunnelMs(spec(`https://localhost:${secure.port}`), host, [secure.ca.pem]);
    return [
      `proxy kinds: dial until the tunnel to the site is up, median of ${RUNS} tunnels, loopback`,
      `  http:// (CONNECT):             ${http.toFixed(1)} ms`,
      `  socks5h:// (SOCKS 5, name):    ${socks5h.toFixed(1)} ms`,
      `  https:// (TLS, then CONNECT):  ${https.toFixed(1)} ms`,
    ];
  } finally {
    await secure.close();
    await socks.close();
    await inner.close();
    await lab.close();
  }
}
