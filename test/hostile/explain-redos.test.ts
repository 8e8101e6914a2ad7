/**
 * Every explain pattern is linear: run against adversarial 1 MB strings built from its own literals (the
 * shapes that made `.*` between literals backtrack for 48 s on "Could not fetch URL " repeated). Each
 * pattern must answer within the test's generous time limit (a bound, not a measurement: `npm run bench`
 * measures them); explain itself reads a bounded part of each line, which the last test shows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KNOWN_ERRORS } from '../../shared/error-catalog.js';
import { explainErrors, MAX_LINE_CHARS } from '../../shared/explain.js';

const SIZE = 1_000_000;
/** Generous for a busy 2-core machine: a linear scan of 1 MB takes milliseconds; the old patterns took minutes over all. */
const PER_ENTRY_LIMIT_MS = 60_000;

/** The literal runs of a pattern's source (escapes resolved), longest first: what an attacker would repeat. */
export function literalsOf(pattern: RegExp): string[] {
  const runs: string[] = [];
  let current = '';
  const cut = () => {
    runs.push(current);
    current = '';
  };
  // Group openers like (?: and (?! are syntax, not text.
  const src = pattern.source.replace(/\(\?[:!=]/g, '(');
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\' && i + 1 < src.length) {
      const next = src[++i]!;
      if (inClass) continue;
      if (/[dDsSwWbBnrt]/.test(next)) cut();
      else current += next;
    } else if (c === '[') {
      inClass = true;
      cut();
    } else if (c === ']' && inClass) {
      inClass = false;
    } else if (!inClass && '()|?*+{}^$.'.includes(c)) {
      cut();
    } else if (!inClass) {
      current += c;
    }
  }
  cut();
  const texts = runs.map((r) => r.replace(/^[:,]?\d*,?\d*$/, '')).filter((r) => r.trim().length >= 3);
  return [...new Set(texts)].sort((a, b) => b.length - a.length);
}

const fill = (unit: string) => unit.repeat(Math.ceil(SIZE / Math.max(1, unit.length))).slice(0, SIZE);

function adversarial(pattern: RegExp): { label: string; text: string }[] {
  const lits = literalsOf(pattern);
  const first = lits[0] ?? pattern.source.slice(0, 20);
  return [
    { label: 'first literal repeated', text: fill(first + ' ') },
    { label: 'first literal repeated, no space', text: fill(first) },
    { label: 'all literals in a row, repeated, last one missing', text: fill(lits.slice(0, -1).join(' ') + ' ' || first) },
    { label: 'literal then a megabyte of filler', text: first + 'a'.repeat(SIZE) },
    { label: 'literal then filler with quotes', text: first + "'x".repeat(SIZE / 2) },
  ];
}

describe('explain patterns stay linear on hostile input', () => {
  it('finds literals to attack in every pattern', () => {
    for (const entry of KNOWN_ERRORS) for (const p of entry.patterns) assert.ok(literalsOf(p).length > 0, `${entry.id}: ${p}`);
  });
  for (const entry of KNOWN_ERRORS) {
    it(entry.id, { timeout: PER_ENTRY_LIMIT_MS }, () => {
      for (const pattern of entry.patterns) for (const { text } of adversarial(pattern)) pattern.exec(text);
    });
  }
  it(
    'explain reads each line only up to its bound, and still works after a 1 MB line of "Could not fetch URL "',
    { timeout: PER_ENTRY_LIMIT_MS },
    () => {
      const curl60 = 'curl: (60) SSL certificate problem: unable to get local issuer certificate';
      const line = fill('Could not fetch URL ');
      assert.equal(explainErrors(line + '\n' + curl60)[0]!.id, 'curl-60');
      // The bound itself: the same error just past MAX_LINE_CHARS of one line is never read; just within it, it is.
      assert.deepEqual(explainErrors('x'.repeat(MAX_LINE_CHARS) + ' ' + curl60), []);
      assert.equal(explainErrors('x'.repeat(MAX_LINE_CHARS - curl60.length - 1) + ' ' + curl60)[0]?.id, 'curl-60');
    },
  );
});
