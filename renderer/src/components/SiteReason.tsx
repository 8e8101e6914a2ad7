import { useTranslation } from 'react-i18next';
import type { ProbeError } from '../../../shared/detection';

/** Why one site could not be checked, in the user's language; a 407 also names the scheme the proxy asked for. */
export function SiteReason({ error }: { error: ProbeError }) {
  const { t } = useTranslation();
  return (
    <span data-code={error.code}>
      {t(`reason.${error.code}`)}
      {error.code === 'proxy-auth-required' && error.params?.scheme ? ` (${error.params.scheme})` : ''}
    </span>
  );
}
