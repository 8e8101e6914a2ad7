import { useTranslation } from 'react-i18next';
import { PROBE_ERROR_CODES, type ProbeErrorCode } from '../../../shared/detection';
import type { ErrorDetail } from '../../../shared/error-detail';
import { errorDetailText } from '../../../shared/i18n/error-detail-text';
import { isErrorCode } from '../../../shared/i18n/error-codes';
import { MESSAGES } from '../../../shared/i18n/index';

const isProbeCode = (code: string): code is ProbeErrorCode => (PROBE_ERROR_CODES as readonly string[]).includes(code);

/**
 * An error in the user's language, from its code. Its detail (the file, value or host at fault) folds
 * under "technical details": worded from the catalogue when the engine gave a key and parameters, else
 * the engine's own (English) message, kept as data that helps IT.
 */
export function ErrorNote({ error }: { error: { code: string; message: string; detail?: ErrorDetail } | null }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const words = isErrorCode(error.code)
    ? t(`error.${error.code}`)
    : isProbeCode(error.code)
      ? t(`reason.${error.code}`)
      : t('common.errorUnknown', { code: error.code });
  return (
    <div role="alert" className="error" data-testid="error" data-code={error.code}>
      <p>{t('common.error', { message: words })}</p>
      {(error.detail || error.message) && (
        <details>
          <summary>{t('common.details')}</summary>
          <code className="detail" data-testid="error-detail" {...(error.detail ? { 'data-worded': '' } : {})}>
            {error.detail ? errorDetailText(MESSAGES[i18n.language === 'ja' ? 'ja' : 'en'], error.detail) : error.message}
          </code>
        </details>
      )}
    </div>
  );
}
