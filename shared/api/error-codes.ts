/** Codes that mean "correct the request", as opposed to "the request was fine but failed": the CLI exits 2 and names the flag. */
const USAGE_CODES = [
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
] as const;

/**
 * Every code an operation's failure can carry, in one list: front doors decide on these (the CLI's exit
 * status, the page's wording), so a new code is added here and the compiler asks for its words in both
 * message catalogues.
 */
export const ERROR_CODES = [
  ...USAGE_CODES,
  // Nothing could be done although the request was fine: the CLI exits 1.
  'no-ca',
  'untrusted',
  // --expect-fingerprint: the CA is not one of those the user (or the fleet script) expects; nothing written.
  'unexpected-ca',
  'write-failed',
  'internal',
  // The operation did not finish within its deadline (browser mode answers rather than wait forever).
  'timeout',
  // The proxy setting could not be followed (a PAC file that cannot be fetched or run, an unusable proxy).
  'proxy-error',
  'pac-fetch',
  'pac-too-large',
  'pac-untrusted',
  'pac-error',
  'pac-timeout',
  // Front-door failures: the request never reached an operation.
  'untrusted-sender',
  'expired-link',
  'http',
  'network',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const USAGE_SET: ReadonlySet<ErrorCode> = new Set<ErrorCode>(USAGE_CODES);
export const isUsageError = (code: ErrorCode): boolean => USAGE_SET.has(code);
