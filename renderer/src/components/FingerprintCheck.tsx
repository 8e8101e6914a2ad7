import { useTranslation } from 'react-i18next';
import { compareFingerprint } from '../fingerprint-compare';

/**
 * The fingerprint IT publishes, pasted and compared for the user (people misread 64 hex digits;
 * formatting does not count). Controlled: the value pasted on Result is the one the Export dialog shows.
 */
export function FingerprintCheck({
  id,
  actual,
  value,
  onChange,
}: {
  id: string;
  actual: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const verdict = compareFingerprint(value, actual);
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{t('result.pasteLabel')}</label>
        <input
          id={id}
          type="text"
          maxLength={400}
          spellCheck={false}
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={id}
          aria-describedby={`${id}-verdict`}
        />
      </div>
      <p id={`${id}-verdict`} role="status" data-testid={`${id}-verdict`} data-verdict={verdict} className={`fp-${verdict}`}>
        {verdict === 'match'
          ? t('result.fpMatch')
          : verdict === 'mismatch'
            ? t('result.fpMismatch')
            : verdict === 'invalid'
              ? t('result.fpInvalid')
              : ''}
      </p>
    </>
  );
}
