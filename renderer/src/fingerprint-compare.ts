/** Compares a pasted fingerprint with the real one, ignoring case, colons, spaces and a "SHA256" prefix. */
export function compareFingerprint(pasted: string, actual: string): 'match' | 'mismatch' | 'invalid' | 'empty' {
  const normal = (s: string) =>
    s
      .replace(/^\s*sha-?256\s*(fingerprint)?\s*[:=]?/i, '')
      .replace(/[\s:.-]/g, '')
      .toUpperCase();
  const typed = normal(pasted.slice(0, 400));
  if (!typed) return 'empty';
  if (!/^[0-9A-F]{64}$/.test(typed)) return 'invalid';
  return typed === normal(actual) ? 'match' : 'mismatch';
}
