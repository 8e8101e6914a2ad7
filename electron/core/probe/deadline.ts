import { ProbeFailure } from './errors.js';

/**
 * Runs `work` with a hard time limit: when it runs out, the signal aborts (sockets are destroyed)
 * and the result is a `timeout` failure whose message says what was going on at that moment.
 */
export async function withDeadline<T>(timeoutMs: number, describe: () => string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeFailure('timeout', describe()));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
