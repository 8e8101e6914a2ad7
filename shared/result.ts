import type { ErrorCode } from './api/error-codes.js';
import type { ErrorDetail } from './error-detail.js';

/**
 * Errors travel as values, never as thrown exceptions: across IPC and HTTP only plain data survives,
 * and a value forces every caller to decide what to show.
 */
export interface ErrorValue {
  code: ErrorCode;
  message: string;
  /** The input field at fault, when there is one: the CLI names the matching flag. */
  field?: string;
  /** What the error is about, as a catalogue key and parameters: each front door words it (the message is English). */
  detail?: ErrorDetail;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: string, field?: string, detail?: ErrorDetail): Result<T> => ({
  ok: false,
  error: { code, message, ...(field === undefined ? {} : { field }), ...(detail === undefined ? {} : { detail }) },
});

/** An error passed on with the input field it came from named (its detail kept). */
export const failAt = <T = never>(error: ErrorValue, field: string): Result<T> => ({ ok: false, error: { ...error, field } });

/** For switches over closed lists: a new member becomes a compile error here instead of a silent default. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
