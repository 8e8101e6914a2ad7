import { useTranslation } from 'react-i18next';

/** Why a row failed: the label in the user's language, the engine's own words (files, programs' output) as technical detail. */
export function Cause({ detail }: { detail: string }) {
  const { t } = useTranslation();
  return (
    <div className="cause">
      {t('setup.cause')} <code className="detail">{detail}</code>
    </div>
  );
}
