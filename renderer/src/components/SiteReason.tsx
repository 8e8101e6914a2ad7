import { useTranslation } from 'react-i18next';
import type { ProbeError } from '../../../shared/detection';
import { siteReasonText } from '../reason-words';

/** Why one site could not be checked, in the user's language (the words the report for IT uses too). */
export function SiteReason({ error }: { error: ProbeError }) {
  const { t } = useTranslation();
  return <span data-code={error.code}>{siteReasonText(t, error)}</span>;
}
