import type { ProvenConfiguration, ToolOutcome } from './api/results.js';
import type { en } from './i18n/en.js';
import { settingPlace, type SettingFinding } from './settings.js';

/** The catalogue section these sentences come from, in the user's language (en.ts / ja.ts). */
export type VerifySettingsWords = (typeof en)['verifySettings'];

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, k: string) => values[k] ?? whole);
const of = (f: SettingFinding) => ({
  setting: f.source.kind === 'env' ? `${f.setting}=${f.value}` : f.setting,
  place: settingPlace(f.source),
});

/**
 * What a tool's result rests on, in sentences: the setting that switches verification off, the user's own
 * CA setting it passes by, or what outranks the session settings. The CLI and the page both word results
 * with this, so they say the same thing.
 */
export function toolSettingSentences(
  tool: Pick<ToolOutcome, 'result' | 'setting' | 'settings' | 'applyTool'>,
  words: VerifySettingsWords,
  provenKind: ProvenConfiguration['kind'] = 'session-snippet',
): string[] {
  switch (tool.result) {
    case 'verification-off':
      return tool.settings.map((f) => fill(words.off, of(f)));
    case 'pass-by-user-setting':
      return tool.settings.map((f) => fill(words.byUser, of(f)));
    case 'unproven': {
      // Set again after CA Bridge's block in a form that cannot be evaluated: named, with why.
      const later = tool.settings.filter((f) => f.unevaluable);
      return later.length
        ? later.map((f) => fill(words.unprovenLater, { ...of(f), why: words.unevaluable[f.unevaluable!] }))
        : [words.unproven];
    }
    case 'not-configured':
      return [
        provenKind === 'applied'
          ? fill(tool.applyTool ? words.notConfiguredApplyTool : words.notConfiguredApplied, {
              setting: tool.setting,
              tool: tool.applyTool ?? '',
            })
          : fill(words.notConfigured, { setting: tool.setting }),
        ...tool.settings
          .filter((f) => f.outranksAdvice)
          .map((f) => fill(provenKind === 'applied' ? words.outranksApplied : words.outranks, of(f))),
      ];
    case 'fail':
      return [
        ...tool.settings
          .filter((f) => f.outranksAdvice)
          .map((f) => fill(provenKind === 'applied' ? words.outranksApplied : words.outranks, of(f))),
        ...(tool.applyTool ? [fill(words.outranksApplyTool, { tool: tool.applyTool })] : []),
      ];
    default:
      return [];
  }
}

/** Which configuration was proven, and any override added, blocked or file unread, in sentences. */
export function provenSentences(
  proven: ProvenConfiguration,
  words: VerifySettingsWords,
): { heading: string; vars: string[]; notes: string[] } {
  const applied = proven.kind === 'applied';
  return {
    heading: applied ? words.provenApplied : words.proven,
    vars: Object.entries(proven.vars).map(([k, v]) => `${k}=${v}`),
    notes: [
      ...(proven.chosenBy === 'ledger' ? [applied ? words.chosenApplied : words.chosenSession] : []),
      ...(proven.applied ?? []).map((a) => fill(words.appliedChange, { ...a })),
      ...proven.overrides.map((o) =>
        fill(o.reason === 'keeps' ? words.overrideKeeps : words.override, { name: o.name, value: o.value, ...of(o.because) }),
      ),
      ...proven.blocked.map((b) =>
        fill(b.unreadable ? words.blockedUnreadable : words.blocked, { name: b.name, roots: b.missingRoots.join('; '), ...of(b.because) }),
      ),
      ...(proven.shellLater ?? []).map((a) =>
        fill(a.unevaluable ? words.laterUnevaluable : a.value === null ? words.laterRemoved : words.laterSet, {
          name: a.name,
          value: a.value ?? '',
          place: settingPlace(a.source),
          why: a.unevaluable ? words.unevaluable[a.unevaluable] : '',
        }),
      ),
      ...proven.unread.map((u) => fill(words.unread, { file: u.file, problem: u.problem })),
    ],
  };
}
