import type { ExportOutcome, FixReport, SettingsPresets, ToolApplyReport, VerifyOutcome } from '../../shared/api/results.js';
import type { LedgerRun } from './ledger-run.js';
import type { DetectionResult } from '../../shared/detection.js';
import type { TriedStep } from '../../shared/i18n/tried-steps.js';
import { formatTarget, parseTarget, parseTargetList, type Target } from '../../shared/targets.js';

/** What the user typed in the advanced settings, as typed (empty means "the default"). */
export interface ProbeSettings {
  targets: string;
  proxy: string;
  connectTo: string;
  publicRootsFile: string;
  trustStorePath: string;
  /** The proxy's user name (NTLM: DOMAIN\\user) and password; the password lives in memory only (see persist.ts). */
  proxyUser: string;
  proxyPassword: string;
  /** Proxies (host:port) the user confirmed on the result page although only WPAD named them (credential policy). */
  confirmProxy?: string[];
}

/** The guided flow's state, shared by every step: each step reads what the earlier ones produced. */
export interface FlowState {
  settings: ProbeSettings;
  detection: DetectionResult | null;
  exportDir: string | null;
  exported: ExportOutcome | null;
  /** The last Verify run, for the report for IT (which tools failed and why). */
  verified: { at: string; outcome: VerifyOutcome } | null;
  /** What the user already tried, in order, once each: the report for IT lists it so the help desk does not ask again. */
  tried: TriedStep[];
  /** A reload dropped the proxy password (it is never stored): the Check step asks for it again until it is typed. */
  passwordDropped?: boolean;
  /** The fingerprint IT publishes, as pasted on Result: Export's confirmation compares it again. */
  itFingerprint?: string;
  /** The last "Set these up for me" run (Configure): kept across steps and reloads, so its Undo stays at hand. */
  setupRun?: LedgerRun<ToolApplyReport> | null;
  /** The last Fix of the Health step, likewise. */
  healthFix?: LedgerRun<FixReport> | null;
}

export { TRIED_STEPS, type TriedStep } from '../../shared/i18n/tried-steps.js';

/** The flow with one more thing tried (kept once, in the order first tried). */
export const withTried = (flow: FlowState, step: TriedStep): FlowState =>
  flow.tried.includes(step) ? flow : { ...flow, tried: [...flow.tried, step] };

export const EMPTY_SETTINGS: ProbeSettings = {
  targets: '',
  proxy: '',
  connectTo: '',
  publicRootsFile: '',
  trustStorePath: '',
  proxyUser: '',
  proxyPassword: '',
};
export const INITIAL_FLOW: FlowState = {
  settings: EMPTY_SETTINGS,
  detection: null,
  exportDir: null,
  exported: null,
  verified: null,
  tried: [],
};

/** A fresh start with the settings the front door was started with (`ca-bridge ui --proxy …`); a reload keeps the user's own. */
export function presetFlow(presets: SettingsPresets | undefined): FlowState {
  return presets ? { ...INITIAL_FLOW, settings: { ...EMPTY_SETTINGS, ...presets } } : INITIAL_FLOW;
}

export type UpdateFlow = (patch: Partial<FlowState>) => void;

/**
 * Whether the check found a CA the Export step can write: a confident verdict and a certificate in hand
 * (a root only the proxy sent is exportable after the fingerprint confirmation). Result and Export agree on it.
 */
export const exportableCa = (d: DetectionResult): boolean =>
  d.verdict !== 'inconclusive' && d.inspectionCa?.fingerprint256 != null && d.inspectionCa.source !== 'not-found';

/** Settings as contract input: empty fields mean "the default". */
export function probeInput(s: ProbeSettings) {
  const connectTo = s.connectTo
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    ...(s.targets.trim() ? { targets: s.targets.trim() } : {}),
    ...(s.proxy.trim() ? { proxy: s.proxy.trim() } : {}),
    ...(connectTo.length ? { connectTo } : {}),
    ...(s.publicRootsFile.trim() ? { publicRootsFile: s.publicRootsFile.trim() } : {}),
    ...(s.trustStorePath.trim() ? { trustStorePath: s.trustStorePath.trim() } : {}),
    // A password is passed as typed (spaces can be part of it); without a user name there is nothing to sign in as.
    ...(s.proxyUser.trim() ? { proxyUser: s.proxyUser.trim(), proxyPassword: s.proxyPassword } : {}),
    ...(s.confirmProxy?.length ? { confirmProxy: s.confirmProxy } : {}),
  };
}

/** The key the engine's progress events use for a site, so a typed `GitHub.com` or `[::1]:8443` finds its row. */
export const targetKey = (t: Target): string => formatTarget(t);

/**
 * The sites a check will probe, parsed exactly as the engine parses them (lower-cased, default port,
 * brackets for IPv6, duplicates dropped). `error` is the first item the parser refuses, as typed, so
 * the page can name it in the user's language.
 */
export function plannedTargets(typed: string, defaults: readonly Target[]): { keys: string[]; error: string | null } {
  if (!typed.trim()) return { keys: defaults.map(targetKey), error: null };
  const parsed = parseTargetList(typed);
  if (parsed.ok) return { keys: parsed.value.map(targetKey), error: null };
  const items = typed.split(',').map((s) => s.trim());
  return { keys: [], error: items.find((item) => item && !parseTarget(item).ok) ?? typed.trim() };
}
