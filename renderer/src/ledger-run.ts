import type { FixReport, ToolApplyReport, UndoReport } from '../../shared/api/results.js';
import type { DetectionResult } from '../../shared/detection.js';

/**
 * One run that changed the machine through the ledger ("Set these up for me", Health's Fix): its rows,
 * each with the ledger entries it recorded, and what Undo then did. Undo reverts exactly these entries
 * (undoChanges with `entries`), never "everything of this tool".
 */
export interface LedgerRun<Row> {
  rows: Row[];
  undone: UndoReport[] | null;
}

/** The ledger entries a run recorded, in the order they were made (undo walks them newest first itself). */
export const entriesOf = (rows: readonly { entries?: string[] }[]): string[] => rows.flatMap((r) => r.entries ?? []);

/** What a preview row will do if applied: change a file or database, nothing (already set), or nothing (cannot here). */
export type PlanState = 'change' | 'unchanged' | 'cannot';
export const planState = (row: ToolApplyReport): PlanState => (row.error !== null ? 'cannot' : row.changed ? 'change' : 'unchanged');

/** The rows a preview selects at first: those that would change something and need no administrator rights. */
export const defaultChoice = (rows: readonly ToolApplyReport[]): string[] =>
  rows.filter((r) => planState(r) === 'change' && !r.admin).map((r) => r.tool);

/** A row's result after the real run. */
export const appliedState = (row: ToolApplyReport): 'applied' | 'unchanged' | 'failed' =>
  row.error !== null ? 'failed' : row.changed ? 'applied' : 'unchanged';

/** The fixes that changed something (and so can be undone). */
export const fixesDone = (rows: readonly FixReport[]) => rows.filter((r) => (r.entries?.length ?? 0) > 0);

export type DiffLineKind = 'add' | 'remove' | 'context' | 'hunk' | 'note';
export interface DiffLine {
  kind: DiffLineKind;
  text: string;
}

/**
 * The lines of a diff the engine computed (a unified diff of the file, or `-NAME=…`/`+NAME=…` pairs for
 * the Windows user environment), without the file header: the page names the file itself. The engine's
 * text is shown as it is; only the first character says what a line is.
 */
export function diffLines(diff: string): DiffLine[] {
  const lines = diff.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let body = !lines.some((l) => l.startsWith('@@'));
  const out: DiffLine[] = [];
  for (const line of lines) {
    if (line.startsWith('@@')) {
      body = true;
      out.push({ kind: 'hunk', text: line });
    } else if (!body) continue;
    else if (line.startsWith('+')) out.push({ kind: 'add', text: line });
    else if (line.startsWith('-')) out.push({ kind: 'remove', text: line });
    else if (line.startsWith('\\')) out.push({ kind: 'note', text: line });
    else out.push({ kind: 'context', text: line });
  }
  return out;
}

/** The site Fix proves against by default: the first one the check found inspected (a site behind the inspection). */
export function proofUrl(detection: DetectionResult | null): string {
  const site = detection?.targets.find((t) => t.status === 'inspected');
  if (!site) return '';
  const host = site.host.includes(':') ? `[${site.host}]` : site.host;
  return `https://${host}${site.port === 443 ? '' : `:${site.port}`}/`;
}

/** The address doctor's fix accepts (its input schema): https, a host, a path. */
export const isProofUrl = (url: string): boolean => /^https:\/\/[^\s/]+\/\S*$/.test(url) && url.length <= 2000;
