import { useTranslation } from 'react-i18next';
import type { InspectionCa } from '../../../shared/detection';
import { Fingerprint } from './Fingerprint';

/**
 * The facts every view of the inspection CA shows, as rows of a `<dl>`: name, fingerprint, expiry and
 * where it was found. One place, so the trusted and the untrusted views cannot drift apart.
 */
export function CaFactRows({ ca, lang }: { ca: InspectionCa; lang: string }) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{t('result.subject')}</dt>
      <dd data-testid="ca-subject" translate="no">
        {ca.subject}
      </dd>
      {ca.fingerprint256 && (
        <>
          <dt>{t('result.fingerprint')}</dt>
          <dd>
            <Fingerprint value={ca.fingerprint256} testId="ca-fingerprint" />
          </dd>
        </>
      )}
      {ca.notAfter && (
        <>
          <dt>{t('result.expires')}</dt>
          <dd>{new Date(ca.notAfter).toLocaleDateString(lang)}</dd>
        </>
      )}
      <dt>{t('result.source')}</dt>
      <dd data-testid="ca-source" data-source={ca.source}>
        {t(`source.${ca.source}`)}
        {ca.location && ca.source === 'trust-store' ? <span translate="no"> ({ca.location})</span> : null}
      </dd>
    </>
  );
}
