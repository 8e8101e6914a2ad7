import type { StepId } from './components/StepNav';
import { INITIAL_FLOW, type FlowState } from './flow';

/** What a reload keeps (browser mode): the step, the settings and the last results. Language is kept by i18n.ts. */
export interface Saved {
  step: StepId;
  flow: FlowState;
}

const KEY = 'ca-bridge:flow';
/** A detection with its chains is a few hundred kB at most; anything far larger is not ours, so it is ignored. */
const MAX_CHARS = 4_000_000;

export function loadSaved(): Saved | null {
  try {
    const text = sessionStorage.getItem(KEY);
    if (!text || text.length > MAX_CHARS) return null;
    const saved = JSON.parse(text) as Partial<Saved>;
    if (!saved || typeof saved !== 'object' || typeof saved.step !== 'string' || !saved.flow) return null;
    return { step: saved.step, flow: { ...INITIAL_FLOW, ...saved.flow, settings: { ...INITIAL_FLOW.settings, ...saved.flow.settings } } };
  } catch {
    return null; // storage disabled or a damaged entry: start fresh
  }
}

/** A proxy address carrying a password is never written to storage: the user types it again after a reload. */
const withoutCredentials = (saved: Saved): Saved =>
  saved.flow.settings.proxy.includes('@') ? { ...saved, flow: { ...saved.flow, settings: { ...saved.flow.settings, proxy: '' } } } : saved;

export function save(saved: Saved): void {
  try {
    const text = JSON.stringify(withoutCredentials(saved));
    if (text.length <= MAX_CHARS) sessionStorage.setItem(KEY, text);
  } catch {
    // storage full or disabled: a reload then starts fresh, nothing else depends on it
  }
}
