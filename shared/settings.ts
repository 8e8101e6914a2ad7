import type { FileProblem } from './error-detail.js';
import type { ToolId } from './guidance/tool-types.js';

/**
 * Where a tool setting of the user's was found: a variable of the environment, or a line of a file
 * (1-based). The engine reports these as parameters; each front door words them.
 */
export type SettingSource = { kind: 'env'; name: string } | { kind: 'file'; file: string; line: number };

/**
 * What a found setting does:
 * - `verification-off`: the tool no longer checks certificates (for some or all hosts): any CA "works".
 * - `trust-file`: the tool's trusted CAs come from this file (the user's own CA setting).
 */
export type SettingEffect = 'verification-off' | 'trust-file';

export interface SettingFinding {
  effect: SettingEffect;
  /** The catalogue rows whose tools read this setting. */
  tools: ToolId[];
  /** The setting's own name, as the tool documents it (`strict-ssl`, `http.sslVerify`, `PIP_TRUSTED_HOST`). */
  setting: string;
  /** Its value as written (hosts, a path, `false`); bounded to 200 characters. */
  value: string;
  source: SettingSource;
  /**
   * For `trust-file`: whether it outranks the variable CA Bridge's session snippet sets for these tools
   * (npm's `cafile` in any npmrc wins over NODE_EXTRA_CA_CERTS; `cacert` in .curlrc over CURL_CA_BUNDLE).
   */
  outranksAdvice: boolean;
  /**
   * Proving the applied state: the variable is set again after CA Bridge's profile block in a form verify
   * cannot evaluate without running the profile, so the tools that read it are not proven
   * (docs/verify-results.md): `substitution` (a command or another variable), `nested` (inside a function,
   * condition, loop, or after another command on the line), `form` (a form verify does not read).
   */
  unevaluable?: ShellUnevaluable;
}

export const SHELL_UNEVALUABLE = ['substitution', 'nested', 'form'] as const;
export type ShellUnevaluable = (typeof SHELL_UNEVALUABLE)[number];

/**
 * A CA variable a user's shell sets (or removes) after CA Bridge's profile block, in the shell's read order:
 * what the user's shells really have. `value` null with `unevaluable` null: removed (`unset`).
 */
export interface ShellLaterAssignment {
  name: string;
  value: string | null;
  source: { kind: 'file'; file: string; line: number };
  unevaluable: ShellUnevaluable | null;
}

/** A settings file that exists but could not be read within the limits: named, never silently skipped. */
export interface UnreadSettingsFile {
  file: string;
  problem: FileProblem;
}

export interface SettingsScan {
  findings: SettingFinding[];
  unread: UnreadSettingsFile[];
}

/** "file:line" or the variable's name: how every front door points at a finding. */
export const settingPlace = (source: SettingSource): string => (source.kind === 'env' ? source.name : `${source.file}:${source.line}`);
