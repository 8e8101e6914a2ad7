import type { SettingSource } from '../settings.js';
import type { CheckResult } from '../diagnose.js';
import type { DetectionResult, ProbeError, TargetReport, Verdict } from '../detection.js';
import type { ErrorExplanation } from '../explain.js';
import type { RenderedTool } from '../guidance/render.js';
import type { Shell } from '../guidance/quote.js';
import type { ProxyRelayAdvice } from '../proxy-advice.js';
import type { SettingFinding, ShellLaterAssignment, UnreadSettingsFile } from '../settings.js';
import type { DefaultTarget } from '../targets.js';
import type { OperationMethods } from './client.js';
import type { StatusReport } from '../status.js';

export interface EnvironmentInfo {
  platform: 'windows' | 'macos' | 'linux';
  locale: string;
  defaultShell: Shell;
  defaultTargets: DefaultTarget[];
  /** The desktop app can show native folder pickers; browser mode asks for a typed path. */
  nativeDialogs: boolean;
  homeDir: string;
  /**
   * Settings the front door was started with (`ca-bridge ui --proxy …`), so a help desk can hand out one
   * command line: the page fills its fields with them on a fresh start. Never a password.
   */
  presets?: SettingsPresets;
}

export interface SettingsPresets {
  targets?: string;
  proxy?: string;
  publicRootsFile?: string;
  trustStorePath?: string;
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

/** Where an exported CA came from: a closed list, so every front door has words for each. */
export type ExportedCaSource = 'trust-store' | 'presented-chain' | 'imported';

export interface ExportOutcome {
  /** The folder written, absolute. */
  dir: string;
  files: { caPem: string; caDer: string; bundle: string };
  backups: string[];
  ca: { subject: string; fingerprint256: string; notAfter: string; source: ExportedCaSource; location: string | null };
  /** CA certificates written after the root, for proxies that do not send them. */
  intermediates: { subject: string; fingerprint256: string }[];
  bundleCertificates: number;
  /**
   * The merged bundle (ca-bundle-merged.pem): written when a CA file of the user's own, which a session
   * variable replaces or outranks (their PIP_CERT, pip.conf `cert`, an npmrc `cafile`…), holds certificates
   * the bundle lacks: their certificates + the bundle, so that no root they trusted is dropped.
   */
  merged?: { file: string; sources: string[]; certificates: number; added: number };
  /**
   * Further inspection CAs (several inspectors: per PAC route, per proxy, DIRECT), each checked like the
   * first: written into `corporate-ca.pem` and the bundle, each with its own DER file. Absent from older results.
   */
  otherCas?: { subject: string; fingerprint256: string; notAfter: string; source: string; location: string | null; der: string }[];
  /** Inspection CAs that were NOT written, and why: `untrusted` (sent by the proxy, not in the OS store) or `not-found`. */
  notExported?: { subject: string; fingerprint256: string | null; reason: 'untrusted' | 'not-found' }[];
  lint: LintWarning[];
  signsInspectedChains: boolean | null;
  /** Where the CA came from, in one sentence. */
  explanation: string;
}

export const VERIFY_CAUSES = ['nothing-reachable', 'different-ca', 'some-failed', 'proxy-auth'] as const;

export interface ToolProxyAuth {
  /** scheme://host:port, no credentials. */
  proxy: string;
  /** host:port, as --confirm-proxy names it. */
  hostPort: string;
  offered: string[];
  /** The proxy was named only by WPAD and not confirmed: the credentials were held back. */
  held: boolean;
}
export type VerifyCause = (typeof VERIFY_CAUSES)[number];

/**
 * One tool's verify result (docs/verify-results.md):
 * - `pass`: got the site's answer with the proven configuration, and failed its negative control.
 * - `fail`: did not get the answer with the proven configuration (what outranks the advice is named).
 * - `verification-off`: passed its negative control too; `settings` names what switches verification off.
 * - `pass-by-user-setting`: passed, and passed the control, because a CA setting of the user's own (named
 *   in `settings`) already trusts the inspection CA: not proof of CA Bridge's advice.
 * - `unproven`: passed, also with a CA that cannot be right, and no setting explains it: never a PASS.
 * - `not-configured`: the session snippet sets nothing for this tool and it fails without; `setting` is the next step.
 * - `proxy-auth`: the CA is fine; the tool cannot sign in to the proxy (it offers only schemes the tool
 *   does not speak, or refused its sign-in): `proxyAuth` says which proxy and what it offered; a relay is the next step.
 * - `not-found`, `skipped`: not run (not installed; cannot run here, with why).
 */
export const TOOL_RESULTS = [
  'pass',
  'fail',
  'verification-off',
  'pass-by-user-setting',
  'unproven',
  'not-configured',
  'proxy-auth',
  'not-found',
  'skipped',
] as const;
export type ToolResult = (typeof TOOL_RESULTS)[number];
/** Results that make verify exit 1: a promise verify cannot give. */
export const FAILING_TOOL_RESULTS: readonly ToolResult[] = ['fail', 'verification-off', 'unproven', 'proxy-auth'];

export interface ToolOutcome {
  name: string;
  /** The variable of the proven configuration that serves this tool, or (not-configured) the setting to add. */
  setting: string;
  result: ToolResult;
  error: string | null;
  /** The negative control: the same tool and configuration with a CA generated for this run; `not-run` when it was not needed. */
  control: 'pass' | 'fail' | 'not-run';
  /** The user's settings that decide this result (verification off, their own CA file, one outranking the advice). */
  settings: SettingFinding[];
  /** With `proxy-auth`: the proxy, what it offered, and whether the credentials were held back pending confirmation. */
  proxyAuth?: ToolProxyAuth;
  /**
   * With `not-configured` when the applied state was proven: the row whose own file `apply --tool ROW` sets
   * for this tool; absent: the profile block's variable (`setting`) is the next step (`apply`). With `fail`
   * when a file setting of the user's outranks every variable (curl's .curlrc `cacert`): the row whose
   * `apply --tool ROW` repoints that line (keeping the user's roots through the merged bundle).
   */
  applyTool?: string;
  /**
   * The tool's result on each route of `VerifyOutcome.routes`, in that order (docs/verify-results.md); the
   * fields above are the worst of them. Empty when the tool did not run at all (not installed, cancelled
   * first); absent in results saved by older versions.
   */
  routes?: ToolRouteOutcome[];
}

/** A change `apply` made that is in effect (the ledger's entry): the row, the file (or NSS database, or registry key), in words. */
export interface AppliedSetting {
  tool: string;
  where: string;
  what: string;
}

/** One route verify ran the tools on: a site an inspecting CA re-signed, and how it was reached. */
export interface VerifyRoute {
  /** `DIRECT`, the proxy's URL without credentials, or Chromium's route: as detection reports it (`CaSite.route`). */
  route: string;
  /** The PAC file's answer for the site, when a PAC file chose the route. */
  pacRoute: string | null;
  /** host:port the tools made their request to. */
  site: string;
  /** The inspection CA that re-signed the site (subject, SHA-256); null on a network found clean. */
  ca: { subject: string; fingerprint256: string | null } | null;
}

/** One tool on one route: the same judgement as a whole tool's, with its own negative control. */
export interface ToolRouteOutcome extends Pick<ToolOutcome, 'result' | 'error' | 'control' | 'settings' | 'proxyAuth'> {
  route: string;
  site: string;
}

/**
 * What verify proved (docs/verify-results.md). `session-snippet`: the user's own environment, HOME and
 * config files, plus the session variables as `snippets` prints them (`vars`), including overrides added
 * because a setting of the user's outranks the shared block; `blocked` names those it could not safely
 * override. `applied`: the user's own environment, HOME and config files (where apply's lines are), plus
 * the variables apply wrote (`vars`: profile block, environment.d, Windows user environment), and no
 * session variable; `applied` lists every change in effect.
 */
export interface ProvenConfiguration {
  kind: 'session-snippet' | 'applied';
  /** `flag`: asked with --prove; `ledger`: the default, applied when the ledger records an applied state, else the snippet. */
  chosenBy: 'flag' | 'ledger';
  vars: Record<string, string>;
  /** `reason`: `outranks` (added to beat the user's setting) or `keeps` (pointed at the merged bundle to keep the user's roots). */
  overrides: { name: string; because: SettingFinding; reason: 'outranks' | 'keeps'; value: string }[];
  blocked: { name: string; because: SettingFinding; missingRoots: string[]; unreadable: boolean }[];
  /** Settings files that exist but could not be read within the limits (with `applied`: also CA Bridge's own files and block lines). */
  unread: UnreadSettingsFile[];
  /** With `applied`: the changes in effect that were proven. */
  applied?: AppliedSetting[];
  /**
   * With `applied`: per CA variable, the line the user's shells read after CA Bridge's profile block that
   * decides its value (shell read order, docs/verify-results.md). An evaluated one is in `vars` (what was
   * proven); an unevaluable one leaves the tools that read it `unproven`.
   */
  shellLater?: ShellLaterAssignment[];
}

/** Why a chain fails with one of the exported files: no path to a root it holds, or a certificate for another name. */
export type VerifyChainProblem = 'untrusted' | 'name';
/**
 * Why a site did not pass verify: the probe's own error (its code and parameters), or what each of
 * the two exported files made of the chain. Codes only; each front door words them.
 */
export type VerifySiteProblem =
  { kind: 'probe'; error: ProbeError } | { kind: 'chain'; extraCa: VerifyChainProblem | null; bundle: VerifyChainProblem | null };

export interface VerifyOutcome {
  dir: string;
  verdict: Verdict;
  targets: {
    host: string;
    port: number;
    extraCa: 'pass' | 'fail' | 'error';
    bundle: 'pass' | 'fail' | 'error';
    /** English, for JSON and logs; `problem` is what the front doors word. */
    error: string | null;
    problem: VerifySiteProblem | null;
  }[];
  tools: ToolOutcome[];
  proven: ProvenConfiguration | null;
  /** For a proxy the tools cannot sign in to: a local relay (px, cntlm) and how to point tools at it. */
  proxyAdvice?: ProxyRelayAdvice[];
  /** The site the tools made their request to (the first of `routes`). */
  toolTarget: string | null;
  /**
   * Every route the tools ran on: one site per inspection CA and route as detection reported them (PAC
   * routes, DIRECT, each proxy), or one clean site when nothing was inspected. Absent in older results.
   */
  routes?: VerifyRoute[];
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

/** What `apply --tool` did for one row (or why it could not). */
export interface ToolApplyReport {
  tool: string;
  /** The file (or NSS database) changed. */
  where: string;
  setting: string;
  changed: boolean;
  diff: string;
  backup: string | null;
  /** Every row `apply --tool` performs is the user's own file: none needs administrator rights. */
  admin: false;
  /**
   * The program the row runs to make its change (`certutil` for NSS databases, `keytool` for the Java
   * store), so a preview can say so before the user agrees; null when CA Bridge writes the file itself.
   */
  runs: string | null;
  /** The ledger entries this run recorded (none on a dry run): `undoChanges` with `entries` undoes exactly them. */
  entries: string[];
  /** Set when this row failed; the others still ran. */
  error: string | null;
}

/** One recorded change that `revert --all` / `revert --tool` undid, or left because the user changed it since. */
export interface UndoReport {
  tool: string;
  what: string;
  where: string;
  outcome: 'restored' | 'block-removed' | 'nothing-happened' | 'entry-removed' | 'already-gone' | 'changed-since' | 'failed' | 'would-undo';
  /** With `changed-since`: where the bytes from before were written, beside the user's file. */
  keptBefore: string | null;
  /** With `failed`: what went wrong (the entry stays in the ledger for a later try). */
  error: string | null;
  /** With `changed-since` on a Windows user environment value: the value and type it held before CA Bridge's change. */
  previous: string | null;
  /** The insecure setting this undo switches back on (a line doctor --fix had removed), else null. */
  reenables: string | null;
}

/** What `doctor --fix` did with one verification-off finding. */
export interface FixReport {
  tool: string;
  setting: string;
  value: string;
  source: SettingSource | null;
  outcome:
    | 'removed' // proven with the line masked, removed through the ledger, proven again
    | 'repointed' // a stale CA setting pointed at the export through the ledger, then proven
    | 'ca-not-in-place' // the tool's CA setting is missing or its file invalid: removing the line would break it
    | 'not-proven' // with the line masked the tool did not get through: left
    | 'put-back' // removed, but the tool failed afterwards: the removal was undone
    | 'cannot-mask' // a file the tool cannot be pointed away from for the proof: left
    | 'changed-meanwhile'
    | 'not-a-file' // a variable: remove it where it is set
    | 'not-supported'
    | 'cannot-repoint' // the line holds more than the one setting (another command, a command substitution): left
    | 'proxy-sign-in' // the proof cannot sign in to the proxy in a scheme it offered (NTLM/Negotiate only for Node): left
    | 'proxy-refused'; // the proxy answered the proof's sign-in with 407 (user or password): left
  /** With `removed` or `repointed`: the ledger entry of the change, so a front door can undo exactly this fix. */
  entries?: string[];
  /** A shell profile's line was removed: new shells no longer have the variable; the shell doctor ran in still does. */
  newShell?: boolean;
}

/**
 * One thing `doctor` found. Parameters only; each front door words them. `source` is where the setting
 * is (variable, or file and 1-based line); null for a tool that has no CA setting anywhere.
 */
export interface DoctorFinding {
  kind: 'verification-off' | 'ca-file-missing' | 'ca-file-unreadable' | 'ca-file-no-certificate' | 'ca-file-expired' | 'not-configured';
  severity: 'high' | 'medium' | 'info';
  tools: string[];
  setting: string;
  value: string;
  source: SettingSource | null;
}

export interface DoctorOutcome {
  findings: DoctorFinding[];
  /** Settings files that exist but could not be read within the limits. */
  unread: UnreadSettingsFile[];
  /** With --fix: what was done with each verification-off finding. */
  fixed: FixReport[];
}

/** `export --refresh`: the export written again into its recorded folder, and the persistent steps re-run from it. */
export interface RefreshOutcome {
  export: ExportOutcome;
  /** The fingerprints the folder held before (the ledger's last export record). */
  previous: string[];
  /** The Java trust store and NSS databases that had a copy of the CA, each built or added again. */
  steps: ToolApplyReport[];
  /** Copies of a CA no longer exported that were taken out (NSS entries CA Bridge had added). */
  retired: { tool: string; where: string; what: string }[];
  ledger: string;
}

export interface OperationResults {
  getEnvironment: EnvironmentInfo;
  detect: DetectionResult;
  exportCa: ExportOutcome;
  verify: VerifyOutcome;
  snippets: SnippetsOutcome;
  apply: ProfileOutcome;
  revert: ProfileOutcome;
  applyTools: { tools: ToolApplyReport[]; ledger: string };
  undoChanges: { undone: UndoReport[]; ledger: string };
  doctor: DoctorOutcome;
  check: CheckResult;
  explain: { matches: ErrorExplanation[] };
  status: StatusReport;
  refreshExport: RefreshOutcome;
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
  /** The call the event belongs to (each page gets only its own calls' events): the id the page gave it, else one of the server's. */
  operationId?: string;
};

/**
 * What the page sees: one named method per operation (never a generic invoke), each returning a
 * Result value, plus a progress subscription. The preload bridge and the browser-mode client both
 * implement exactly this.
 */
export type CaBridgeApi = OperationMethods & {
  onProgress(listener: (event: ProgressEvent) => void): () => void;
  /** Cancels the running call the page named `operationId`: the engine stops its probes, reads and tools. */
  cancel(operationId: string): void;
};
