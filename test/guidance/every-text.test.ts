/**
 * Renders every text of every catalogue row — explain's fix sentence, caveats, what each command changes and
 * its undo, the commands and file fragments — in both languages and every shell (with and without a JDK),
 * and rejects template holes, ungrammatical joins and advice that breaks the tool (a Java trust store
 * pointed at a PEM file). The rules are the shapes the garbled texts of issue 22 had.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KNOWN_ERRORS } from '../../shared/error-catalog.js';
import { explainErrors } from '../../shared/explain.js';
import { rowFix } from '../../shared/guidance/row-fix.js';
import { renderSystemStores, renderTool, safetyNotes, type Jdk } from '../../shared/guidance/render.js';
import { SHELLS } from '../../shared/guidance/quote.js';
import { TOOL_GUIDES } from '../../shared/guidance/tools.js';
import { LANGUAGES, type Language } from '../../shared/i18n/language.js';

const paths = { ca: '/x/corporate-ca.pem', bundle: '/x/ca-bundle.pem', der: '/x/corporate-ca.crt' };
const JDK: Jdk = { home: '/jdk', keytool: '/jdk/bin/keytool', cacerts: '/jdk/lib/security/cacerts' };

/** Why a text is not a whole, correct sentence for a user (null when it is). */
export function textProblem(text: string, lang: Language): string | null {
  if (/\{\w+\}/.test(text)) return 'a template hole ({name}) is left';
  if (/\bundefined\b|\bnull\b|\[object Object\]|NaN/.test(text)) return 'a missing value was printed';
  if (/\)'s\b/.test(text)) return 'a possessive after a parenthesis ("…)\'s")';
  if (/\) \(|）（/.test(text)) return 'two parentheses in a row';
  if (/[(（][^()（）]*[(（][^()（）]*[)）][^()（）]*[)）][。.]?$|[(（][^()（）]*[(（][^()（）]*[)）]\s*[)）]/.test(text))
    return 'nested parentheses';
  if (/;[^.;]*\bat DIR\//.test(text) || /\bpoint [^.]*;[^.]*\bat\b/.test(text)) return 'a list of settings joined into "point … at"';
  if (/ {2}|\s[.,;:]\s|[.。]\s*[.。]|,,|;;|。 /.test(text)) return 'a broken join (double space, stray punctuation)';
  if (/trustStore\b[^.。]*\.(?:pem|crt|cer)\b/i.test(text) && !/-importcert|Import/.test(text)) {
    return 'a Java trust store pointed at a PEM/DER certificate (Java needs a JKS/PKCS12 store)';
  }
  if (lang === 'ja') {
    // Strip what is not prose: quoted spans, commands, paths, code; what remains must not be English.
    const prose = text
      .replace(/「[^」]*」|"[^"]*"|`[^`]*`|'[^']*'/g, ' ')
      .replace(/\S*[/\\=@~]\S*/g, ' ')
      .replace(/--?[\w-]+/g, ' ');
    const english = /\b(?:[a-z]{2,}\s+){3}[a-z]{2,}\b/i.exec(prose);
    if (english) return `an English phrase in Japanese text: "${english[0]}"`;
  }
  return null;
}

function assertText(text: string, lang: Language, where: string) {
  const problem = textProblem(text, lang);
  assert.equal(problem, null, `${where} [${lang}]: ${problem}\n${text}`);
}

describe('every text of every row, in both languages and every shell', () => {
  it('the checker itself rejects the garbled texts of the last round', () => {
    const garbled: [string, Language][] = [
      ["Export the CA, then point Java (user trust store)'s javax.net.ssl.trustStore (JAVA_TOOL_OPTIONS) at DIR/corporate-ca.crt.", 'en'],
      ["Then point .NET (dotnet, NuGet)'s SSL_CERT_FILE on Linux; the OS store on Windows and macOS at DIR/ca-bundle.pem (REPLACE).", 'en'],
      ['Set http.systemCertificatesNode (settings.json) (it uses the OS trust store).', 'en'],
      ['DIR/{file} を指定します。', 'ja'],
      ['Windows と macOS では the OS store is used by default です。', 'ja'],
      ['追加します。 正確な設定', 'ja'],
    ];
    for (const [text, lang] of garbled) assert.notEqual(textProblem(text, lang), null, text);
  });

  it("explain's fix sentence of every row", () => {
    for (const row of TOOL_GUIDES) for (const lang of LANGUAGES) assertText(rowFix(row, lang), lang, `${row.id} fix`);
  });

  it('explain: every known error, rendered whole (title, cause, fix) from one of its real texts', () => {
    const samples = TOOL_GUIDES.flatMap((row) => row.errors);
    for (const entry of KNOWN_ERRORS) {
      for (const lang of LANGUAGES) {
        assertText(entry.title[lang], lang, `${entry.id} title`);
        assertText(entry.cause[lang], lang, `${entry.id} cause`);
        if (entry.fix) assertText(entry.fix[lang], lang, `${entry.id} fix`);
        if (entry.fixNote) assertText(entry.fixNote[lang], lang, `${entry.id} fixNote`);
      }
    }
    for (const text of samples) {
      for (const lang of LANGUAGES) for (const m of explainErrors(text, lang)) assertText(m.fix, lang, `${m.id} explained fix`);
    }
  });

  it('caveats, changes, undo, commands and fragments of every row, every shell, with and without a JDK', () => {
    for (const row of TOOL_GUIDES) {
      for (const shell of SHELLS) {
        for (const lang of LANGUAGES) {
          for (const jdks of [[], [JDK]]) {
            const r = renderTool(row, shell, paths, lang, jdks);
            const where = `${row.id} ${shell}${jdks.length ? ' +JDK' : ''}`;
            for (const c of r.caveats) assertText(c, lang, `${where} caveat`);
            for (const p of r.persistent) {
              assertText(p.changes, lang, `${where} changes`);
              assert.doesNotMatch(p.undo, /\{\w+\}/, `${where} undo`);
              assert.doesNotMatch(p.command, /\{\w+\}|undefined/, `${where} command`);
            }
            for (const f of r.fragments) assert.doesNotMatch(f.text, /\{\w+\}|undefined/, `${where} fragment`);
            for (const line of r.commands) assert.doesNotMatch(line, /\{\w+\}|undefined/, `${where} command line`);
            assert.doesNotMatch(r.commands.join('\n'), /trustStore=["']?[^"'\s]*\.(?:pem|crt)\b/, `${where}: Java store at a PEM`);
          }
        }
      }
    }
  });

  it('system-store commands, their notes and the safety notes', () => {
    for (const lang of LANGUAGES) {
      for (const s of renderSystemStores(paths, lang)) {
        assert.doesNotMatch(s.command, /\{\w+\}/, s.id);
        if (s.note) assertText(s.note, lang, `${s.id} note`);
      }
      for (const note of safetyNotes(lang)) assertText(note, lang, 'safety note');
    }
  });
});
