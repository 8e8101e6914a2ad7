/**
 * verify's wall time on the lab: export once, then `ca-bridge verify` with every tool installed here
 * (each runs its request and, when that passed, its negative control), median of RUNS runs: through one
 * inspecting proxy, and with a PAC file splitting the sites between two inspecting proxies (two routes,
 * each tool on both). The same file run in an older checkout gives the figures before.
 */
import { devNull } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { advicePath, RUSTUP_HOME } from '../advice/real-tools/advice-path.js';
import { cli } from '../helpers/cli.js';
import { startLab } from '../lab/lab.js';
import { startPacServer, type PacServer } from '../lab/pac.js';
import { labProbeArgs } from '../lab/probe-args.js';

const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function verifyBench(): Promise<string[]> {
  return [...(await verifyOnLab(1)), ...(await verifyOnLab(2))];
}

async function verifyOnLab(routes: 1 | 2): Promise<string[]> {
  const lab = await startLab();
  let pac: PacServer | undefined;
  try {
    const proxy = await lab.startProxy({ shape: 'leaf' });
    const second = routes === 2 ? await lab.startProxy({ caSubject: 'CN=Second Inspector Root (lab), O=Example Corp' }) : null;
    // Half the sites through each proxy, by PAC, as a company with two inspectors has it.
    if (second) {
      const half = lab.hosts.slice(0, Math.ceil(lab.hosts.length / 2)).map((h) => `host == "${h}"`);
      pac = await startPacServer({
        '/two.pac': `function FindProxyForURL(url, host) { if (${half.join(' || ')}) return "PROXY ${new URL(proxy.url).host}"; return "PROXY ${new URL(second.url).host}"; }`,
      });
    }
    const store = await lab.writePem('store.pem', [
      proxy.root.pem,
      ...(second ? [second.root.pem] : []),
      ...Object.values(lab.families).map((f) => f.root.pem),
    ]);
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
    const args = [...labProbeArgs(lab, pac ? `pac+${pac.url('/two.pac')}` : proxy.url, store), '--timeout', '30000'];
    const out = path.join(lab.dir, 'out');
    const exported = await cli(['export', '--out', out, ...args], env);
    if (exported.code !== 0) throw new Error(exported.stderr);
    const samples: number[] = [];
    let tools = 0;
    let proven = 1;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const run = await cli(['verify', '--json', '--dir', out, ...args], env);
      samples.push(performance.now() - started);
      const outcome = JSON.parse(run.stdout) as { tools: { result: string }[]; routes?: unknown[] };
      tools = outcome.tools.filter((t) => t.result !== 'not-found').length;
      // Before per-route verify the JSON had no routes: the tools ran on one site whatever the lab.
      proven = outcome.routes?.length ?? 1;
    }
    const lab1 = routes === 1 ? 'one inspecting proxy' : 'two inspecting proxies by PAC';
    return [
      `verify on the lab, ${lab1} (${tools} tools installed, run on ${proven} route${proven > 1 ? 's' : ''}, median of ${RUNS}): ${(median(samples) / 1000).toFixed(1)} s`,
      `  runs: ${samples.map((s) => (s / 1000).toFixed(1)).join(' s, ')} s`,
    ];
  } finally {
    await pac?.close();
    await lab.close();
  }
}
