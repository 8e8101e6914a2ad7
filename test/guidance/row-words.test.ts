import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTool } from '../../shared/guidance/render.js';
import { ROW_WORDS } from '../../shared/guidance/row-words.js';
import { TOOL_GUIDES } from '../../shared/guidance/tools.js';
import { latinSentences } from '../helpers/latin.js';

/** Plain lower-case English words in a row's name or setting (a setting's own names such as `cafile` aside). */
const CODE_WORDS = new Set(['cafile', 'or']);
const proseWords = (text: string) => text.split(/[\s,;()|]+/).filter((w) => /^[a-z]{2,}$/.test(w) && !CODE_WORDS.has(w));
/** Words that make a row's name a description rather than a name (tool names themselves are lower-case too: npm, curl). */
const NAME_PROSE = new Set([
  'programs',
  'clients',
  'store',
  'trust',
  'user',
  'builds',
  'based',
  'images',
  'containers',
  'distributions',
  'pulls',
  'on',
]);
const codeSpans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
const TOOL_NAMES = TOOL_GUIDES.map((t) => t.name);

describe("catalogue rows' prose is catalogue text in both languages", () => {
  it('a row whose name or setting carries prose has its words in both languages', () => {
    const missing = TOOL_GUIDES.flatMap((t) => [
      ...(proseWords(t.setting).length && !ROW_WORDS[t.id]?.setting ? [`${t.id} setting: ${t.setting}`] : []),
      ...(t.name.split(/[\s,;()/]+/).some((w) => NAME_PROSE.has(w)) && !ROW_WORDS[t.id]?.name ? [`${t.id} name: ${t.name}`] : []),
    ]);
    // A file fragment's hint in parentheses ("php.ini (php --ini names it)") is prose too.
    const hints = TOOL_GUIDES.flatMap((t) =>
      t.steps.flatMap((step) =>
        step.kind === 'file' && /\(.*\)$/.test(step.path) && !ROW_WORDS[t.id]?.fileHint ? [`${t.id} file: ${step.path}`] : [],
      ),
    );
    assert.deepEqual([...missing, ...hints], []);
  });

  it('the Japanese words have no English sentence outside code, and keep exactly the English code spans', () => {
    for (const [id, words] of Object.entries(ROW_WORDS)) {
      for (const text of [words.name, words.setting, words.fileHint]) {
        if (!text) continue;
        const prose = text.ja.replace(/`[^`]*`/g, ' ');
        assert.deepEqual(
          latinSentences(
            prose,
            TOOL_NAMES.filter((n) => n !== text.en),
          ),
          [],
          `${id}: ${text.ja}`,
        );
        assert.deepEqual(codeSpans(text.ja), codeSpans(text.en), `${id}: the same code in both languages`);
      }
    }
  });

  it('the page gets the words in its language, and the Japanese snippet comment reads as Japanese sentences', () => {
    const paths = { ca: '/x/corporate-ca.pem', bundle: '/x/ca-bundle.pem', der: '/x/corporate-ca.crt' };
    const guide = (id: string) => TOOL_GUIDES.find((t) => t.id === id)!;
    const yarn = renderTool(guide('yarn-3'), 'bash', paths, 'ja');
    assert.equal(yarn.settingText, ROW_WORDS['yarn-3']!.setting!.ja);
    assert.equal(renderTool(guide('curl'), 'bash', paths, 'ja').settingText, `\`${guide('curl').setting}\``);
    const openssl = renderTool(guide('openssl'), 'bash', paths, 'ja');
    assert.equal(openssl.label, ROW_WORDS.openssl!.name!.ja);
    assert.equal(openssl.nameIsData, false);
    // "… を追加します. 元に戻す": a Japanese sentence ends with 。, never with an English full stop.
    const comments = TOOL_GUIDES.flatMap((t) => renderTool(t, 'bash', paths, 'ja').commands.filter((c) => c.startsWith('# ')));
    assert.ok(comments.length > 3);
    for (const c of comments) assert.doesNotMatch(c, /[ぁ-んァ-ン一-龯）]\. /, c);
  });
});
