import type { Language } from '../i18n/language.js';

/** Text the catalogue carries in every interface language. */
export type Text = Record<Language, string>;
