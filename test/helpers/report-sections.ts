/** The report for IT's Markdown as sections: heading (## or ###) → its lines, blank lines dropped. */
export function reportSections(md: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  for (const line of md.split('\n')) {
    const heading = /^#{2,3} (.*)$/.exec(line);
    if (heading) out.set((current = heading[1]!), []);
    else if (line.trim()) out.get(current)!.push(line);
  }
  return out;
}
