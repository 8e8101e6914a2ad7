import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorValue, Result } from '../../shared/result';

export interface Operation<I, T> {
  busy: boolean;
  error: ErrorValue | null;
  result: T | null;
  /** True when the last run was cancelled by the user. */
  cancelled: boolean;
  run: (input: I) => Promise<T | null>;
  /** The contract has no cancellation: the page stops waiting and drops whatever the engine answers later. */
  cancel: () => void;
  reset: () => void;
}

/**
 * Busy / error / result state for one engine operation, written once. A new run clears the previous
 * error and result (so an old success never sits under a new error); a run that outlives `timeoutMs`
 * becomes a `timeout` error; cancel and unmount abandon the pending answer.
 */
export function useOperation<I, T>(operation: (input: I) => Promise<Result<T>>, timeoutMs: number): Operation<I, T> {
  const [state, setState] = useState<{ busy: boolean; error: ErrorValue | null; result: T | null; cancelled: boolean }>({
    busy: false,
    error: null,
    result: null,
    cancelled: false,
  });
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current++;
    },
    [],
  );

  const run = useCallback(
    async (input: I): Promise<T | null> => {
      const mine = ++generation.current;
      setState({ busy: true, error: null, result: null, cancelled: false });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<Result<T>>((resolve) => {
        timer = setTimeout(
          () => resolve({ ok: false, error: { code: 'timeout', message: `no answer after ${Math.round(timeoutMs / 1000)} s` } }),
          timeoutMs,
        );
      });
      const outcome = await Promise.race([operation(input), timedOut]).catch((e: unknown): Result<T> => ({
        ok: false,
        error: { code: 'internal', message: e instanceof Error ? e.message : String(e) },
      }));
      clearTimeout(timer);
      if (mine !== generation.current) return null; // cancelled, superseded or unmounted
      setState(
        outcome.ok
          ? { busy: false, error: null, result: outcome.value, cancelled: false }
          : { busy: false, error: outcome.error, result: null, cancelled: false },
      );
      return outcome.ok ? outcome.value : null;
    },
    [operation, timeoutMs],
  );
  const cancel = useCallback(() => {
    generation.current++;
    setState({ busy: false, error: null, result: null, cancelled: true });
  }, []);
  const reset = useCallback(() => {
    generation.current++;
    setState({ busy: false, error: null, result: null, cancelled: false });
  }, []);
  return { ...state, run, cancel, reset };
}
