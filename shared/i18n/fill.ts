import type { Language } from './language.js';

export type Params = Record<string, string | number>;

/**
 * A catalogue template with its {{name}} placeholders filled: the same syntax i18next reads on the
 * page, so one catalogue string serves the page and the command line. An unknown name stays visible
 * (a test catches it) rather than vanishing.
 */
export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** A counted phrase: `one` and `other` as the language's plural rules pick them (Japanese has only `other`). */
export interface Counted {
  one: string;
  other: string;
}

export function counted(lang: Language, forms: Counted, count: number, params: Params = {}): string {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? forms.one : forms.other;
  return fill(form, { ...params, count });
}
