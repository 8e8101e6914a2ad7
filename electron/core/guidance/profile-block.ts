/**
 * The marked block `ca-bridge apply` owns inside a shell profile. Everything outside it is kept
 * byte for byte, and what apply had to add around it (a final newline, the file itself) is
 * recorded in the opening marker so revert can take exactly that away again.
 *
 * Texts here are "byte strings": one char per byte (latin1), so a Shift_JIS or Latin-1 profile
 * passes through unchanged; the markers are ASCII and no multi-byte encoding in use for profiles
 * (UTF-8, Shift_JIS, EUC) has a newline or '#' byte inside a character.
 */
const BEGIN = '# >>> ca-bridge >>>';
const END = '# <<< ca-bridge <<<';
const HEADER = '# Managed by "ca-bridge apply"; remove with "ca-bridge revert". Edits inside this block are overwritten.';
/** What may follow BEGIN on its line: the flags apply records, nothing else. */
const BEGIN_REST = /^(?: \[([a-z0-9 -]{0,64})\])?$/;

export interface BlockChange {
  /** The new file content, or null when the file should be removed (revert of a file apply created). */
  text: string | null;
  changed: boolean;
  /** With `text: null`: how many folders above the file apply created, to remove in turn while empty. */
  createdFolders?: number;
}

/**
 * Folders apply had to create for a new profile (fish's `~/.config/fish/conf.d`), counted upwards from
 * the file's own folder and recorded as `folders-N` in the opening marker, so revert can take them away
 * again. Deeper than any real profile path; a larger number in a hand-edited marker is not trusted.
 */
export const MAX_CREATED_FOLDERS = 16;
const FOLDERS_FLAG = /^folders-(\d{1,2})$/;

function createdFoldersOf(flags: readonly string[]): number {
  for (const flag of flags) {
    const count = Number(FOLDERS_FLAG.exec(flag)?.[1] ?? 0);
    if (count > 0 && count <= MAX_CREATED_FOLDERS) return count;
  }
  return 0;
}

/** The markers do not form exactly one block (or none): touching the file could delete the user's lines. */
export class MarkerError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/**
 * Line endings of the block: shells other than PowerShell read a trailing \r as part of the value,
 * so their block is always LF; PowerShell takes either, and follows the file.
 */
export type BlockEol = 'lf' | 'follow-file';

interface Block {
  start: number;
  /** Just past the END line, including its line ending when it has one. */
  end: number;
  flags: string[];
  /** The line ending of the BEGIN line: the one apply used for the block (and for a newline it added). */
  eol: string;
  /** Whether the END line has a line ending. */
  endTerminated: boolean;
}

interface Marker {
  kind: 'begin' | 'end';
  line: number;
  start: number;
  next: number;
  eol: string;
  flags: string[];
  problem?: string;
}

function scanMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  let line = 0;
  for (let start = 0; start < text.length;) {
    line++;
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    const lineEnd = newline === -1 ? text.length : newline > start && text[newline - 1] === '\r' ? newline - 1 : newline;
    // A byte order mark before the first line is not part of it (apply writes one into a PowerShell profile it creates).
    const lineStart = start === 0 && text.startsWith(UTF8_BOM) ? UTF8_BOM.length : start;
    const content = text.slice(lineStart, lineEnd);
    const trimmed = content.trim();
    const eol = text.slice(lineEnd, next);
    if (trimmed.startsWith(BEGIN)) {
      const rest = BEGIN_REST.exec(content.slice(BEGIN.length));
      markers.push({
        kind: 'begin',
        line,
        start: lineStart,
        next,
        eol,
        flags: rest?.[1]?.split(' ').filter(Boolean) ?? [],
        problem: content.startsWith(BEGIN) && rest ? undefined : `line ${line} holds other text around "${BEGIN}"`,
      });
    } else if (trimmed.startsWith(END)) {
      markers.push({
        kind: 'end',
        line,
        start: lineStart,
        next,
        eol,
        flags: [],
        problem: content === END ? undefined : `line ${line} holds other text around "${END}"`,
      });
    }
    start = next;
  }
  return markers;
}

/** Marker problems (and blocks) named in a message; the rest are counted. */
const MAX_LISTED = 5;
const listed = (items: string[]) =>
  items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more` : items.join(', ');

/** The one well-formed block, null when there is none; a MarkerError naming the lines otherwise. */
export function findBlock(text: string): Block | null {
  const markers = scanMarkers(text);
  if (markers.length === 0) return null;
  const problems = markers.flatMap((m) => (m.problem ? [m.problem] : []));
  const [begin, end] = markers;
  if (markers.length === 2 && begin!.kind === 'begin' && end!.kind === 'end' && problems.length === 0) {
    if (begin!.eol === '') problems.push(`line ${begin!.line} opens a block at the very end of the file`);
    else return { start: begin!.start, end: end!.next, flags: begin!.flags, eol: begin!.eol, endTerminated: end!.eol !== '' };
  }
  let open: Marker | null = null;
  const blocks: string[] = [];
  for (const marker of markers) {
    if (marker.kind === 'begin') {
      if (open) problems.push(`line ${open.line} opens a block that is never closed (half a block pasted?)`);
      open = marker;
    } else if (!open) problems.push(`line ${marker.line} closes a block that was never opened`);
    else {
      blocks.push(`lines ${open.line}-${marker.line}`);
      open = null;
    }
  }
  if (open) problems.push(`line ${open.line} opens a block that is never closed (half a block pasted?)`);
  if (blocks.length > 1) problems.unshift(`there are ${blocks.length} blocks (${listed(blocks)}): keep at most one`);
  // A file of thousands of markers would otherwise make a message of megabytes.
  const shown = problems.length > MAX_LISTED ? [...problems.slice(0, MAX_LISTED), `and ${problems.length - MAX_LISTED} more`] : problems;
  throw new MarkerError(shown);
}

/** The body (UTF-8 text) as a byte string with the given line ending, headed by the "managed" comment. */
function renderInner(body: string, eol: string): string {
  const bytes = Buffer.from(body.replace(/\r?\n$/, ''), 'utf8').toString('latin1');
  return [HEADER, ...bytes.split(/\r?\n/)].join(eol) + eol;
}

/** UTF-8's byte order mark, as a byte string. */
const UTF8_BOM = '\xEF\xBB\xBF';
const NON_ASCII = /[^\x00-\x7F]/;

/**
 * `bomForNewFile`: Windows PowerShell 5.1 reads a script without a byte order mark in the ANSI code
 * page (CP932 on Japanese Windows), so a UTF-8 path such as C:\Users\山田\… would come out garbled.
 * A profile apply creates for PowerShell therefore starts with the UTF-8 BOM when the block is not
 * pure ASCII. An existing profile keeps whatever it has: a BOM added in front of it would change how
 * the user's own lines are read.
 */
export function applyBlock(
  original: string | null,
  body: string,
  policy: BlockEol = 'lf',
  bomForNewFile = false,
  createdFolders = 0,
): BlockChange {
  const eol = policy === 'follow-file' && original?.includes('\r\n') ? '\r\n' : '\n';
  const inner = renderInner(body, eol);
  const existing = original === null ? null : findBlock(original);
  if (original !== null && existing) {
    const flags = existing.flags.length ? ` [${existing.flags.join(' ')}]` : '';
    let before = original.slice(0, existing.start);
    // The newline apply added once must stay the block's own line ending, so revert can still find it.
    if (existing.flags.includes('newline-added') && existing.eol !== eol && before.endsWith(existing.eol))
      before = before.slice(0, -existing.eol.length) + eol;
    const text = `${before}${BEGIN}${flags}${eol}${inner}${END}${existing.endTerminated ? eol : ''}${original.slice(existing.end)}`;
    return { text, changed: text !== original };
  }
  const newlineAdded = original !== null && original !== '' && !original.endsWith('\n');
  const folders = original === null && createdFolders > 0 ? `folders-${Math.min(createdFolders, MAX_CREATED_FOLDERS)}` : '';
  const flags = [original === null ? 'created' : '', folders, newlineAdded ? 'newline-added' : ''].filter(Boolean);
  const block = `${BEGIN}${flags.length ? ` [${flags.join(' ')}]` : ''}${eol}${inner}${END}${eol}`;
  const bom = original === null && bomForNewFile && NON_ASCII.test(inner) ? UTF8_BOM : '';
  return { text: bom + (original ?? '') + (newlineAdded ? eol : '') + block, changed: true };
}

export function removeBlock(original: string | null): BlockChange {
  const found = original === null ? null : findBlock(original);
  if (original === null || !found) return { text: original, changed: false };
  let before = original.slice(0, found.start);
  const after = original.slice(found.end);
  // Take the added newline away only while nothing follows the block: a line the user appended
  // after it must not be glued onto the last line before it.
  if (found.flags.includes('newline-added') && after === '' && before.endsWith(found.eol)) before = before.slice(0, -found.eol.length);
  const text = before + after;
  // A file apply created goes when nothing else is left in it (its BOM, if apply wrote one, included).
  if (found.flags.includes('created') && (text === '' || text === UTF8_BOM))
    return { text: null, changed: true, createdFolders: createdFoldersOf(found.flags) };
  return { text, changed: true };
}
