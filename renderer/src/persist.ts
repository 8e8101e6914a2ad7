import type { StepId } from './components/StepNav';
import type { FlowState } from './flow';
import { restoredFlow, storableFlow } from './stored-flow';

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
    return { step: saved.step, flow: restoredFlow(saved.flow) };
  } catch {
    return null; // storage disabled or a damaged entry: start fresh
  }
}

export function save(saved: Saved): void {
  try {
    const text = JSON.stringify({ ...saved, flow: storableFlow(saved.flow) });
    if (text.length <= MAX_CHARS) sessionStorage.setItem(KEY, text);
  } catch {
    // storage full or disabled: a reload then starts fresh, nothing else depends on it
  }
}
