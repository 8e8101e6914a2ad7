import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MESSAGES, languageFor } from '../../shared/i18n/index';

export async function setupI18n(locale: string): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: MESSAGES.en }, ja: { translation: MESSAGES.ja } },
    lng: languageFor(locale),
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng));
}
