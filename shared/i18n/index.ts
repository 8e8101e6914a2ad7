import { en } from './en.js';
import { ja } from './ja.js';
import type { Language } from './language.js';

export type { Language } from './language.js';
export const MESSAGES = { en, ja } as const satisfies Record<Language, unknown>;

/** The interface language from an OS locale such as "ja-JP" or "en_US.UTF-8". */
export const languageFor = (locale: string | undefined): Language => (locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en');

/**
 * The interface language from a browser's ordered preferences (navigator.languages): the first one we
 * speak wins, so ["de-DE", "ja"] gives Japanese; English when none matches.
 */
export function languageForList(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('ja')) return 'ja';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
