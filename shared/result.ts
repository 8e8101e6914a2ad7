import type { ErrorCode } from './api/error-codes.js';

/**
 * Errors travel as values, never as thrown exceptions: across IPC and HTTP only plain data survives,
 * and a value forces every caller to decide what to show.
 */
export interface ErrorValue {
  code: ErrorCode;
  message: string;
  /** The input field at fault, when there is one: the CLI names the matching flag. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, field?: string): Result<T> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

/** For switches over closed lists: a new member becomes a compile error here instead of a silent default. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
