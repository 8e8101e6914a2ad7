/**
 * verify's wall time on the lab: export once, then `ca-bridge verify` with every tool installed here
 * (each runs its request and, when that passed, its negative control), median of RUNS runs. The same file
 * run in an older checkout gives the figure before the controls.
 */
import { devNull } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { advicePath, RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { startLab } from '../lab/lab.js';
import { labProbeArgs } from '../lab/probe-args.js';

const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function verifyBench(): Promise<string[]> {
  const lab = await startLab();
  try {
    const proxy = await lab.startProxy({ shape: 'leaf' });
    const store = await lab.writePem('store.pem', [proxy.root.pem, ...Object.values(lab.families).map((f) => f.root.pem)]);
    const home = path.join(lab.dir, 'home');
    await mkdir(home, { recursive: true });
    // The machine's global npmrc and system gitconfig are kept out, as in the tests.
    const globalNpmrc = path.join(lab.dir, 'global-npmrc');
    await writeFile(globalNpmrc, '');
    const env = {
      PATH: advicePath(),
      RUSTUP_HOME,
      HOME: home,
      NPM_CONFIG_GLOBALCONFIG: globalNpmrc,
      GIT_CONFIG_NOSYSTEM: '1',
      PIP_CONFIG_FILE: devNull,
    };
    const args = [...labProbeArgs(lab, proxy.url, store), '--timeout', '30000'];
    const out = path.join(lab.dir, 'out');
    const exported = await cli(['export', '--out', out, ...args], env);
    if (exported.code !== 0) throw new Error(exported.stderr);
    const samples: number[] = [];
    let tools = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const run = await cli(['verify', '--json', '--dir', out, ...args], env);
      samples.push(performance.now() - started);
      tools = (JSON.parse(run.stdout) as { tools: { result: string }[] }).tools.filter((t) => t.result !== 'not-found').length;
    }
    return [
      `verify on the lab (${tools} tools installed, median of ${RUNS}): ${(median(samples) / 1000).toFixed(1)} s`,
      `  runs: ${samples.map((s) => (s / 1000).toFixed(1)).join(' s, ')} s`,
    ];
  } finally {
    await lab.close();
  }
}
