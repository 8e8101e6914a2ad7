/**
 * Every error code an operation can return to the page: the engine's, plus the page clients' own
 * (`http`, `network`) and the interface's time limit (`timeout`). The catalogues label each one, so a
 * new code without words in both languages fails the type check.
 */
export const ERROR_CODES = [
  'bad-input',
  'bad-target',
  'bad-proxy',
  'bad-connect-to',
  'bad-import',
  'unsupported',
  'internal',
  'unknown-operation',
  'no-ca',
  'no-detection',
  'missing-export',
  'write-failed',
  'untrusted-sender',
  'untrusted',
  'conflict',
  'http',
  'network',
  'timeout',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);
