import { ERROR_CODES, type ErrorCode } from '../api/error-codes.js';

/**
 * The catalogues label every error code an operation can return to the page (the one list in
 * shared/api/error-codes.ts), so a new code without words in both languages fails the type check.
 */
export { ERROR_CODES, type ErrorCode };

export const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);
