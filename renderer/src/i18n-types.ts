import 'i18next';
import type { Messages } from '../../shared/i18n/en';

/**
 * Keys are typed from the English catalogue: a misspelled key, or a template key such as
 * `evidence.${kind}` whose value list has no label, fails `tsc` instead of showing a raw key.
 */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
    returnNull: false;
  }
}
