import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorValue, Result } from '../../shared/result';
import { cancelOp } from './operations';

export interface Operation<I, T> {
  busy: boolean;
  error: ErrorValue | null;
  result: T | null;
  /** True when the last run was cancelled by the user. */
  cancelled: boolean;
  run: (input: I) => Promise<T | null>;
  /** Cancels the running call in the engine (its probes, reads and tools stop) and drops its answer. */
  cancel: () => void;
  reset: () => void;
}

/**
 * Busy / error / result state for one engine operation, written once. A new run clears the previous
 * error and result (so an old success never sits under a new error); a run that outlives `timeoutMs`
 * becomes a `timeout` error; cancel, timeout, a new run and unmount cancel the call in the engine.
 * Each call gets an id of its own, by which the engine is asked to cancel it.
 */
export function useOperation<I, T>(
  operation: (input: I, operationId: string) => Promise<Result<T>>,
  timeoutMs: number,
  cancelCall: (operationId: string) => void = cancelOp,
): Operation<I, T> {
  const [state, setState] = useState<{ busy: boolean; error: ErrorValue | null; result: T | null; cancelled: boolean }>({
    busy: false,
    error: null,
    result: null,
    cancelled: false,
  });
  const generation = useRef(0);
  /** The call in flight, if any: whatever ends the page's wait for it cancels it in the engine too. */
  const pending = useRef<string | null>(null);
  const abandon = useCallback(() => {
    generation.current++;
    if (pending.current) cancelCall(pending.current);
    pending.current = null;
  }, [cancelCall]);
  useEffect(() => abandon, [abandon]);

  const run = useCallback(
    async (input: I): Promise<T | null> => {
      abandon();
      const mine = generation.current;
      const operationId = crypto.randomUUID();
      pending.current = operationId;
      setState({ busy: true, error: null, result: null, cancelled: false });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<Result<T>>((resolve) => {
        timer = setTimeout(() => {
          // The page stops waiting: the call must not go on working in the engine.
          cancelCall(operationId);
          resolve({ ok: false, error: { code: 'timeout', message: `no answer after ${Math.round(timeoutMs / 1000)} s` } });
        }, timeoutMs);
      });
      const outcome = await Promise.race([operation(input, operationId), timedOut]).catch((e: unknown): Result<T> => ({
        ok: false,
        error: { code: 'internal', message: e instanceof Error ? e.message : String(e) },
      }));
      clearTimeout(timer);
      if (mine !== generation.current) return null; // cancelled, superseded or unmounted
      pending.current = null;
      setState(
        outcome.ok
          ? { busy: false, error: null, result: outcome.value, cancelled: false }
          : { busy: false, error: outcome.error, result: null, cancelled: false },
      );
      return outcome.ok ? outcome.value : null;
    },
    [operation, timeoutMs, abandon, cancelCall],
  );
  const cancel = useCallback(() => {
    abandon();
    setState({ busy: false, error: null, result: null, cancelled: true });
  }, [abandon]);
  const reset = useCallback(() => {
    abandon();
    setState({ busy: false, error: null, result: null, cancelled: false });
  }, [abandon]);
  return { ...state, run, cancel, reset };
}
