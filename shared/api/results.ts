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

export interface LintWarning {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  affects: string;
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

export interface VerifyOutcome {
  dir: string;
  verdict: Verdict;
  targets: { host: string; port: number; extraCa: 'pass' | 'fail' | 'error'; bundle: 'pass' | 'fail' | 'error'; error: string | null }[];
  tools: { name: string; setting: string; result: 'pass' | 'fail' | 'not-found' | 'skipped'; error: string | null }[];
  /** The site the tools were run against, or null when no site could be reached. */
  toolTarget: string | null;
  /** Everything that could run passed (and something could). */
  passed: boolean;
  checkedSomething: boolean;
}

export interface SnippetsOutcome {
  shell: Shell;
  vars: Record<string, string>;
  text: string;
  tools: RenderedTool[];
  systemStores: { id: string; name: string; admin: boolean; command: string; note: string | null }[];
  safety: string[];
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
export type ProgressEvent = { type: 'detect-progress'; done: number; total: number; target: TargetReport };

/**
 * What the page sees: one named method per operation (never a generic invoke), each returning a
 * Result value, plus a progress subscription. The preload bridge and the browser-mode client both
 * implement exactly this.
 */
export type CaBridgeApi = OperationMethods & {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};
