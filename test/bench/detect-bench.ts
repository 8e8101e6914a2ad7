/**
 * Detection throughput on the lab: 8 targets at once vs 1 target vs 8 one after another, with every
 * origin answering after an added delay; and how much one dead (silent) target costs.
 */
import net from 'node:net';
import { parseConnectTo, type ConnectTo } from '../../shared/connect-to.js';
import { detect, loadTrustInputs, type DetectOptions } from '../../electron/core/detect.js';
import { startLab } from '../lab/lab.js';
import { listen, LOOPBACK } from '../lab/servers.js';

const DELAY_MS = 200;
const RUNS = 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(options: DetectOptions, trust: Awaited<ReturnType<typeof loadTrustInputs>>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = await detect(options, undefined, trust);
    samples.push(performance.now() - started);
    if (result.targets.some((t) => t.status === 'error' && t.host !== 'silent.example'))
      throw new Error(`bench probe failed: ${JSON.stringify(result.targets.map((t) => t.error))}`);
  }
  return median(samples);
}

export async function detectBench(): Promise<string[]> {
  const lab = await startLab({ originDelayMs: DELAY_MS });
  const silent = net.createServer(() => {}); // accepts and never answers
  const silentPort = await listen(silent);
  try {
    const connectTo: ConnectTo[] = [...lab.connectTo, `silent.example:443:${LOOPBACK}:${silentPort}`].map((c) => {
      const parsed = parseConnectTo(c);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
    const base = {
      proxy: { kind: 'direct' as const },
      connectTo,
      timeoutMs: 5000,
      concurrency: 8,
      env: {},
      publicRootsFile: lab.publicRootsFile,
      trustStorePath: lab.publicRootsFile,
    };
    const trust = await loadTrustInputs(base);
    const eight = lab.hosts.map((host) => ({ host, port: 443 }));
    const one = await timed({ ...base, targets: eight.slice(0, 1) }, trust);
    const parallel = await timed({ ...base, targets: eight }, trust);
    const sequential = await timed({ ...base, targets: eight, concurrency: 1 }, trust);
    const deadTimeout = 1000;
    const withDead = await timed(
      { ...base, timeoutMs: deadTimeout, targets: [...eight.slice(0, 7), { host: 'silent.example', port: 443 }] },
      trust,
    );
    const ratio = parallel / one;
    return [
      `detect: origins delay ${DELAY_MS} ms before the handshake; median of ${RUNS} runs each`,
      `  1 target:                 ${one.toFixed(0)} ms`,
      `  8 targets, concurrent:    ${parallel.toFixed(0)} ms  (ratio to 1 target: ${ratio.toFixed(2)}x; target <= 1.5x: ${ratio <= 1.5 ? 'met' : 'MISSED'})`,
      `  8 targets, sequential:    ${sequential.toFixed(0)} ms  (baseline; concurrency saves ${(sequential / parallel).toFixed(1)}x)`,
      `  7 live + 1 silent target: ${withDead.toFixed(0)} ms  (silent target's timeout ${deadTimeout} ms; overrun ${(withDead - deadTimeout).toFixed(0)} ms)`,
    ];
  } finally {
    silent.close();
    await lab.close();
  }
}
