import { INITIAL_FLOW, type FlowState } from './flow.js';

/**
 * The flow as it may be written to storage: never a password, neither the password field nor a proxy
 * address carrying one (the user types it again after a reload; the page keeps it in memory only).
 */
export function storableFlow(flow: FlowState): FlowState {
  const s = flow.settings;
  return { ...flow, settings: { ...s, proxy: s.proxy.includes('@') ? '' : s.proxy, proxyPassword: '' } };
}

/** A stored flow back into the page: missing fields get their defaults, and a planted password is not taken. */
export function restoredFlow(stored: Partial<FlowState>): FlowState {
  return { ...INITIAL_FLOW, ...stored, settings: { ...INITIAL_FLOW.settings, ...stored.settings, proxyPassword: '' } };
}
