import { useTranslation } from 'react-i18next';
import type { ErrorValue } from '../../../shared/result';

export function ErrorNote({ error }: { error: Pick<ErrorValue, 'message'> | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {t('common.error', { message: error.message })}
    </p>
  );
}
