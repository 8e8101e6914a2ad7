/**
 * What NTLM costs per connection: the CONNECT exchange (407, type 1 → type 2, type 3 → 200) through
 * the lab's password-checking proxy (pyspnego), against the same chain with no authentication;
 * and building the type 3 message alone.
 */
import { openTunnel } from '../../electron/core/probe/tunnel.js';
import { ntlmAuthenticate } from '../../electron/core/proxy/auth/ntlm.js';
import type { ProxySpec } from '../../electron/core/proxy/proxy-url.js';
import { startLab } from '../lab/lab.js';
import { ntlmProxyMissing, startNtlmProxy } from '../lab/ntlm-proxy.js';
import { LOOPBACK } from '../lab/servers.js';

const RUNS = 30;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const spec = (port: number, auth: ProxySpec['auth']): ProxySpec => ({
  scheme: 'http',
  host: LOOPBACK,
  port,
  auth,
  redactedUrl: `http://${LOOPBACK}:${port}`,
});

async function tunnelMs(proxy: ProxySpec, host: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const tunnel = await openTunnel({ host, port: 443 }, proxy, [], AbortSignal.timeout(15_000), () => {});
    samples.push(tunnel.proxyMs!);
    tunnel.socket.destroy();
  }
  return median(samples);
}

export async function ntlmBench(): Promise<string[]> {
  const missing = ntlmProxyMissing();
  if (missing) return [`ntlm: skipped (${missing})`];
  const lab = await startLab();
  const inner = await lab.startProxy({});
  const account = { domain: 'CORP', user: 'alice', password: 'Correct-Horse-7' };
  const ntlm = await startNtlmProxy(inner.port, [account]);
  try {
    const host = lab.hosts[0]!;
    const plain = await tunnelMs(spec(inner.port, null), host);
    const withNtlm = await tunnelMs(spec(ntlm.port, { user: 'CORP\\alice', password: account.password }), host);
    const refused = (await ntlm.logins()).filter((l) => !l.accepted).length;
    if (refused) throw new Error(`bench: ${refused} NTLM logins refused`);
    // A minimal type 2 (Unicode, NTLM, no target information): the builder alone, without the network.
    const type2 = Buffer.concat([
      Buffer.from('NTLMSSP\0', 'latin1'),
      Buffer.from([2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0x82, 0x89, 0xa2]),
      Buffer.from('0123456789abcdef', 'hex'),
      Buffer.alloc(8),
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]),
    ]).toString('base64');
    const started = performance.now();
    for (let i = 0; i < 1000; i++) ntlmAuthenticate(type2, { user: 'CORP\\alice', password: account.password });
    const buildUs = ((performance.now() - started) / 1000) * 1000;
    return [
      `ntlm: CONNECT until "200 Connection established", median of ${RUNS} tunnels, loopback`,
      `  lab proxy, no authentication:                  ${plain.toFixed(1)} ms`,
      `  through the NTLMv2-verifying proxy (3 rounds): ${withNtlm.toFixed(1)} ms (pyspnego acceptor, Python)`,
      `  building one type 3 message:                   ${buildUs.toFixed(0)} µs`,
    ];
  } finally {
    await ntlm.close();
    await inner.close();
    await lab.close();
  }
}
