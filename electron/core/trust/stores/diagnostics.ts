import type { TrustStoreDiagnostics } from '../../../../shared/detection.js';
import type { StoreContents } from './types.js';

/** Problems carried per result: enough to explain, bounded so a store of broken entries cannot flood a report. */
const MAX_PROBLEMS = 20;

/** Each store reports its own state (as mkcert does): what was read, how much, and what went wrong. */
export function storeDiagnostics(store: StoreContents): TrustStoreDiagnostics {
  const unreadable = store.anchors.size === 0 && store.problems.some((p) => p.index === -1);
  return {
    backend: store.backend,
    state: unreadable ? 'unreadable' : store.problems.length ? 'partial' : 'ok',
    sources: store.sources,
    anchors: store.anchors.size,
    intermediates: store.intermediates.size,
    problems: store.problems.slice(0, MAX_PROBLEMS).map(({ source, reason }) => ({ source, reason })),
    problemCount: store.problems.length,
  };
}
