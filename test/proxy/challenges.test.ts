import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_OTHER_CHALLENGES, MAX_HEADER_CHARS, offeredSchemes, parseChallenges } from '../../electron/core/proxy/auth/challenges.js';

describe('Proxy-Authenticate parsing', () => {
  it('several headers, several challenges per header, parameters with quoted commas', () => {
    const challenges = parseChallenges([
      'Negotiate, NTLM',
      'Basic realm="Corp, Inc. \\"proxy\\"", charset="UTF-8", Digest realm="x", qop="auth,auth-int"',
    ]);
    assert.deepEqual(
      challenges.map((c) => c.scheme),
      ['Negotiate', 'NTLM', 'Basic', 'Digest'],
    );
    assert.deepEqual(challenges[2]!.params, { realm: 'Corp, Inc. "proxy"', charset: 'UTF-8' });
    assert.deepEqual(challenges[3]!.params, { realm: 'x', qop: 'auth,auth-int' });
  });
  it('token68 continuation tokens, with padding, are kept apart from parameters', () => {
    const [ntlm, negotiate] = parseChallenges(['NTLM TlRMTVNTUAACAAAA==', 'Negotiate YIIB+w/x=']);
    assert.equal(ntlm!.token, 'TlRMTVNTUAACAAAA==');
    assert.deepEqual(ntlm!.params, {});
    assert.equal(negotiate!.token, 'YIIB+w/x=');
  });
  it('each scheme is offered once, in the order sent, whatever its case', () => {
    assert.deepEqual(offeredSchemes(parseChallenges(['NTLM', 'ntlm TlRM', 'Basic realm=a', 'BASIC realm=b'])), ['NTLM', 'Basic']);
  });
  it('is bounded: a flood of challenges stops at a fixed count, an endless header is cut', () => {
    const flood = parseChallenges([Array.from({ length: 10_000 }, (_, i) => `S${i}`).join(', ')]);
    assert.equal(flood.length, MAX_OTHER_CHALLENGES);
    assert.equal(flood.at(-1)!.scheme, `S${MAX_OTHER_CHALLENGES - 1}`);
    // Only the first MAX_HEADER_CHARS characters of a value are read: what follows is never seen.
    const head = 'Basic realm=';
    const [cut, ...after] = parseChallenges([head + 'x'.repeat(5_000_000) + ', NTLM']);
    assert.equal(cut!.params.realm!.length, MAX_HEADER_CHARS - head.length);
    assert.deepEqual(after, []);
    const fits = parseChallenges([head + 'x'.repeat(MAX_HEADER_CHARS - head.length - ', NTLM'.length) + ', NTLM']);
    assert.deepEqual(offeredSchemes(fits), ['Basic', 'NTLM']);
  });
  it('bounded but scheme-aware: 32 junk challenges (or thousands) first do not push NTLM, Negotiate or Basic out', () => {
    const junk = Array.from({ length: 40 }, (_, i) => `X${i} realm="r${i}"`);
    for (const values of [[junk.join(', '), 'NTLM', 'Negotiate', 'Basic realm="corp"'], [[...junk, 'NTLM'].join(', ')]]) {
      const offered = offeredSchemes(parseChallenges(values));
      assert.ok(offered.includes('NTLM'), offered.join(', '));
      assert.ok(offered.filter((s) => s.startsWith('X')).length <= 32);
    }
    const many = parseChallenges([Array.from({ length: 10_000 }, () => 'NTLM').join(', ')]);
    assert.ok(many.length <= 4, 'the schemes CA Bridge speaks are bounded too');
  });
  it('garbage yields no challenge, never an exception', () => {
    assert.deepEqual(parseChallenges(['', ',,,', '=x', '"unterminated']), []);
  });
});
