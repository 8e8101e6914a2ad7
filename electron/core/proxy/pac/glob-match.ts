/**
 * PAC's shExpMatch(str, shexp): `*` matches any run of characters (none included), `?` exactly one,
 * every other character itself, case-sensitively (as in browsers). Also the wildcard match of the
 * system settings' bypass lists (system/bypass.ts). Written by hand rather than turned
 * into a RegExp as pac-resolver does: a backtracking regex engine takes exponential time on patterns
 * like "*a*a*a*a*b" against a long string, and pac-resolver's translation also passes every other
 * regex character through, so a "shell expression" like "(a+)+b" is a full regex. This is the usual
 * greedy wildcard match that remembers only the last `*`: at most O(len(str) × len(shexp)) steps,
 * never exponential. docs/limits.md says why no library is used.
 */
const STAR = 42; // '*'
const ANY = 63; // '?'

export function shExpMatch(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  // Where the last `*` was in the pattern, and where in the text that `*` currently stops.
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    const c = p < pattern.length ? pattern.charCodeAt(p) : -1;
    if (c !== -1 && c !== STAR && (c === ANY || c === text.charCodeAt(t))) {
      t++;
      p++;
    } else if (c === STAR) {
      star = p++;
      starText = t;
    } else if (star >= 0) {
      // Let the last `*` take one more character and try the rest of the pattern again from there.
      p = star + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}
