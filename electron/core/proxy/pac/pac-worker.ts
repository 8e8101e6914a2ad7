/**
 * The PAC evaluator's own thread (started by pac-engine.ts): pac-resolver compiles the script and runs
 * FindProxyForURL in QuickJS (WebAssembly) here, never on the thread that serves the user. QuickJS stops
 * script code at the deadline through its interrupt handler and refuses allocations past its memory
 * limit; whatever still runs too long (a helper on the host side, a stuck lookup) is ended by the
 * engine terminating this whole thread. The script sees only the standard PAC helpers, with the
 * CPU-hungry and network ones replaced: shExpMatch by a linear matcher, DNS by bounded lookups, and
 * alert() by a message to the engine (pac-resolver's own prints to stdout).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import { createPacResolver } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';
import { shExpMatch } from './glob-match.js';
import { PacDns } from './pac-dns.js';
import { MEMORY_TEXT, type FromPacWorker, type PacFailureCode, type PacWorkerData, type ToPacWorker } from './pac-worker-protocol.js';

/** A result is a short list of proxies; anything longer is cut before it leaves this thread. */
const MAX_RESULT_CHARS = 4096;
/** alert() is a debugging aid: a few short lines per evaluation reach the log, the rest is counted. */
const MAX_ALERTS = 20;
const MAX_ALERT_CHARS = 500;

// A worker's console and stdout are the process's own: nothing run here may print there (pac-resolver's
// alert() would). Streams of the worker's own (Worker's stdout option) would keep the process alive.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const) console[method] = () => {};
process.stdout.write = () => true;
process.stderr.write = () => true;

const data = workerData as PacWorkerData;
const port = parentPort!;
const send = (message: FromPacWorker) => port.postMessage(message);

function describe(error: unknown): { code: PacFailureCode; text: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (/interrupted/i.test(message)) return { code: 'pac-timeout', text: 'did not finish within the time limit (an endless loop?)' };
  if (/out of memory/i.test(message)) return { code: 'pac-error', text: MEMORY_TEXT };
  // Script errors are the PAC author's text: keep one short, printable line.
  return {
    code: 'pac-error',
    text: `failed: ${message
      .slice(0, 1000)
      .split('\n')[0]!
      .replace(/[^\x20-\x7e]/g, '?')
      .slice(0, 200)}`,
  };
}

let deadline = Date.now() + data.timeoutMs;
let alerts = 0;
const dns = new PacDns();
const alert = (message: unknown = '') => {
  if (++alerts > MAX_ALERTS) return;
  // Cut before anything else is done with it: the script chooses its length.
  send({ type: 'alert', text: String(message).slice(0, MAX_ALERT_CHARS) });
};

const wasm = await readFile(createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm'));
const vm = await QuickJS.create({ wasm, memoryLimit: data.memoryLimit, interruptHandler: () => Date.now() > deadline });
send({ type: 'loading' });
deadline = Date.now() + data.timeoutMs;

function load(): ReturnType<typeof createPacResolver> | null {
  try {
    return createPacResolver(vm, data.script, {
      sandbox: { ...dns.sandbox(), alert, shExpMatch: (text: unknown, pattern: unknown) => shExpMatch(String(text), String(pattern)) },
    });
  } catch (error) {
    const { code, text } = describe(error);
    send({ type: 'load-failed', code, text });
    return null;
  }
}

const countAlerts = () => {
  if (alerts > MAX_ALERTS) send({ type: 'alert', text: `(${alerts - MAX_ALERTS} more alert() calls not shown)` });
};

const resolver = load();
if (resolver) {
  send({ type: 'ready' });
  port.on('message', (message: ToPacWorker) => {
    dns.reset();
    alerts = 0;
    deadline = Date.now() + data.timeoutMs;
    Promise.resolve()
      .then(() => resolver(message.url, message.host))
      .then(
        (value: unknown) => {
          countAlerts();
          send({ type: 'answer', ok: true, value: String(value ?? '').slice(0, MAX_RESULT_CHARS) });
        },
        (error: unknown) => {
          countAlerts();
          send({ type: 'answer', ok: false, ...describe(error) });
        },
      );
  });
}
