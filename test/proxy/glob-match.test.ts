/**
 * shExpMatch as CA Bridge evaluates it (glob-match.ts): the shell expressions PAC files use, the
 * examples of the original Netscape documentation, and the inputs that made pac-resolver's RegExp
 * translation backtrack: regex syntax is literal here, and a five-star pattern against 3,000
 * characters is answered at once (the same call through a RegExp ran for minutes).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shExpMatch } from '../../electron/core/proxy/pac/glob-match.js';

describe('shExpMatch', () => {
  it('matches * and ? as shell expressions, everything else literally and case-sensitively', () => {
    const cases: [string, string, boolean][] = [
      ['www.example.com', '*.example.com', true],
      ['example.com', '*.example.com', false],
      ['a.b', 'a?b', true],
      ['ab', 'a?b', false],
      ['', '*', true],
      ['', '', true],
      ['x', '', false],
      ['abc', 'a*c', true],
      ['abc', 'a*b', false],
      ['a.b.c', '*.*', true],
      ['http://home.netscape.com/people/ari/index.html', '*/ari/*', true],
      ['http://home.netscape.com/people/montulli/index.html', '*/ari/*', false],
      ['mississippi', 'm*iss*ppi', true],
      ['mississippi', 'm*iss*ppx', false],
      ['aaa', 'a*a*a', true],
      ['aa', 'a*a*a', false],
      ['10.1.2.3', '10.*', true],
      ['ABC', 'abc', false],
      // Regex syntax is not special: pac-resolver would have run "(a+)+b" as a nested quantifier.
      ['(a+)+b', '(a+)+b', true],
      ['aab', '(a+)+b', false],
      ['a+b', 'a.b', false],
    ];
    for (const [text, pattern, expected] of cases) assert.equal(shExpMatch(text, pattern), expected, `${text} ~ ${pattern}`);
  });

  it('answers the review’s backtracking input: 3,000 characters against five stars', () => {
    assert.equal(shExpMatch('a'.repeat(3000), '*a*a*a*a*a*b'), false);
    assert.equal(shExpMatch('a'.repeat(3000) + 'b', '*a*a*a*a*a*b'), true);
  });
});
