/**
 * The command line's two catalogues name the same placeholders in every string: a Japanese text that
 * asks for {{certificates}} where the code fills {{count}} would print the raw placeholder to the user.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { cliEn } from '../../shared/i18n/cli-en.js';
import { cliJa } from '../../shared/i18n/cli-ja.js';

function leaves(value: unknown, at: string, out: Map<string, string>): Map<string, string> {
  if (typeof value === 'string') out.set(at, value);
  else if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) leaves(inner, `${at}.${key}`, out);
  return out;
}
const placeholders = (text: string) => [...new Set(text.match(/\{\{\w+\}\}/g) ?? [])].sort();

/** Placeholders the code fills for both languages that only Japanese shows (English shows the code itself). */
const JA_ONLY: Record<string, string[]> = { 'cli.check.finding': ['{{title}}'] };
/** Placeholders only English shows: the engine's English detail, which Japanese words by its reason alone. */
const EN_ONLY: Record<string, string[]> = { 'cli.check.unreachable': ['{{message}}'] };

it('every cli-ja string uses the placeholders of its cli-en string, and no other', () => {
  const en = leaves(cliEn, 'cli', new Map());
  const ja = leaves(cliJa, 'cli', new Map());
  const differing: string[] = [];
  for (const [key, text] of en) {
    if (!ja.has(key)) continue;
    const want = placeholders(text);
    const got = placeholders(ja.get(key)!);
    const missing = want.filter((p) => !got.includes(p) && !(EN_ONLY[key] ?? []).includes(p));
    const extra = got.filter((p) => !want.includes(p) && !(JA_ONLY[key] ?? []).includes(p));
    if (missing.length || extra.length) differing.push(`${key}: missing ${missing.join(' ')}; unknown ${extra.join(' ')}`);
  }
  assert.deepEqual(differing, []);
});
