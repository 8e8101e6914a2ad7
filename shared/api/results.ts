import type { CheckResult } from '../diagnose.js';
import type { DetectionResult, TargetReport, Verdict } from '../detection.js';
import type { ErrorExplanation } from '../explain.js';
import type { RenderedTool } from '../guidance/render.js';
import type { Shell } from '../guidance/quote.js';
import type { DefaultTarget } from '../targets.js';
import type { OperationMethods } from './client.js';

export interface EnvironmentInfo {
  platform: 'windows' | 'macos' | 'linux';
  locale: string;
  defaultShell: Shell;
  defaultTargets: DefaultTarget[];
  /** The desktop app can show native folder pickers; browser mode asks for a typed path. */
  nativeDialogs: boolean;
  homeDir: string;
}

export const LINT_CODES = [
  'basic-constraints-not-critical',
  'no-subject-key-id',
  'expired',
  'not-yet-valid',
  'expiring-soon',
  'sha1-signature',
  'weak-rsa-key',
  'not-a-ca',
  'forged-leaf-no-authority-key-id',
] as const;
export type LintCode = (typeof LINT_CODES)[number];

export interface LintWarning {
  code: LintCode;
  severity: 'error' | 'warning';
  message: string;
  affects: string;
  /** Who can fix it: a re-exported or reissued CA, or only the proxy's configuration. */
  fixedBy?: 'ca' | 'proxy-configuration';
  /** Numbers the front doors put into their wording (e.g. the expiry warning's days). */
  params?: { days?: number };
}

export interface ExportOutcome {
  /** The folder written, absolute. */
  dir: string;
  files: { caPem: string; caDer: string; bundle: string };
  backups: string[];
  ca: { subject: string; fingerprint256: string; notAfter: string; source: string; location: string | null };
  /** CA certificates written after the root, for proxies that do not send them. */
  intermediates: { subject: string; fingerprint256: string }[];
  bundleCertificates: number;
  lint: LintWarning[];
  signsInspectedChains: boolean | null;
  /** Where the CA came from, in one sentence. */
  explanation: string;
}

export const VERIFY_CAUSES = ['nothing-reachable', 'different-ca', 'some-failed'] as const;
export type VerifyCause = (typeof VERIFY_CAUSES)[number];

export interface VerifyOutcome {
  dir: string;
  verdict: Verdict;
  targets: { host: string; port: number; extraCa: 'pass' | 'fail' | 'error'; bundle: 'pass' | 'fail' | 'error'; error: string | null }[];
  tools: { name: string; setting: string; result: 'pass' | 'fail' | 'not-found' | 'skipped'; error: string | null }[];
  /** The site the tools made their request to. */
  toolTarget: string | null;
  /** The engine's judgement, so no front door recomputes it: something ran and nothing failed. */
  passed: boolean;
  checkedSomething: boolean;
  /** Why it did not pass; null when it passed. */
  cause: VerifyCause | null;
}

export interface SnippetsOutcome {
  shell: Shell;
  vars: Record<string, string>;
  text: string;
  tools: RenderedTool[];
  systemStores: { id: string; name: string; admin: boolean; command: string; note: string | null }[];
  safety: string[];
  /** Ids of `tools` whose program is on this computer's PATH. */
  installedTools?: string[];
}

export interface ProfileOutcome {
  where: string;
  changed: boolean;
  backup: string | null;
  diff: string;
  /** revert removed the file because apply had created it. */
  removed: boolean;
  /** For cmd on Windows: the user-environment variables changed instead of a file. */
  userEnvironment: {
    /** Registry types (REG_SZ / REG_EXPAND_SZ) beside each value; null where the value is unset. */
    changes: {
      name: string;
      from: string | null;
      to: string | null;
      fromType: 'REG_SZ' | 'REG_EXPAND_SZ' | null;
      toType: 'REG_SZ' | 'REG_EXPAND_SZ' | null;
    }[];
    keptUserEdits: string[];
    backupFile: string;
    /** Whether running programs were told of the change (WM_SETTINGCHANGE); null when nothing was written. */
    broadcast: boolean | null;
  } | null;
}

export interface OperationResults {
  getEnvironment: EnvironmentInfo;
  detect: DetectionResult;
  exportCa: ExportOutcome;
  verify: VerifyOutcome;
  snippets: SnippetsOutcome;
  apply: ProfileOutcome;
  revert: ProfileOutcome;
  check: CheckResult;
  explain: { matches: ErrorExplanation[] };
  chooseFolder: { path: string | null };
  showInFolder: { shown: boolean };
  openReference: { opened: boolean };
}

/** Progress the engine streams while an operation runs. */
export type ProgressEvent = (
  | { type: 'detect-progress'; done: number; total: number; target: TargetReport }
  /** One installed tool's outcome during verify, as soon as it finishes. */
  | { type: 'verify-progress'; done: number; total: number; tool: VerifyOutcome['tools'][number] }
) & {
  /** The operation the event belongs to (browser mode sends each session only its own operations' events). */
  operationId?: string;
};

/**
 * What the page sees: one named method per operation (never a generic invoke), each returning a
 * Result value, plus a progress subscription. The preload bridge and the browser-mode client both
 * implement exactly this.
 */
export type CaBridgeApi = OperationMethods & {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};
