import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { en } from '../../shared/i18n/en.js';
import { ja } from '../../shared/i18n/ja.js';
import { languageFor } from '../../shared/i18n/index.js';

const flatten = (obj: object, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    Object.entries(obj).flatMap(([k, v]) =>
      typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v as object, `${prefix}${k}.`)),
    ),
  );

const rendererDir = new URL('../../renderer/src', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );

describe('message catalogues', () => {
  it('English and Japanese have the same keys, none empty, and the same placeholders', () => {
    const e = flatten(en);
    const j = flatten(ja);
    assert.deepEqual(Object.keys(j).sort(), Object.keys(e).sort());
    for (const [key, value] of Object.entries(e)) {
      assert.ok(value.trim() && j[key]!.trim(), key);
      const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(placeholders(j[key]!), placeholders(value), key);
    }
  });
  it('every literal key the interface uses exists', () => {
    const keys = new Set(Object.keys(flatten(en)));
    const used = sources(rendererDir).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z.-]+)'/g)].map((m) => m[1]!),
    );
    assert.ok(used.length > 50);
    assert.deepEqual(
      used.filter((k) => !keys.has(k)),
      [],
    );
  });
  it('Japanese is chosen from a Japanese OS locale, English otherwise', () => {
    assert.equal(languageFor('ja-JP'), 'ja');
    assert.equal(languageFor('ja_JP.UTF-8'), 'ja');
    assert.equal(languageFor('en-US'), 'en');
    assert.equal(languageFor('de-DE'), 'en');
    assert.equal(languageFor(undefined), 'en');
  });
});
