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

/**
 * The exit code for a set of problems found: 0 when there are none, and the network was checked (or
 * `--offline` was asked). When no site answered, the CA was never compared: that is not "healthy" but
 * 1, "could not check", unless a problem found in the files already gives its own code.
 */
export function statusExitCode(problems: readonly StatusProblem[], networkUnchecked = false): StatusExitCode {
  const first = STATUS_PRECEDENCE.find((problem) => problems.includes(problem));
  if (first !== undefined) return STATUS_PROBLEM_CODES[first];
  return networkUnchecked ? STATUS_EXIT.failure : STATUS_EXIT.healthy;
}

/**
 * A SHA-256 fingerprint as the engine writes it (`AB:CD:…`, 32 upper-case pairs), from what a user or an
 * MDM script types: colons optional, any case. Null when it is not 64 hex digits.
 */
export function normalizeFingerprint(typed: string): string | null {
  const hex = typed.trim().replace(/:/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex.match(/../g)!.join(':') : null;
}

/** One CA status knows of: from the export's files, or the one the network presents now. */
export interface StatusCa {
  subject: string;
  /** Null when the network's CA could not be determined (neither sent by the proxy nor in the trust store). */
  fingerprint256: string | null;
  notAfter: string | null;
}

/** What a configured place is, for the reader: an export file, a tool's setting file, an NSS database, the Java store. */
export type StatusPlaceKind = 'export-file' | 'tool-setting' | 'nssdb' | 'java-store' | 'shell-profile';

/** Why a configured place counts as broken. */
export type StatusBreak = 'missing' | 'unreadable' | 'setting-removed' | 'other-ca' | 'changed' | 'roots-missing';

/** One problem, with what a script or a person needs to act on it. */
export type StatusFinding =
  | {
      problem: 'ca-changed';
      /** The CAs the export holds (the old ones). */
      exported: StatusCa[];
      /** The CAs the network presents now that the export does not hold, each with its sites. */
      current: (StatusCa & { sites: string[] })[];
    }
  | { problem: 'ca-expiring'; ca: StatusCa; daysLeft: number }
  | { problem: 'verification-off'; tools: string[]; setting: string; value: string; where: string }
  | { problem: 'config-broken'; tool: string; place: StatusPlaceKind; where: string; why: StatusBreak }
  | { problem: 'not-configured'; inspectedSites: string[] };

export interface StatusReport {
  /** The exit code of `ca-bridge status` (statusExitCode of the problems found and whether the network was checked). */
  code: StatusExitCode;
  /** Every problem found, in the order of STATUS_PRECEDENCE. */
  problems: StatusProblem[];
  findings: StatusFinding[];
  /** The export the ledger records (the latest), null when none is recorded. */
  export: { dir: string; at: string; cas: StatusCa[]; files: string[] } | null;
  /** What the network showed now; null with `offline`. */
  network: {
    /** False when no site could be reached (off the company network): the CA was not compared, and without problems the code is 1. */
    checked: boolean;
    inspected: string[];
    clean: string[];
    unreachable: string[];
  } | null;
  /** The detection this status probed with (the page refreshes the export from it without probing again); null offline. */
  detectionId: string | null;
  /** How many places CA Bridge configured were checked (ledger entries in effect). */
  configuredChecked: number;
  /** When the status was taken. */
  at: string;
}
