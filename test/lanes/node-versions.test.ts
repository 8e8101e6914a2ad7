/**
 * The engine, CLI and guidance suites again on each Node LTS line users' CLIs run (22 and 24; this
 * run's own Node is the first lane). Official Linux builds from the npm registry, installed by
 * .ci/install.d/40-node-lanes.sh into .tools/node-lanes/; each lane reports its version and counts.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;
const lanesDir = path.join(root, '.tools/node-lanes');
const SUITES = ['test/engine', 'test/cli', 'test/guidance'];

const suiteFiles = () =>
  SUITES.flatMap((dir) =>
    readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => path.join(dir, f)),
  ).sort();

const lanes = existsSync(lanesDir)
  ? readdirSync(lanesDir)
      .filter((d) => existsSync(path.join(lanesDir, d, 'bin/node')))
      .sort()
  : [];

interface LaneRun {
  version: string;
  code: number | null;
  counts: Record<string, number>;
  failures: string[];
}

/** Runs the suites with `node`, its bin folder first on PATH so that every `node` the tests start is that one too. */
function runLane(node: string): Promise<LaneRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
    // Set by the runner of this file: a nested runner would then report to it in its own format, not TAP.
    delete env.NODE_TEST_CONTEXT;
    const args = ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=1', ...suiteFiles()];
    const child = spawn(node, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-20_000)));
    child.once('error', reject);
    child.once('close', (code) => {
      const counts = Object.fromEntries(
        [...out.matchAll(/^# (tests|pass|fail|skipped|todo|cancelled) (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]),
      );
      const failures = [...out.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((m) => m[1]!);
      resolve({ version: '', code, counts, failures: failures.length ? failures : code === 0 ? [] : [err.slice(-2000)] });
    });
  });
}

function versionOf(node: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('error', reject);
    child.once('close', () => resolve(out.trim()));
  });
}

// The lanes run side by side (each one file at a time): CI's time is the longest lane, not their sum.
describe('Node version lanes: engine, CLI and guidance suites', { concurrency: true }, () => {
  it(`this run's own Node is ${process.version}`, () => {
    console.log(`node lane ${process.version}: the whole suite (this run)`);
  });
  if (lanes.length === 0) {
    it('other Node versions', { skip: 'no .tools/node-lanes (run .ci/install.d/40-node-lanes.sh through .ci/run)' }, () => {});
    return;
  }
  for (const lane of lanes) {
    // The suites take minutes on a loaded 2-core machine: a generous limit, not a measurement.
    it(lane, { timeout: 30 * 60_000 }, async (t) => {
      const node = path.join(lanesDir, lane, 'bin/node');
      const run = { ...(await runLane(node)), version: await versionOf(node) };
      const summary = `node lane ${run.version}: ${run.counts.tests ?? 0} tests, ${run.counts.pass ?? 0} pass, ${run.counts.fail ?? 0} fail, ${run.counts.skipped ?? 0} skipped`;
      console.log(summary);
      t.diagnostic(summary);
      assert.match(run.version, new RegExp(`^v${lane.replace('node-', '')}\\.`));
      assert.ok((run.counts.tests ?? 0) > 0, `no test ran on ${run.version}`);
      assert.equal(run.code, 0, `${summary}\n${run.failures.join('\n')}`);
      assert.equal(run.counts.fail, 0, summary);
    });
  }
});
