/**
 * How long `ca-bridge --version` and `--help` take, end to end (a fresh Node process each, as a user
 * runs them): commands load lazily, so these should stay under 0.15 s on an idle machine. Measures the
 * built CLI (`npm run build` first); reported, never asserted, since a busy machine says nothing.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const RUNS = 15;
const TARGET_S = 0.15;
const bin = path.resolve(import.meta.dirname, '../../dist/electron/cli/bin.js');

async function timeRuns(args: string[]): Promise<number[]> {
  const run = promisify(execFile);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run(process.execPath, [bin, ...args], { timeout: 30_000 });
    times.push((performance.now() - started) / 1000);
  }
  return times.sort((a, b) => a - b);
}

export async function cliBench(): Promise<string[]> {
  if (!existsSync(bin)) return ['CLI start-up: skipped, dist/ is missing (run npm run build)'];
  await timeRuns(['--version']); // warm the file cache once, as any second run would be
  const lines = [`CLI start-up (${RUNS} runs each, fresh process; target under ${TARGET_S} s):`];
  for (const args of [['--version'], ['--help'], ['help', 'detect']]) {
    const times = await timeRuns(args);
    const median = times[Math.floor(times.length / 2)]!;
    lines.push(
      `  ca-bridge ${args.join(' ').padEnd(12)} median ${median.toFixed(3)} s, min ${times[0]!.toFixed(3)} s, max ${times.at(-1)!.toFixed(3)} s${median < TARGET_S ? '' : '  (over target)'}`,
    );
  }
  return lines;
}
