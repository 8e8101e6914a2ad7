import { useTranslation } from 'react-i18next';
import type { InspectionCaReport } from '../../../shared/detection';
import { Fingerprint } from './Fingerprint';

/**
 * Several inspectors (one per PAC route, per proxy, or a transparent one on the direct route): every CA with
 * the sites it re-signed and the route they took. Tools need each one; export writes each one this computer trusts.
 */
export function OtherCas({ cas }: { cas: InspectionCaReport[] }) {
  const { t } = useTranslation();
  if (cas.length < 2) return null;
  return (
    <section className="card" aria-labelledby="cas-title" data-testid="inspection-cas">
      <h3 id="cas-title">{t('result.severalCas', { count: cas.length })}</h3>
      <p>{t('result.severalCasNote')}</p>
      <ol>
        {cas.map((ca) => (
          <li key={ca.fingerprint256 ?? ca.subject} data-testid="inspection-ca" data-source={ca.source} data-primary={ca.primary}>
            <strong translate="no">{ca.subject}</strong>
            {ca.primary ? ` (${t('result.primaryCa')})` : ''}
            <dl className="facts">
              {ca.fingerprint256 && (
                <>
                  <dt>{t('result.fingerprint')}</dt>
                  <dd>
                    <Fingerprint value={ca.fingerprint256} />
                  </dd>
                </>
              )}
              <dt>{t('result.source')}</dt>
              <dd>{t(`source.${ca.source}`)}</dd>
              {ca.routes.map((route) => (
                <div key={route} className="route-row">
                  <dt>
                    {t('result.caRoute')} {route === 'DIRECT' ? t('result.direct') : <code translate="no">{route}</code>}
                  </dt>
                  <dd translate="no">
                    {ca.sites
                      .filter((site) => site.route === route)
                      .map((site) => `${site.host}:${site.port}`)
                      .join(', ')}
                  </dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </section>
  );
}
