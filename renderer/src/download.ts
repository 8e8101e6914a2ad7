import type { DetectionResult } from '../../shared/detection';

/** "Save as JSON": the detection as the engine returned it, downloaded by the browser (no path to choose in the page). */
export function downloadJson(d: DetectionResult): void {
  const blob = new Blob([JSON.stringify(d, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `ca-bridge-${d.startedAt.replace(/[:.]/g, '-')}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
