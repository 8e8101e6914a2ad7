import { useTranslation } from 'react-i18next';
import type { InspectionCa } from '../../../shared/detection';
import { CaFactRows } from './CaFactRows';
import { FingerprintCheck } from './FingerprintCheck';

/**
 * A root only the proxy vouches for: its own warning state, and the fingerprint IT publishes compared
 * for the user. What the user pastes is kept in the flow: Export's confirmation shows it again.
 */
export function UntrustedRoot({
  ca,
  lang,
  pasted,
  onPaste,
}: {
  ca: InspectionCa;
  lang: string;
  pasted: string;
  onPaste: (v: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card warning-card" aria-labelledby="untrusted-ca-title" data-testid="untrusted-root">
      <h3 id="untrusted-ca-title">{t('result.untrustedTitle')}</h3>
      <p>{t('result.untrustedBody')}</p>
      <dl className="facts">
        <CaFactRows ca={ca} lang={lang} />
      </dl>
      {ca.fingerprint256 && <FingerprintCheck id="it-fingerprint" actual={ca.fingerprint256} value={pasted} onChange={onPaste} />}
    </section>
  );
}
