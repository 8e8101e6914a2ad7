/**
 * Sets one line of a tool's configuration file (npm's `cafile=`, pip's `cert =` under `[global]`, git's
 * `sslCAInfo` under `[http]` …) and leaves every other byte as it was: comments, unrelated lines, the
 * byte order mark, CRLF line endings and a missing final newline. Texts are byte strings (one char per
 * byte, as profile-block), so any encoding passes through; keys and markers are ASCII.
 *
 * Written by hand because no maintained library edits INI/TOML/YAML/.npmrc while keeping the rest of the
 * file byte for byte (the parsers re-serialise and lose comments, order or line endings).
 */

export interface LineSetting {
  /** The section the line belongs in (`global`, `http`, `profile dev`), null for the top of the file. */
  section: string | null;
  /** Matches an existing line that sets the same key (the one replaced). */
  keyLine: RegExp;
  /** The line to write, without its line ending. */
  line: string;
}

const UTF8_BOM = '\xEF\xBB\xBF';
const SECTION = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$/;

interface Line {
  content: string;
  eol: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    const body = text.slice(start, next);
    const eol = body.endsWith('\r\n') ? '\r\n' : body.endsWith('\n') ? '\n' : '';
    lines.push({ content: body.slice(0, body.length - eol.length), eol });
    start = next;
  }
  return lines;
}

const join = (lines: Line[]) => lines.map((l) => l.content + l.eol).join('');

/** The line ending the file already uses (CRLF when any line has one), LF for a new file. */
const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

function setOne(lines: Line[], setting: LineSetting, eol: string): void {
  let section: string | null = null;
  let lastMatch = -1;
  let header = -1;
  let firstHeader = -1;
  lines.forEach((line, index) => {
    const content = index === 0 && line.content.startsWith(UTF8_BOM) ? line.content.slice(UTF8_BOM.length) : line.content;
    const found = SECTION.exec(content);
    if (found) {
      section = found[1]!;
      if (firstHeader === -1) firstHeader = index;
      if (section === setting.section) header = index;
      return;
    }
    if (section === setting.section && setting.keyLine.test(content)) lastMatch = index;
  });
  if (lastMatch !== -1) {
    const old = lines[lastMatch]!;
    const bom = lastMatch === 0 && old.content.startsWith(UTF8_BOM) ? UTF8_BOM : '';
    old.content = bom + setting.line;
    return;
  }
  if (setting.section === null) {
    // At the very top, after a byte order mark: before any section, where a top-level key belongs.
    const first = lines[0];
    if (first?.content.startsWith(UTF8_BOM)) {
      lines.splice(0, 1, { content: UTF8_BOM + setting.line, eol }, { content: first.content.slice(UTF8_BOM.length), eol: first.eol });
      if (lines[1]!.content === '' && lines[1]!.eol === '') lines.splice(1, 1);
    } else lines.unshift({ content: setting.line, eol });
    return;
  }
  if (header !== -1) {
    const head = lines[header]!;
    // The header was the last line without a newline: the new line follows it, and the file still ends without one.
    if (head.eol === '') {
      head.eol = eol;
      lines.splice(header + 1, 0, { content: setting.line, eol: '' });
    } else lines.splice(header + 1, 0, { content: setting.line, eol });
    return;
  }
  const last = lines[lines.length - 1];
  if (last && last.eol === '') {
    last.eol = eol;
    lines.push({ content: `[${setting.section}]`, eol }, { content: setting.line, eol: '' });
  } else lines.push({ content: `[${setting.section}]`, eol }, { content: setting.line, eol });
}

/** The file with each setting in place (null: there was no file). Returns the text unchanged when all are already set. */
export function setLines(original: string | null, settings: readonly LineSetting[]): string {
  const text = original ?? '';
  const eol = eolOf(text);
  const lines = splitLines(text);
  for (const setting of settings) setOne(lines, setting, eol);
  return join(lines);
}

/** Removes the lines matching `line` (insecure workarounds), keeping everything else byte for byte; returns which lines (1-based) went. */
export function removeLines(
  original: string,
  matches: (content: string, section: string | null, line: number) => boolean,
): { text: string; removed: number[] } {
  const lines = splitLines(original);
  const removed: number[] = [];
  let section: string | null = null;
  const kept = lines.filter((line, index) => {
    const found = SECTION.exec(line.content);
    if (found) section = found[1]!;
    else if (matches(line.content, section, index + 1)) {
      removed.push(index + 1);
      return false;
    }
    return true;
  });
  // The byte order mark belongs to the file, not to its first line: it stays when that line goes.
  const bom = removed[0] === 1 && lines[0]!.content.startsWith(UTF8_BOM) && !join(kept).startsWith(UTF8_BOM) ? UTF8_BOM : '';
  return { text: bom + join(kept), removed };
}

/**
 * Line `line` (1-based) rewritten by `rewrite` (given its content without the line ending or a byte order
 * mark; null leaves the file as it is), every other byte kept; null when there is no such line or it is not rewritten.
 */
export function replaceLine(original: string, line: number, rewrite: (content: string) => string | null): string | null {
  const lines = splitLines(original);
  const target = lines[line - 1];
  if (!target) return null;
  const bom = line === 1 && target.content.startsWith(UTF8_BOM) ? UTF8_BOM : '';
  const next = rewrite(target.content.slice(bom.length));
  if (next === null) return null;
  target.content = bom + next;
  return join(lines);
}
