/**
 * Every code an operation's failure can carry, in one list: front doors decide on these (the CLI's exit
 * status, the page's wording), so a new code is added here and the compiler shows every switch to extend.
 */
export const ERROR_CODES = [
  // The caller asked for something malformed or impossible: the CLI exits 2 and names the flag.
  'bad-input',
  'bad-target',
  'bad-connect-to',
  'bad-proxy',
  'bad-import',
  'missing-export',
  'conflict',
  'unsupported',
  'no-detection',
  // Nothing could be done although the request was fine: the CLI exits 1.
  'no-ca',
  'untrusted',
  'write-failed',
  'internal',
  // Front-door failures: the request never reached an operation.
  'unknown-operation',
  'untrusted-sender',
  'http',
  'network',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that mean "correct the request", as opposed to "the request was fine but failed". */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad-input',
  'bad-target',
  'bad-connect-to',
  'bad-proxy',
  'bad-import',
  'missing-export',
  'conflict',
  'unsupported',
  'no-detection',
  'unknown-operation',
]);
export const isUsageError = (code: ErrorCode): boolean => USAGE_CODES.has(code);
