/**
 * `Proxy-Authenticate` parsing (RFC 9110 section 11.6.1). One header may carry several challenges
 * separated by commas, and commas also separate a challenge's parameters, so a list element starts
 * a new challenge only when it begins with a scheme name not followed by "=". Proxies often send
 * several headers (`Negotiate`, `NTLM`, `Basic realm="…"`): every one counts.
 */

export interface Challenge {
  /** Scheme as sent, e.g. "NTLM", "Negotiate", "Basic". */
  scheme: string;
  /** token68 (NTLM/Negotiate continuation token), if any. */
  token: string | null;
  params: Record<string, string>;
}

/** A proxy decides how much it sends; we decide how much we read. */
export const MAX_HEADER_CHARS = 16 * 1024;
/**
 * Bounded but scheme-aware: at most 32 challenges of schemes CA Bridge does not speak, and at most 4
 * each of those it does, so a proxy (or anyone in front of it) sending 32 junk challenges first cannot
 * push NTLM or Negotiate out of sight — which would leave Basic as the only scheme seen.
 */
export const MAX_OTHER_CHALLENGES = 32;
const MAX_PER_SPOKEN_SCHEME = 4;
const SPOKEN = new Set(['basic', 'ntlm', 'negotiate']);

/** Splits on commas outside quoted strings. */
function splitList(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted && ch === '\\' && i + 1 < value.length) {
      current += ch + value[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  out.push(current.trim());
  return out.filter(Boolean);
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}

function parseParam(text: string): [string, string] | null {
  const eq = text.indexOf('=');
  if (eq <= 0) return null;
  const name = text.slice(0, eq).trim();
  return TOKEN.test(name) ? [name.toLowerCase(), unquote(text.slice(eq + 1))] : null;
}

/** Every challenge in every `Proxy-Authenticate` header value given. */
export function parseChallenges(headerValues: readonly string[]): Challenge[] {
  const challenges: Challenge[] = [];
  const kept = new Map<string, number>();
  let others = 0;
  // The challenge later parameters belong to; null after one that was dropped, so they are dropped too.
  let last: Challenge | null = null;
  for (const raw of headerValues) {
    for (const element of splitList(raw.slice(0, MAX_HEADER_CHARS))) {
      const space = element.search(/\s/);
      const head = space === -1 ? element : element.slice(0, space);
      const startsChallenge = TOKEN.test(head) && !head.includes('=') && (space !== -1 || !element.includes('='));
      if (startsChallenge) {
        const scheme = head.toLowerCase();
        const spoken = SPOKEN.has(scheme);
        const count = kept.get(scheme) ?? 0;
        if (spoken ? count >= MAX_PER_SPOKEN_SCHEME : others >= MAX_OTHER_CHALLENGES) {
          last = null;
          continue;
        }
        kept.set(scheme, count + 1);
        if (!spoken) others++;
        const rest = space === -1 ? '' : element.slice(space).trim();
        const param = rest ? parseParam(rest) : null;
        // token68 is base64-ish and may end in "=" padding; a parameter has a token name before "=".
        const isToken68 = rest !== '' && /^[A-Za-z0-9\-._~+/]+=*$/.test(rest);
        last = { scheme: head, token: isToken68 ? rest : null, params: param && !isToken68 ? Object.fromEntries([param]) : {} };
        challenges.push(last);
      } else {
        const param = parseParam(element);
        if (param && last && Object.keys(last.params).length < MAX_OTHER_CHALLENGES) last.params[param[0]] = param[1];
      }
    }
  }
  return challenges;
}

/** Scheme names offered, once each, in the proxy's order (for messages and the error's `offered` list). */
export function offeredSchemes(challenges: readonly Challenge[]): string[] {
  const seen = new Map<string, string>();
  for (const c of challenges) if (!seen.has(c.scheme.toLowerCase())) seen.set(c.scheme.toLowerCase(), c.scheme);
  return [...seen.values()];
}

export function findChallenge(challenges: readonly Challenge[], scheme: string): Challenge | undefined {
  return challenges.find((c) => c.scheme.toLowerCase() === scheme.toLowerCase());
}
