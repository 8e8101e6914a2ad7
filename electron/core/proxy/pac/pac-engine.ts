/**
 * Evaluates a PAC file's FindProxyForURL in QuickJS (WebAssembly), through pac-resolver: the script
 * sees only the standard PAC helpers, never Node. Each evaluation has a time limit enforced by
 * QuickJS's interrupt handler (an endless loop is stopped inside the VM), and the VM has a memory
 * cap; evaluations run one at a time, so one script's time limit never applies to another's call.
 */
import { createPacResolver } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';
import { fail, ok, type Result } from '../../../../shared/result.js';
import { PacDns } from './pac-dns.js';

export const PAC_EVAL_TIMEOUT_MS = 2000;
const PAC_MEMORY_LIMIT = 64 * 1024 * 1024;
/** A result is a short list of proxies; anything longer is cut before parsing. */
const MAX_RESULT_CHARS = 4096;

export interface PacEngine {
  findProxy(url: string, host: string): Promise<Result<string>>;
  dispose(): void;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/interrupted/i.test(message)) return 'did not finish within the time limit (an endless loop?)';
  if (/out of memory/i.test(message)) return 'used more memory than allowed';
  // Script errors are the PAC author's text: keep one short, printable line.
  return `failed: ${message
    .split('\n')[0]!
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 200)}`;
}

export async function createPacEngine(script: string, label: string, timeoutMs = PAC_EVAL_TIMEOUT_MS): Promise<Result<PacEngine>> {
  let deadline = Date.now() + timeoutMs;
  const vm = await QuickJS.create({ memoryLimit: PAC_MEMORY_LIMIT, interruptHandler: () => Date.now() > deadline });
  const dns = new PacDns();
  let resolver: ReturnType<typeof createPacResolver>;
  try {
    resolver = createPacResolver(vm, script, { sandbox: dns.sandbox() });
  } catch (error) {
    vm.dispose();
    return fail('pac-error', `PAC file ${label}: loading the script ${describe(error)}`);
  }
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const evaluate = async (url: string, host: string): Promise<Result<string>> => {
    if (disposed) return fail('pac-error', `PAC file ${label}: the engine was closed`);
    dns.reset();
    deadline = Date.now() + timeoutMs;
    // The interrupt handler stops script code; this timer also covers a helper call that never returns.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Result<string>>((resolve) => {
      timer = setTimeout(
        () => resolve(fail('pac-timeout', `PAC file ${label}: FindProxyForURL("${host}") did not finish within ${timeoutMs} ms`)),
        timeoutMs + 500,
      );
    });
    const run = resolver(url, host).then(
      (value) => ok(String(value ?? '').slice(0, MAX_RESULT_CHARS)),
      (error: unknown) => {
        const text = describe(error);
        const code = text.startsWith('did not finish') ? 'pac-timeout' : 'pac-error';
        return fail<string>(code, `PAC file ${label}: FindProxyForURL("${host}") ${text}`);
      },
    );
    try {
      return await Promise.race([run, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  return ok({
    findProxy: (url, host) => {
      const next = queue.then(() => evaluate(url, host));
      queue = next.catch(() => undefined);
      return next;
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      void queue.then(() => vm.dispose());
    },
  });
}
