import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectionCa } from '../../../shared/detection';
import { compareFingerprint } from '../fingerprint-compare';
import { CaFactRows } from './CaFactRows';

/**
 * A root only the proxy vouches for: its own warning state, and the fingerprint IT publishes compared
 * for the user (people misread 64 hex digits; formatting differences do not count).
 */
export function UntrustedRoot({ ca, lang }: { ca: InspectionCa; lang: string }) {
  const { t } = useTranslation();
  const [pasted, setPasted] = useState('');
  const verdict = ca.fingerprint256 ? compareFingerprint(pasted, ca.fingerprint256) : 'empty';
  return (
    <section className="card warning-card" aria-labelledby="untrusted-ca-title" data-testid="untrusted-root">
      <h3 id="untrusted-ca-title">{t('result.untrustedTitle')}</h3>
      <p>{t('result.untrustedBody')}</p>
      <dl className="facts">
        <CaFactRows ca={ca} lang={lang} />
      </dl>
      <div className="field">
        <label htmlFor="it-fingerprint">{t('result.pasteLabel')}</label>
        <input
          id="it-fingerprint"
          type="text"
          maxLength={400}
          spellCheck={false}
          autoComplete="off"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          data-testid="it-fingerprint"
          aria-describedby="fp-verdict"
        />
      </div>
      <p id="fp-verdict" role="status" data-testid="fp-verdict" data-verdict={verdict} className={`fp-${verdict}`}>
        {verdict === 'match'
          ? t('result.fpMatch')
          : verdict === 'mismatch'
            ? t('result.fpMismatch')
            : verdict === 'invalid'
              ? t('result.fpInvalid')
              : ''}
      </p>
    </section>
  );
}
