/**
 * The exit-code contract of `ca-bridge status` (docs/status.md). Scripts and MDM tools (Intune, Jamf, a
 * systemd timer: docs/fleet.md) act on these numbers, so they never change meaning once released; a new
 * problem gets a new number.
 */

/** The problems `status` can find, each with its exit code. */
export const STATUS_PROBLEM_CODES = {
  /** The inspection CA the network presents now is not the one exported (rotation, new vendor). */
  'ca-changed': 10,
  /** The exported CA expires within {@link EXPIRY_WARNING_DAYS} days, or has expired. */
  'ca-expiring': 11,
  /** Certificate verification is switched off somewhere (a doctor finding). */
  'verification-off': 12,
  /** A file or tool setting CA Bridge configured (the ledger) is missing or no longer what it wrote. */
  'config-broken': 13,
  /** The network is inspected but CA Bridge has configured nothing (no export, no applied setting). */
  'not-configured': 14,
} as const;

export type StatusProblem = keyof typeof STATUS_PROBLEM_CODES;

/** Every exit code `status` can end with, by name. */
export const STATUS_EXIT = {
  healthy: 0,
  ...STATUS_PROBLEM_CODES,
  /** Anything else went wrong (an unreadable ledger, a probe that could not run). */
  failure: 1,
  /** The command line was wrong. */
  usage: 2,
} as const;

export type StatusExitCode = (typeof STATUS_EXIT)[keyof typeof STATUS_EXIT];

/**
 * When several problems apply at once the exit code is the first of this order (the JSON lists them all):
 * a changed CA first (nothing else can work until it is refreshed), then what is broken, then what is
 * insecure, then what will break, then what was never set up.
 */
export const STATUS_PRECEDENCE: readonly StatusProblem[] = [
  'ca-changed',
  'config-broken',
  'verification-off',
  'ca-expiring',
  'not-configured',
];

/** An exported CA this close to its end (or past it) is reported as `ca-expiring`. */
export const EXPIRY_WARNING_DAYS = 30;

/** The exit code for a set of problems found: 0 when there are none. */
export function statusExitCode(problems: readonly StatusProblem[]): StatusExitCode {
  const first = STATUS_PRECEDENCE.find((problem) => problems.includes(problem));
  return first === undefined ? STATUS_EXIT.healthy : STATUS_PROBLEM_CODES[first];
}
