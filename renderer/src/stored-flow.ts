import { INITIAL_FLOW, TRIED_STEPS, type FlowState, type TriedStep } from './flow.js';

/**
 * The flow as it may be written to storage: never a password, neither the password field nor a proxy
 * address carrying one (the user types it again after a reload; the page keeps it in memory only).
 * `passwordDropped` remembers that one was left out, so the page can ask for it again after the reload.
 */
export function storableFlow(flow: FlowState): FlowState {
  const s = flow.settings;
  const dropped = s.proxyPassword !== '' || s.proxy.includes('@') || flow.passwordDropped === true;
  return {
    ...flow,
    settings: { ...s, proxy: s.proxy.includes('@') ? '' : s.proxy, proxyPassword: '' },
    ...(dropped ? { passwordDropped: true } : {}),
  };
}

const isTried = (x: unknown): x is TriedStep => (TRIED_STEPS as readonly unknown[]).includes(x);

/** A stored flow back into the page: missing fields get their defaults, and a planted password is not taken. */
export function restoredFlow(stored: Partial<FlowState>): FlowState {
  return {
    ...INITIAL_FLOW,
    ...stored,
    settings: { ...INITIAL_FLOW.settings, ...stored.settings, proxyPassword: '' },
    tried: Array.isArray(stored.tried) ? stored.tried.filter(isTried) : [],
    passwordDropped: stored.passwordDropped === true,
  };
}
