import type { Text } from './text.js';
import { TOOL_GUIDES } from './tools.js';

export type Semantics = 'add' | 'replace';
/** Which exported file a setting needs: ADD settings take the CA alone, REPLACE settings the bundle. */
export type ExportFile = 'ca' | 'bundle' | 'der';

export interface EnvVarGuide {
  name: string;
  semantics: Semantics;
  /** The exported file the variable names, or null for a fixed value (`literal`). */
  file: ExportFile | null;
  literal: string | null;
  /** Added to the user's own comma-separated list instead of replacing it (GODEBUG). */
  appendsTo: 'comma-list' | null;
  serves: Text;
}

/**
 * The variables the session block and "apply" set, derived from the catalogue rows' shared `env` steps (in
 * catalogue order, once each): there is no second list of names to drift from the rows.
 */
export const ENV_VARS: readonly EnvVarGuide[] = (() => {
  type Entry = { semantics: Semantics; file: ExportFile | null; literal: string | null; appendsTo: 'comma-list' | null; tools: string[] };
  const byName = new Map<string, Entry>();
  for (const row of TOOL_GUIDES) {
    for (const step of row.steps) {
      if (step.kind !== 'env' || !step.shared) continue;
      const file = typeof step.value === 'string' ? step.value : null;
      const literal = typeof step.value === 'string' ? null : step.value.literal;
      const entry = byName.get(step.name) ?? { semantics: row.semantics, file, literal, appendsTo: step.appendsTo ?? null, tools: [] };
      if (entry.file !== file || entry.literal !== literal) throw new Error(`${step.name}: rows disagree on its value`);
      entry.tools.push(row.name);
      byName.set(step.name, entry);
    }
  }
  return [...byName].map(([name, e]) => ({
    name,
    semantics: e.semantics,
    file: e.file,
    literal: e.literal,
    appendsTo: e.appendsTo,
    serves: { en: e.tools.join(', '), ja: e.tools.join('・') },
  }));
})();

export const SEMANTICS_TEXT: Record<Semantics, Text> = {
  add: { en: 'ADD: adds the corporate CA to the built-in list', ja: '追加: 既定の信頼リストに社内 CA を足す' },
  replace: {
    en: 'REPLACE: this file becomes the whole trust list, so it is the bundle (public roots + corporate CA)',
    ja: '置換: このファイルが信頼リストのすべてになるため、バンドル（公開ルート＋社内 CA）を指定',
  },
};

export const SAFETY_NOTES: readonly Text[] = [
  {
    en: 'Never turn verification off (NODE_TLS_REJECT_UNAUTHORIZED=0, verify=False, curl -k, http.sslVerify false): it hides every attack, not only the proxy.',
    ja: '検証を無効にしないでください（NODE_TLS_REJECT_UNAUTHORIZED=0、verify=False、curl -k、http.sslVerify false）。プロキシだけでなくあらゆる攻撃が見えなくなります。',
  },
  {
    en: 'These settings are for this machine on this company network. Do not copy them into production, CI, containers you ship, or customer environments.',
    ja: 'この設定はこの会社のネットワーク上のこのマシン専用です。本番環境・CI・配布するコンテナ・顧客環境にはコピーしないでください。',
  },
  {
    en: 'The bundle is a snapshot of the public roots: export again every few months, and when IT renews the CA.',
    ja: 'バンドルは公開ルートのスナップショットです。数か月ごと、また IT が CA を更新したときに再エクスポートしてください。',
  },
];
