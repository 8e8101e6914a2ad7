import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProvenConfiguration, ToolOutcome } from '../../shared/api/results.js';
import { en } from '../../shared/i18n/en.js';
import { ja } from '../../shared/i18n/ja.js';
import { provenSentences, toolSettingSentences } from '../../shared/verify-words.js';

/**
 * The page and the CLI word "which configuration was proven" with the same function (verify-words.ts): the
 * applied state and the session snippet read differently, in both languages, and a tool apply configured
 * nothing for gets its next step.
 */
const applied: ProvenConfiguration = {
  kind: 'applied',
  chosenBy: 'ledger',
  vars: { NODE_EXTRA_CA_CERTS: '/e/corporate-ca.pem' },
  overrides: [],
  blocked: [],
  unread: [],
  applied: [{ tool: 'npm', where: '/home/u/.npmrc', what: 'cafile in the user .npmrc = /e/ca-bundle.pem' }],
};
const session: ProvenConfiguration = { ...applied, kind: 'session-snippet', applied: undefined };
const notConfigured = (applyTool?: string): ToolOutcome => ({
  name: 'git',
  setting: 'GIT_SSL_CAINFO',
  result: 'not-configured',
  error: null,
  control: 'not-run',
  settings: [],
  ...(applyTool ? { applyTool } : {}),
});

describe('which configuration was proven, in words', () => {
  for (const [lang, words] of [
    ['en', en.verifySettings],
    ['ja', ja.verifySettings],
  ] as const)
    it(`${lang}: applied and session read differently; the applied change and the next step are named`, () => {
      const a = provenSentences(applied, words);
      const s = provenSentences(session, words);
      assert.equal(a.heading, words.provenApplied);
      assert.equal(s.heading, words.proven);
      assert.notEqual(a.heading, s.heading);
      assert.ok(a.notes.includes(words.chosenApplied));
      assert.ok(s.notes.includes(words.chosenSession));
      assert.ok(a.notes.some((n) => n.includes('/home/u/.npmrc') && n.includes('npm')));
      // Chosen with the flag: no sentence about the ledger.
      assert.ok(!provenSentences({ ...applied, chosenBy: 'flag' }, words).notes.includes(words.chosenApplied));
      assert.match(toolSettingSentences(notConfigured('git'), words, 'applied')[0]!, /ca-bridge apply --tool git/);
      assert.match(toolSettingSentences(notConfigured(), words, 'applied')[0]!, /GIT_SSL_CAINFO/);
      assert.equal(
        toolSettingSentences(notConfigured('git'), words, 'session-snippet')[0],
        words.notConfigured.replace('{{setting}}', 'GIT_SSL_CAINFO'),
      );
      for (const text of [a.heading, ...a.notes, ...toolSettingSentences(notConfigured('git'), words, 'applied')])
        assert.doesNotMatch(text, /\{\{/);
      if (lang === 'ja') for (const text of [a.heading, words.chosenApplied, words.chosenSession]) assert.match(text, /[ぁ-んァ-ン一-龯]/);
    });
});

describe('what the shells set after the block, in words', () => {
  const later: ProvenConfiguration = {
    ...applied,
    shellLater: [
      { name: 'NODE_EXTRA_CA_CERTS', value: '/old.pem', source: { kind: 'file', file: '/home/u/.bashrc', line: 2 }, unevaluable: null },
      { name: 'GIT_SSL_CAINFO', value: null, source: { kind: 'file', file: '/home/u/.bashrc', line: 3 }, unevaluable: null },
      { name: 'CURL_CA_BUNDLE', value: null, source: { kind: 'file', file: '/home/u/.bashrc', line: 4 }, unevaluable: 'nested' },
    ],
  };
  const curl: ToolOutcome = {
    name: 'curl',
    setting: 'CURL_CA_BUNDLE',
    result: 'unproven',
    error: null,
    control: 'fail',
    settings: [
      {
        effect: 'trust-file',
        tools: ['curl'],
        setting: 'CURL_CA_BUNDLE',
        value: '',
        source: { kind: 'file', file: '/home/u/.bashrc', line: 4 },
        outranksAdvice: true,
        unevaluable: 'nested',
      },
    ],
  };
  for (const [lang, words] of [
    ['en', en.verifySettings],
    ['ja', ja.verifySettings],
  ] as const)
    it(`${lang}: each later line named with file:line; set, removed and unevaluable read differently; the unproven tool says why`, () => {
      const notes = provenSentences(later, words).notes.slice(-3);
      assert.equal(notes.length, 3);
      for (const [note, line] of notes.map((n, i) => [n, i + 2] as const)) assert.ok(note.includes(`/home/u/.bashrc:${line}`), note);
      assert.ok(notes[0]!.includes('/old.pem'));
      assert.equal(new Set(notes.map((n) => n.replace(/\S*\.bashrc:\d|[A-Z_]{6,}|\/old\.pem/g, ''))).size, 3);
      assert.ok(notes[2]!.includes(words.unevaluable.nested));
      const said = toolSettingSentences(curl, words, 'applied');
      assert.equal(said.length, 1);
      assert.ok(said[0]!.includes('/home/u/.bashrc:4') && said[0]!.includes(words.unevaluable.nested), said[0]);
      assert.notEqual(said[0], words.unproven);
      for (const text of [...notes, ...said]) assert.doesNotMatch(text, /\{\{/);
      if (lang === 'ja')
        for (const text of [...notes, ...said])
          assert.doesNotMatch(text.replace(/\S*\.bashrc:\d|[A-Z_]{6,}|\/old\.pem|CA Bridge|export/g, ''), /[A-Za-z]{3,}/);
    });
});
