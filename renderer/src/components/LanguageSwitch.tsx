import { useTranslation } from 'react-i18next';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang">
      {t('lang.label')}
      <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)} data-testid="language">
        <option value="ja">{t('lang.ja')}</option>
        <option value="en">{t('lang.en')}</option>
      </select>
    </label>
  );
}
