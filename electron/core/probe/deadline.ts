import { ProbeFailure } from './errors.js';

/**
 * Runs `work` with a hard time limit: when it runs out, the signal aborts (sockets are destroyed)
 * and the result is a `timeout` failure whose message says what was going on at that moment. The
 * operation's own signal (a cancelled run) ends it the same way, at once.
 */
export async function withDeadline<T>(
  timeoutMs: number,
  describe: () => string,
  work: (signal: AbortSignal) => Promise<T>,
  cancel?: AbortSignal,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onCancel: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeFailure('timeout', describe()));
    }, timeoutMs);
    onCancel = () => {
      controller.abort();
      reject(new ProbeFailure('timeout', `cancelled (${describe()})`));
    };
    if (cancel?.aborted) onCancel();
    else cancel?.addEventListener('abort', onCancel, { once: true });
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    if (onCancel) cancel?.removeEventListener('abort', onCancel);
    controller.abort();
  }
}
