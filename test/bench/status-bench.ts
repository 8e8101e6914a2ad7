/**
 * `ca-bridge status` wall time on the lab (target under 2 s): the built CLI in a fresh process, as a login
 * script or an MDM check runs it, with an isolated HOME holding an export and its ledger record; online
 * (two sites through the lab's inspecting proxy) and --offline. Reported, never asserted.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startLab } from '../lab/lab.js';

const RUNS = 7;
const TARGET_S = 2;
const bin = path.resolve(import.meta.dirname, '../../dist/electron/cli/bin.js');

export async function statusBench(): Promise<string[]> {
  if (!existsSync(bin)) return ['status: skipped, dist/ is missing (run npm run build)'];
  const lab = await startLab();
  try {
    const proxy = await lab.startProxy({});
    const store = await lab.writePem('bench-store.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    const home = mkdtempSync(path.join(lab.dir, 'home-'));
    const env = { HOME: home, PATH: process.env.PATH, NPM_CONFIG_GLOBALCONFIG: path.join(home, 'none'), GIT_CONFIG_NOSYSTEM: '1' };
    const probe = ['--proxy', proxy.url, '--public-roots', lab.publicRootsFile, '--trust-store', store];
    const run = promisify(execFile);
    await run(process.execPath, [bin, 'export', '--out', path.join(home, 'ca'), ...probe], { env, timeout: 120_000 });
    const lines = [`status on the lab (${RUNS} runs each, fresh process, HOME with an export; target under ${TARGET_S} s):`];
    for (const args of [probe, ['--offline']]) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await run(process.execPath, [bin, 'status', '--json', ...args], { env, timeout: 120_000 });
        times.push((performance.now() - started) / 1000);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      lines.push(
        `  ca-bridge status ${args === probe ? '(two sites)' : '--offline  '} median ${median.toFixed(3)} s, min ${times[0]!.toFixed(3)} s, max ${times.at(-1)!.toFixed(3)} s${median < TARGET_S ? '' : '  (over target)'}`,
      );
    }
    return lines;
  } finally {
    await lab.close();
  }
}
