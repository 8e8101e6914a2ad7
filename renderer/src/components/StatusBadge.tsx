import { useTranslation } from 'react-i18next';

/** Colour plus text, never colour alone. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const key = ['inspected', 'clean', 'error'].includes(status) ? `status.${status}` : `outcome.${status}`;
  return <span className={`badge badge-${status}`}>{t(key)}</span>;
}
