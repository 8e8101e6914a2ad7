/**
 * One pass over PEM text, marker by marker. A lazy `BEGIN([\s\S]*?)END` pattern rescans the rest
 * of the text from every BEGIN that has no END, so a file of 40,000 BEGIN lines took seconds and
 * 200,000 took minutes; here every character is looked at a bounded number of times.
 */

export interface PemBlock {
  kind: 'block';
  label: string;
  /** The text between the BEGIN and END lines (base64, possibly with headers and whitespace). */
  body: string;
  /** 1-based line of the BEGIN marker, for messages. */
  line: number;
}

export interface BrokenPemBlock {
  kind: 'broken';
  label: string;
  line: number;
  reason: string;
}

export type PemEntry = PemBlock | BrokenPemBlock;

// Bounded: a fixed literal, then at most 64 label characters; no quantifier can rescan the text.
const MARKER = /-----(BEGIN|END) ([A-Z0-9 ]{1,64})-----/g;

/** Every BEGIN…END block of `text`, in order, and every BEGIN left unterminated or closed with another label. */
export function scanPem(text: string): PemEntry[] {
  const entries: PemEntry[] = [];
  let open: { label: string; line: number; start: number } | null = null;
  let line = 1;
  let counted = 0;
  const lineAt = (index: number) => {
    // Newlines are counted incrementally between markers, so the total stays linear.
    for (let i = text.indexOf('\n', counted); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
    counted = index;
    return line;
  };
  for (const match of text.matchAll(MARKER)) {
    const [marker, what, label] = match as unknown as [string, 'BEGIN' | 'END', string];
    const at = lineAt(match.index);
    if (what === 'BEGIN') {
      if (open)
        entries.push({
          kind: 'broken',
          label: open.label,
          line: open.line,
          reason: `line ${open.line}: BEGIN ${open.label} has no END line`,
        });
      open = { label, line: at, start: match.index + marker.length };
      continue;
    }
    if (!open) continue; // a stray END closes nothing and holds nothing
    if (sameKind(open.label, label))
      entries.push({ kind: 'block', label: open.label, body: text.slice(open.start, match.index), line: open.line });
    else
      entries.push({
        kind: 'broken',
        label: open.label,
        line: open.line,
        reason: `line ${open.line}: BEGIN ${open.label} is closed by END ${label}`,
      });
    open = null;
  }
  if (open)
    entries.push({ kind: 'broken', label: open.label, line: open.line, reason: `line ${open.line}: BEGIN ${open.label} has no END line` });
  return entries;
}

/** OpenSSL writes "X509 CERTIFICATE" and "TRUSTED CERTIFICATE" variants; any of them closes any other. */
export const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);

function sameKind(begin: string, end: string): boolean {
  return begin === end || (CERTIFICATE_LABELS.has(begin) && CERTIFICATE_LABELS.has(end));
}

/** The DER inside a block: base64 characters only (headers such as Proc-Type would need a key anyway). */
export const pemBody = (block: PemBlock): Buffer => Buffer.from(block.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
