/**
 * Every explain pattern is linear: run against adversarial 1 MB strings built from its own literals (the
 * shapes that made `.*` between literals backtrack for 48 s on "Could not fetch URL " repeated), each
 * pattern must answer within a generous budget, and explain as a whole must too.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KNOWN_ERRORS } from '../../shared/error-catalog.js';
import { explainErrors } from '../../shared/explain.js';

const SIZE = 1_000_000;
/** Generous for a busy 2-core machine: a linear scan of 1 MB takes milliseconds; the old patterns took tens of seconds. */
const PER_PATTERN_MS = 3_000;

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
    it(entry.id, () => {
      for (const pattern of entry.patterns) {
        for (const { label, text } of adversarial(pattern)) {
          const started = performance.now();
          pattern.exec(text);
          const ms = performance.now() - started;
          assert.ok(ms < PER_PATTERN_MS, `${entry.id} ${pattern} on "${label}": ${Math.round(ms)} ms`);
        }
      }
    });
  }
  it('explain on a 1 MB line of "Could not fetch URL " answers quickly and still works after it', () => {
    const line = fill('Could not fetch URL ');
    const started = performance.now();
    explainErrors(line);
    explainErrors(line + '\ncurl: (60) SSL certificate problem: unable to get local issuer certificate');
    assert.ok(performance.now() - started < 2 * PER_PATTERN_MS);
    assert.equal(explainErrors(line + '\ncurl: (60) SSL certificate problem: unable to get local issuer certificate')[0]!.id, 'curl-60');
  });
});
