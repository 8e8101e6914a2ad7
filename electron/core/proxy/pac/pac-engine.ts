/**
 * Evaluates a PAC file's FindProxyForURL away from the caller's thread: each engine owns a worker
 * thread (pac-worker.ts) that loads the script into QuickJS and answers one evaluation at a time.
 * Three bounds hold whatever the script does:
 * - time: QuickJS's interrupt handler stops script code at the deadline (the VM survives and answers
 *   the next site); anything that still runs past the deadline and a grace period — host-side code,
 *   a lookup that never returns — is ended by terminating the thread, and the next evaluation
 *   starts a fresh one. The caller's event loop never waits on the script: the CLI's timers, the
 *   browser-mode server and the desktop main process keep answering.
 * - memory: QuickJS allocates inside its WebAssembly memory, capped by quickjs-wasi's memoryLimit (the
 *   3.x releases enforce it); the thread's own JavaScript heap is capped by resourceLimits.
 * - output: nothing of the script reaches stdout; alert() text goes to `onAlert` (the --verbose log),
 *   cut short, for the caller to escape.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fail, ok, type Result } from '../../../../shared/result.js';
import { MEMORY_TEXT, type FromPacWorker, type PacWorkerData, type ToPacWorker } from './pac-worker-protocol.js';

export const PAC_EVAL_TIMEOUT_MS = 2000;
const PAC_MEMORY_LIMIT = 64 * 1024 * 1024;
/** The thread's own V8 heap: the script's source, pac-resolver's parse of it, values copied out of QuickJS. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16, codeRangeSizeMb: 16, stackSizeMb: 4 };
/** How long past the script's own deadline the thread may take to report before it is terminated. */
const GRACE_MS = 1000;
/** Starting a thread and compiling QuickJS, before the script's own time runs: generous for a busy machine. */
const START_LIMIT_MS = 20_000;

export interface PacEngineOptions {
  timeoutMs?: number;
  /** What the script passed to alert(): for the --verbose log only, never for stdout. Not escaped. */
  onAlert?: (text: string) => void;
  /** The operation's cancellation while the thread starts and loads the script: the thread is terminated at once. */
  signal?: AbortSignal;
}

export interface PacEngine {
  /** One evaluation; `signal` stops it at once (the thread is terminated). */
  findProxy(url: string, host: string, signal?: AbortSignal): Promise<Result<string>>;
  /** Ends the thread, also in the middle of an evaluation. */
  dispose(): void;
}

/** The worker's file beside this one: .js in the built CLI, .mjs in the desktop bundle, .ts when tests run the sources. */
const EXTENSION = path.extname(fileURLToPath(import.meta.url));
const WORKER_URL = new URL(`./pac-worker${EXTENSION}`, import.meta.url);

/**
 * Under tsx (tests running the TypeScript sources) a worker does not inherit tsx's loader on Node 20,
 * so the thread registers it before importing the worker's source. Built code never takes this path.
 */
function spawn(options: WorkerOptions): Worker {
  if (EXTENSION !== '.ts') return new Worker(WORKER_URL, options);
  const code = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
  return new Worker(code, { ...options, eval: true });
}

/** Every failure below is the end of a sentence that starts with what was running ("loading the script …"). */
type Outcome = Result<string>;
const TOO_LONG = 'did not finish within the time limit';

/** One thread running the script: started, then asked one question at a time. */
class PacThread {
  private readonly worker: Worker;
  private settle: ((outcome: Outcome) => void) | null = null;
  private timer: NodeJS.Timeout | undefined;
  private dead = false;
  readonly loaded: Promise<Result<void>>;

  constructor(data: PacWorkerData, onAlert: (text: string) => void, signal?: AbortSignal) {
    this.worker = spawn({
      workerData: data,
      resourceLimits: WORKER_LIMITS,
    });
    this.loaded = new Promise((resolve) => {
      // A script whose top level never ends would otherwise hold a cancelled operation until its deadline.
      const onAbort = () => this.finish(fail('pac-error', 'cancelled'), true);
      this.settle = (outcome) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome.ok ? ok(undefined) : outcome);
      };
      this.arm(START_LIMIT_MS, TOO_LONG);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    this.worker.on('message', (message: FromPacWorker) => {
      switch (message.type) {
        case 'alert':
          return onAlert(message.text);
        case 'loading':
          return this.arm(data.timeoutMs + GRACE_MS, TOO_LONG);
        case 'ready':
          return this.finish(ok(''));
        case 'load-failed':
          this.finish(fail(message.code, message.text));
          return this.kill();
        case 'answer':
          return this.finish(message.ok ? ok(message.value) : fail(message.code, message.text));
      }
    });
    this.worker.on('error', (error: NodeJS.ErrnoException) => {
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const text = memory ? MEMORY_TEXT : `failed: ${error.message.slice(0, 200).replace(/[^\x20-\x7e]/g, '?')}`;
      this.finish(fail('pac-error', text), true);
    });
    this.worker.on('exit', () => {
      this.dead = true;
      this.finish(fail('pac-error', 'the evaluator stopped'));
    });
    // An engine nobody disposed (a CLI run that is over) must not keep the process alive. After the
    // listeners: adding a 'message' listener refs the thread's port again.
    this.worker.unref();
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Terminates the thread when `ms` pass without an answer. */
  private arm(ms: number, text: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.finish(fail('pac-timeout', text));
      this.kill();
    }, ms);
  }

  private finish(outcome: Outcome, kill = false): void {
    clearTimeout(this.timer);
    const settle = this.settle;
    this.settle = null;
    settle?.(outcome);
    if (kill) this.kill();
  }

  ask(question: ToPacWorker, timeoutMs: number, signal?: AbortSignal): Promise<Outcome> {
    if (this.dead) return Promise.resolve(fail('pac-error', 'the evaluator stopped'));
    return new Promise((resolve) => {
      const onAbort = () => {
        this.finish(fail('pac-error', 'cancelled'));
        this.kill();
      };
      this.settle = (outcome) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.arm(timeoutMs + GRACE_MS, TOO_LONG);
      this.worker.postMessage(question);
    });
  }

  kill(): void {
    this.dead = true;
    clearTimeout(this.timer);
    void this.worker.terminate();
  }
}

export async function createPacEngine(script: string, label: string, options: PacEngineOptions = {}): Promise<Result<PacEngine>> {
  const timeoutMs = options.timeoutMs ?? PAC_EVAL_TIMEOUT_MS;
  const data: PacWorkerData = { script, timeoutMs, memoryLimit: PAC_MEMORY_LIMIT };
  const onAlert = options.onAlert ?? (() => {});
  const start = async (signal = options.signal): Promise<Result<PacThread>> => {
    const thread = new PacThread(data, onAlert, signal);
    const loaded = await thread.loaded;
    if (loaded.ok) return ok(thread);
    thread.kill();
    return fail(loaded.error.code, `PAC file ${label}: loading the script ${loaded.error.message}`);
  };
  const first = await start();
  if (!first.ok) return first;
  let thread: PacThread | null = first.value;
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const evaluate = async (url: string, host: string, signal?: AbortSignal): Promise<Result<string>> => {
    if (disposed) return fail('pac-error', `PAC file ${label}: the engine was closed`);
    if (signal?.aborted) return fail('pac-error', `PAC file ${label}: FindProxyForURL("${host.slice(0, 253)}") cancelled`);
    // A thread terminated at an earlier deadline is replaced: each site gets the script afresh.
    if (!thread?.alive) {
      const next = await start(signal);
      if (!next.ok) return next;
      thread = next.value;
    }
    const answer = await thread.ask({ url, host }, timeoutMs, signal);
    if (answer.ok) return answer;
    return fail(answer.error.code, `PAC file ${label}: FindProxyForURL("${host.slice(0, 253)}") ${answer.error.message}`);
  };

  return ok({
    findProxy: (url, host, signal) => {
      const next = queue.then(() => evaluate(url, host, signal));
      queue = next.catch(() => undefined);
      return next;
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      thread?.kill();
    },
  });
}
