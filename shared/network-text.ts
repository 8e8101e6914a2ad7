/**
 * Text that came from the network (a proxy's status line or Proxy-Authenticate header, certificate
 * names, TLS alert texts, a tool's output) is attacker-chosen. Printed raw, an ESC or CSI sequence can
 * set the terminal's title, clear the screen or draw a fake "all good"; a bidi override can make a
 * name read backwards in a terminal or a page. These functions make such characters visible instead.
 *
 * Each character is written as `\uXXXX`: readable in a terminal, and inside a JSON string it is a
 * valid escape for the very same character, so a filter over finished JSON output keeps it valid.
 * Both functions are idempotent: their output holds none of the characters they escape.
 */

/**
 * C0 controls (incl. TAB, LF, CR), DEL, C1 controls, the bidi embeddings/overrides U+202A–U+202E and
 * isolates U+2066–U+2069, the implicit marks U+200E/U+200F/U+061C, and U+2028/U+2029, which some
 * terminals and every JavaScript line splitter treat as line breaks.
 */
const ONE_LINE_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The same set, except LF, TAB and CR before LF, which multi-line output (a whole CLI report, the diff of
 * a CRLF profile) legitimately uses. A lone CR returns to the start of the line and lets what follows
 * overwrite what was printed, so it stays escaped.
 */
const MULTI_LINE_UNSAFE =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

const visible = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** For one-line fields (a name, a status line, an error message): every control made visible, LF and TAB too. */
export function escapeNetworkText(text: string): string {
  return text.replace(ONE_LINE_UNSAFE, visible);
}

/** For whole blocks of output that keep their line structure: as above, but LF, TAB and CRLF stay. */
export function escapeTerminalText(text: string): string {
  return text.replace(MULTI_LINE_UNSAFE, visible);
}
