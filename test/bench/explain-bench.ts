/** `explain` on hostile input: a 1 MB line of repeated "Could not fetch URL " (48 s before the patterns were bounded). */
import { KNOWN_ERRORS } from '../../shared/error-catalog.js';
import { explainErrors } from '../../shared/explain.js';

export async function explainBench(): Promise<string[]> {
  const line = 'Could not fetch URL '.repeat(50_000);
  const explainStart = performance.now();
  explainErrors(line);
  const explainMs = performance.now() - explainStart;
  // The patterns alone on the whole line, without explain's line-length bound: proves them linear on their own.
  const patternsStart = performance.now();
  for (const entry of KNOWN_ERRORS) for (const pattern of entry.patterns) pattern.exec(line);
  const patternsMs = performance.now() - patternsStart;
  return [
    'explain, 1 MB line of "Could not fetch URL "',
    `  explain (lines bounded to 8 KiB):      ${explainMs.toFixed(1)} ms`,
    `  every pattern on the whole 1 MB line:  ${patternsMs.toFixed(1)} ms`,
  ];
}
