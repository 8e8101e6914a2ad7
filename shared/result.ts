/**
 * Errors travel as values, never as thrown exceptions: across IPC and HTTP only plain data survives,
 * and a value forces every caller to decide what to show.
 */
export interface ErrorValue {
  code: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});
