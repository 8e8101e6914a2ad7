import { useTranslation } from 'react-i18next';
import type { VerifyOutcome } from '../../../shared/api/results';
import type { TargetStatus } from '../../../shared/detection';

type Outcome = VerifyOutcome['tools'][number]['result'] | VerifyOutcome['targets'][number]['bundle'];

/** Colour plus text, never colour alone. */
export function StatusBadge({ status }: { status: TargetStatus | Outcome }) {
  const { t } = useTranslation();
  const label =
    status === 'inspected' || status === 'clean' || status === 'unreachable-via-proxy' || status === 'name-mismatch'
      ? t(`status.${status}`)
      : t(`outcome.${status}`);
  return <span className={`badge badge-${status}`}>{label}</span>;
}
