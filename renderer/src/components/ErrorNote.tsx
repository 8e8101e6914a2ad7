import { useTranslation } from 'react-i18next';
import { PROBE_ERROR_CODES, type ProbeErrorCode } from '../../../shared/detection';
import { isErrorCode } from '../../../shared/i18n/error-codes';

const isProbeCode = (code: string): code is ProbeErrorCode => (PROBE_ERROR_CODES as readonly string[]).includes(code);

/**
 * An error in the user's language, from its code. The engine's own (English) message stays available
 * folded under "technical details": it names files and hosts that help IT.
 */
export function ErrorNote({ error }: { error: { code: string; message: string } | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const words = isErrorCode(error.code)
    ? t(`error.${error.code}`)
    : isProbeCode(error.code)
      ? t(`reason.${error.code}`)
      : t('common.errorUnknown', { code: error.code });
  return (
    <div role="alert" className="error" data-testid="error" data-code={error.code}>
      <p>{t('common.error', { message: words })}</p>
      {error.message && (
        <details>
          <summary>{t('common.details')}</summary>
          <code className="detail">{error.message}</code>
        </details>
      )}
    </div>
  );
}
