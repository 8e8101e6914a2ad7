import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { LINT_CODES, VERIFY_CAUSES } from '../../shared/api/results.js';
import { CONFIDENCE_REASONS, PROBE_ERROR_CODES } from '../../shared/detection.js';
import { en } from '../../shared/i18n/en.js';
import { SYSTEM_STORE_GUIDES } from '../../shared/guidance/system-store.js';
import { ERROR_CODES } from '../../shared/i18n/error-codes.js';
import { isStoreId } from '../../shared/i18n/store-ids.js';
import { ja } from '../../shared/i18n/ja.js';
import { languageFor, languageForList } from '../../shared/i18n/index.js';
import { latinSentences } from '../helpers/latin.js';

const flatten = (obj: object, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(obj).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v as object, `${prefix}${k}.`)),
    ),
  );

const root = new URL('../../', import.meta.url).pathname;

describe('message catalogues', () => {
  it('English and Japanese have the same keys, none empty, and the same placeholders', () => {
    const e = flatten(en);
    const j = flatten(ja);
    assert.deepEqual(Object.keys(j).sort(), Object.keys(e).sort());
    for (const [key, value] of Object.entries(e)) {
      assert.ok(value.trim() && j[key]!.trim(), key);
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      // cli.check.unreachable: English also shows the engine's English detail ({{message}}); Japanese does not.
      const enOnly = key === 'cli.check.unreachable' ? ['message'] : [];
      assert.deepEqual(
        placeholders(j[key]!),
        placeholders(value).filter((p) => !enOnly.includes(p!)),
        key,
      );
    }
  });

  it('every value list the engine returns has a label in both languages', () => {
    const lists: [string, readonly string[], (lang: typeof en) => object][] = [
      ['reason', PROBE_ERROR_CODES, (m) => m.reason],
      ['cause', PROBE_ERROR_CODES, (m) => m.cause],
      // A 407's next step is worded per front door (authNext), the others once.
      ['next', PROBE_ERROR_CODES.filter((c) => c !== 'proxy-auth-required'), (m) => m.next],
      ['authNext', ['desktop', 'browser'], (m) => m.authNext],
      ['error', ERROR_CODES, (m) => m.error],
      ['lint', LINT_CODES, (m) => m.lint],
      ['verifyCause', VERIFY_CAUSES, (m) => m.verifyCause],
      ['confidence', CONFIDENCE_REASONS, (m) => m.confidence],
    ];
    for (const [name, codes, section] of lists)
      for (const catalogue of [en, ja]) {
        const labels = section(catalogue) as Record<string, unknown>;
        assert.deepEqual(
          codes.filter((c) => !labels[c]),
          [],
          `${name} labels`,
        );
      }
  });

  it('every system store of the guidance has a name in both languages', () => {
    assert.deepEqual(
      SYSTEM_STORE_GUIDES.map((s) => s.id).filter((id) => !isStoreId(id) || !en.store[id] || !ja.store[id]),
      [],
    );
  });

  it('the Japanese catalogue has no English sentence', () => {
    const found = Object.entries(flatten(ja)).flatMap(([key, value]) => latinSentences(value).map((s) => `${key}: ${s}`));
    assert.deepEqual(found, []);
  });

  it('keys are typed: a misspelled key, or a value list without a label, fails the type check', { timeout: 120_000 }, async () => {
    const dir = path.join(root, 'test-output', 'i18n-typecheck');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const probe = (body: string) => `import i18next from 'i18next';
import '${path.join(root, 'renderer/src/i18n-types')}';
import type { ProbeErrorCode } from '${path.join(root, 'shared/detection')}';
declare const code: ProbeErrorCode;
void code;
${body}
`;
    const cases = {
      'good.ts': "i18next.t('check.publicRootsFile'); i18next.t(`reason.${code}`); i18next.t('common.next', { step: 'x' });",
      'misspelled.ts': "i18next.t('check.publicRoots');",
      'unlabelled.ts': "declare const more: ProbeErrorCode | 'new-code'; i18next.t(`reason.${more}`);",
    };
    for (const [file, body] of Object.entries(cases)) writeFileSync(path.join(dir, file), probe(body));
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: path.join(root, 'renderer/tsconfig.json'), include: ['*.ts'], compilerOptions: { noEmit: true } }),
    );
    const out = await promisify(execFile)(path.join(root, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: root }).then(
      () => '',
      (e: { stdout: string }) => e.stdout,
    );
    rmSync(dir, { recursive: true, force: true });
    const failing = new Set([...out.matchAll(/([\w-]+\.ts)\(\d+,\d+\): error/g)].map((m) => m[1]));
    assert.deepEqual([...failing].sort(), ['misspelled.ts', 'unlabelled.ts'], out);
  });

  it('Japanese is chosen from a Japanese OS locale, English otherwise', () => {
    assert.equal(languageFor('ja-JP'), 'ja');
    assert.equal(languageFor('ja_JP.UTF-8'), 'ja');
    assert.equal(languageFor('en-US'), 'en');
    assert.equal(languageFor('de-DE'), 'en');
    assert.equal(languageFor(undefined), 'en');
  });

  it("browser mode follows the browser's ordered languages: the first one we speak wins", () => {
    assert.equal(languageForList(['de-DE', 'ja', 'en']), 'ja');
    assert.equal(languageForList(['en-GB', 'ja']), 'en');
    assert.equal(languageForList(['fr']), 'en');
    assert.equal(languageForList([]), 'en');
  });
});
