import './i18n-types';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MESSAGES, type Language } from '../../shared/i18n/index';

const KEY = 'ca-bridge:lang';

function savedLanguage(): Language | null {
  try {
    const saved = sessionStorage.getItem(KEY);
    return saved === 'ja' || saved === 'en' ? saved : null;
  } catch {
    return null;
  }
}

/** `initial` comes from the OS locale (desktop) or the browser's languages (browser mode); a choice made in this tab wins. */
export async function setupI18n(initial: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: MESSAGES.en }, ja: { translation: MESSAGES.ja } },
    lng: savedLanguage() ?? initial,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
    try {
      sessionStorage.setItem(KEY, lng);
    } catch {
      // storage disabled: the choice lasts until reload
    }
  });
}
