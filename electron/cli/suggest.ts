/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours: "detetc" is one swap from "detect"). */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  return rows[a.length]![b.length]!;
}

/**
 * The known word closest to a mistyped one, when it is close enough to be what was meant (at most a
 * third of its letters off, and at least a prefix match for long flags); undefined otherwise. Input is
 * bounded (a command line word), and the candidate lists are the parser's own tables.
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  const typed = word.slice(0, 64).toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(typed, name.toLowerCase());
    if (d <= Math.max(1, Math.floor(name.length / 3)) && (!best || d < best.d)) best = { name, d };
  }
  if (best) return best.name;
  // "--proxy-usr" style typos of long flags are covered above; a typed prefix ("--acc") names one flag only when unique.
  const prefixed = known.filter((name) => typed.length >= 3 && name.toLowerCase().startsWith(typed));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
