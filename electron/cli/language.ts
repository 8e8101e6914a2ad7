import { MESSAGES } from '../../shared/i18n/index.js';
import { LANGUAGES, type Language } from '../../shared/i18n/language.js';

/**
 * The language of the command line's text, as POSIX programs choose theirs: LC_ALL, then LC_MESSAGES,
 * then LANG (the first one set and non-empty decides, as gettext does). "C" and "POSIX" are English.
 * On Windows, where these are rarely set, the OS locale (Intl) decides.
 */
export function languageFromEnvironment(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  if (locale !== undefined) return /^ja([_.@-]|$)/i.test(locale) ? 'ja' : 'en';
  if (platform === 'win32') return /^ja\b/i.test(Intl.DateTimeFormat().resolvedOptions().locale) ? 'ja' : 'en';
  return 'en';
}

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** The catalogue of one language: the page's and the command line's words come from the same files. */
export const messagesFor = (lang: Language) => MESSAGES[lang];
export type Messages = (typeof MESSAGES)[Language];
