/**
 * Browser mode during a hostile PAC evaluation: the latency of GET / while `detect` evaluates each
 * script of the hostile corpus (target: under 100 ms). "During" is known from events: the script
 * announces its start through alert() (the operation's log), and GET / is asked repeatedly until the
 * engine logs the evaluation's end. Before the evaluator had its own thread, a backtracking
 * shExpMatch held GET / for the whole evaluation (7.3 s measured in the review).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startUiServer } from '../../electron/cli/ui-server.js';
import { callOperation, getPage, uiSessionToken } from '../helpers/ui-session.js';
import { announcedPac, detectThroughPac, HOSTILE_PACS } from '../hostile/pac-corpus.js';
import { startLab } from '../lab/lab.js';
import { startPacServer } from '../lab/pac.js';

export async function pacHostileBench(): Promise<string[]> {
  const lab = await startLab();
  const pac = await startPacServer(Object.fromEntries(Object.keys(HOSTILE_PACS).map((name) => [`/${name}.pac`, announcedPac(name)])));
  const dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-pac-bench-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>CA Bridge</title>');
  const lines = ['Browser mode: GET / while detect evaluates a hostile PAC (target < 100 ms)'];
  try {
    for (const name of Object.keys(HOSTILE_PACS)) {
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      let ended = false;
      const server = await startUiServer({
        port: 0,
        staticDir: dir,
        service: {
          env: {},
          platform: 'linux',
          locale: 'en-US',
          log: {
            log: (_level, message) => {
              if (message.includes('alert(): evaluation started')) started();
              if (/FindProxyForURL\(.*\) (did not|failed|used|answered)/.test(message) || /^detect: /.test(message)) ended = true;
            },
          },
        },
      });
      try {
        const token = await uiSessionToken(server);
        const began = performance.now();
        const detect = callOperation(server, token, 'detect', detectThroughPac(lab, pac.url(`/${name}.pac`)));
        let done = false;
        void detect.finally(() => (done = true));
        await running;
        const samples: number[] = [];
        while (!ended && !done && samples.length < 200) samples.push((await getPage(server.port)).ms);
        await detect;
        const total = performance.now() - began;
        samples.sort((a, b) => a - b);
        const median = samples.length ? samples[Math.floor(samples.length / 2)]!.toFixed(1) : '-';
        const max = samples.length ? samples[samples.length - 1]!.toFixed(1) : '-';
        // A script that answers at once leaves no time to ask during its evaluation: said, not measured.
        lines.push(
          samples.length === 0
            ? `  ${name.padEnd(20)} answered before GET / could be asked (detect ${total.toFixed(0)} ms)`
            : `  ${name.padEnd(20)} GET / during the evaluation: ${String(samples.length).padStart(3)} answers, median ${median} ms, max ${max} ms (detect ${total.toFixed(0)} ms)`,
        );
      } finally {
        await server.close();
      }
    }
  } finally {
    await pac.close();
    await lab.close();
    await rm(dir, { recursive: true, force: true });
  }
  return lines;
}
