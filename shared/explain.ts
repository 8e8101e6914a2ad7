import type { Verdict } from './detection.js';
import { KNOWN_ERRORS, type KnownError } from './error-catalog.js';
import { rowFix, type FrontDoor } from './guidance/row-fix.js';
import { MESSAGES } from './i18n/index.js';
import type { Language } from './i18n/language.js';
import type { ToolId } from './guidance/tool-types.js';
import { toolGuide } from './guidance/tools.js';
import { assertNever } from './result.js';

/** Longest line looked at: error lines are short, and every pattern stays linear within this bound. */
export const MAX_LINE_CHARS = 8192;
/** Most text looked at: the end of a long log is kept, where the error usually is. */
export const MAX_TEXT_CHARS = 4 * 1024 * 1024;

/** What `ca-bridge detect` last found on this machine, kept to explain errors in its light. */
export interface DetectionMemory {
  verdict: Verdict;
  vendor: string | null;
  caSubject: string | null;
  caFingerprint256: string | null;
  at: string;
}

export interface ErrorExplanation {
  id: string;
  tool: string;
  title: string;
  cause: string;
  fix: string;
  /** The likely cause here, from the last detection; null when there is none to relate to. */
  onThisMachine: string | null;
  /** The text that matched, so the user sees which line was recognised. */
  matched: string;
  guideTool: ToolId | null;
}

function relate(entry: KnownError, memory: DetectionMemory | null, lang: Language, door: FrontDoor): string | null {
  if (!memory || !['untrusted', 'incomplete', 'ca-format'].includes(entry.kind)) return null;
  const when = memory.at.slice(0, 16).replace('T', ' ');
  const by = memory.vendor ? (lang === 'ja' ? `（${memory.vendor}）` : ` by ${memory.vendor}`) : '';
  const ca = memory.caSubject
    ? lang === 'ja'
      ? `CA「${memory.caSubject}」`
      : `the CA "${memory.caSubject}"`
    : lang === 'ja'
      ? 'インスペクション CA'
      : 'the inspection CA';
  switch (memory.verdict) {
    case 'inspected':
    case 'partial':
      return lang === 'ja'
        ? `この環境では TLS インスペクションが行われています${by}（${when} の検出結果）。このツールに ${ca} が渡されていないことが原因と考えられます。`
        : `This network inspects TLS${by} (detected ${when} UTC): the tool most likely lacks ${ca}.`;
    case 'clean':
      if (door === 'page')
        return lang === 'ja'
          ? `${when} の検出ではインスペクションはありませんでした。サーバー側の証明書チェーンが原因の可能性があります（「${MESSAGES.ja.nav.diagnose}」の「${MESSAGES.ja.diagnose.checkTitle}」で確認）。`
          : `The last detection (${when} UTC) found no inspection: the server's own chain is the likely cause; check it under ${MESSAGES.en.nav.diagnose} → ${MESSAGES.en.diagnose.checkTitle}.`;
      return lang === 'ja'
        ? `${when} の検出ではインスペクションはありませんでした。サーバー側の証明書チェーンが原因の可能性があります（ca-bridge check で確認）。`
        : `The last detection (${when} UTC) found no inspection: the server's own chain is the likely cause; run "ca-bridge check HOST".`;
    case 'inconclusive':
      return null;
    default:
      return assertNever(memory.verdict);
  }
}

/** Recognises known certificate errors anywhere in pasted text (whole logs, stack traces), in order of appearance. */
function fixFor(entry: KnownError, lang: Language, door: FrontDoor): string {
  if (entry.fix) return entry.fix[lang];
  if (!entry.guideTool) throw new Error(`${entry.id}: neither a catalogue row nor its own fix`);
  const fix = rowFix(toolGuide(entry.guideTool), lang, door);
  return entry.fixNote ? `${entry.fixNote[lang]} ${fix}` : fix;
}

/** The text patterns run on: at most MAX_TEXT_CHARS (the end), each line cut to MAX_LINE_CHARS. */
export function boundedText(raw: string): string {
  const tail = raw.length > MAX_TEXT_CHARS ? raw.slice(raw.length - MAX_TEXT_CHARS) : raw;
  return tail
    .split('\n')
    .map((line) => (line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line))
    .join('\n');
}

export function explainErrors(
  raw: string,
  lang: Language = 'en',
  memory: DetectionMemory | null = null,
  door: FrontDoor = 'cli',
): ErrorExplanation[] {
  const text = boundedText(raw);
  const hits = KNOWN_ERRORS.flatMap((entry) => {
    const found = entry.patterns
      .map((p) => p.exec(text))
      .filter((m): m is RegExpExecArray => m !== null)
      .sort((a, b) => a.index - b.index)[0];
    return found ? [{ entry, index: found.index, matched: found[0] }] : [];
  });
  const superseded = new Set(hits.flatMap((h) => h.entry.supersedes ?? []));
  const family = (id: string) => id.split('-')[0];
  const specificFamilies = new Set(hits.filter((h) => !h.entry.generic).map((h) => family(h.entry.id)));
  return hits
    .filter((h) => !superseded.has(h.entry.id) && !(h.entry.generic && specificFamilies.has(family(h.entry.id))))
    .sort((a, b) => a.index - b.index)
    .map(({ entry, matched }) => ({
      id: entry.id,
      tool: entry.tool,
      title: entry.title[lang],
      cause: entry.cause[lang],
      fix: fixFor(entry, lang, door),
      onThisMachine: relate(entry, memory, lang, door),
      matched,
      guideTool: entry.guideTool,
    }));
}
