import { useTranslation } from 'react-i18next';
import type { InspectionCa } from '../../../shared/detection';
import { CaFactRows } from './CaFactRows';

/** The inspection CA: name, fingerprint, expiry, where it was found. */
export function CaFacts({ ca, lang }: { ca: InspectionCa; lang: string }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="ca-title">
      <h3 id="ca-title">{t('result.ca')}</h3>
      <dl className="facts">
        <CaFactRows ca={ca} lang={lang} />
      </dl>
    </section>
  );
}
