import { en } from './en.js';
import { ja } from './ja.js';

export const MESSAGES = { en, ja } as const;
export type Language = keyof typeof MESSAGES;

/** The interface language from an OS locale such as "ja-JP" or "en_US.UTF-8". */
export const languageFor = (locale: string | undefined): Language => (locale?.toLowerCase().startsWith('ja') ? 'ja' : 'en');
