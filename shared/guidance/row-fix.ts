import { SEMANTICS_TEXT, type ExportFile } from './env-vars.js';
import type { Language } from '../i18n/language.js';
import type { ToolGuide } from './tool-types.js';

const FILE_NAMES: Record<ExportFile, string> = { ca: 'corporate-ca.pem', bundle: 'ca-bundle.pem', der: 'corporate-ca.crt' };

/**
 * The fix for an error, rendered from the catalogue row that owns it: the same setting, file and
 * ADD/REPLACE rule the snippets print, so explain can never advise what the snippets would not.
 */
export function rowFix(row: ToolGuide, lang: Language): string {
  const ja = lang === 'ja';
  const exact = ja
    ? `正確な設定（変更内容と元に戻す方法を含む）は「ca-bridge snippets --dir DIR --tool ${row.id}」で表示されます。検証を無効にしないでください。`
    : `"ca-bridge snippets --dir DIR --tool ${row.id}" prints the exact lines, with what each changes and how to undo it. Do not disable verification.`;
  if (row.steps.length === 0) return `${row.caveats[0]?.[lang] ?? ''} ${exact}`.trim();
  if (!row.file) {
    return ja
      ? `${row.name}: ${row.setting} を設定します（IT が CA を入れた OS の信頼ストアを使います）。${exact}`
      : `${row.name}: set ${row.setting} (it uses the OS trust store, where IT installed the CA). ${exact}`;
  }
  const file = FILE_NAMES[row.file];
  return ja
    ? `「ca-bridge export --out DIR」で CA をエクスポートし、${row.name} の ${row.setting} に DIR/${file} を指定します（${SEMANTICS_TEXT[row.semantics].ja}）。${exact}`
    : `Export the CA with "ca-bridge export --out DIR", then point ${row.name}'s ${row.setting} at DIR/${file} (${SEMANTICS_TEXT[row.semantics].en}). ${exact}`;
}
