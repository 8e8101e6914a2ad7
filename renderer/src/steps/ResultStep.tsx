import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectionResult } from '../../../shared/detection';
import { ChainDiagram } from '../components/ChainDiagram';
import { IssuerMatrix } from '../components/IssuerMatrix';

export function verdictKey(d: DetectionResult): string {
  return d.vendor && (d.verdict === 'inspected' || d.verdict === 'partial') ? `verdict.${d.verdict}_vendor` : `verdict.${d.verdict}`;
}

export function ResultStep({ detection, onNext }: { detection: DetectionResult | null; onNext: () => void }) {
  const { t, i18n } = useTranslation();
  const reachable = detection?.targets.filter((x) => !x.error) ?? [];
  const [selected, setSelected] = useState(reachable[0] ? `${reachable[0].host}:${reachable[0].port}` : '');
  if (!detection)
    return (
      <section>
        <h2 id="step-title">{t('result.title')}</h2>
        <p>{t('result.none')}</p>
      </section>
    );
  const counts = {
    inspected: detection.targets.filter((x) => x.status === 'inspected').length,
    clean: detection.targets.filter((x) => x.status === 'clean').length,
  };
  const ca = detection.inspectionCa;
  const chosen = detection.targets.find((x) => `${x.host}:${x.port}` === selected);
  return (
    <section>
      <h2 id="step-title">{t('result.title')}</h2>
      <p className={`verdict verdict-${detection.verdict}`} role="status" data-testid="verdict">
        {t(verdictKey(detection), { vendor: detection.vendor?.name, ...counts })}
      </p>
      <dl className="facts">
        <dt>{t('result.vendor')}</dt>
        <dd data-testid="vendor">{detection.vendor?.name ?? t('result.unknownVendor')}</dd>
        <dt>{t('result.proxy')}</dt>
        <dd>{detection.proxy ?? t('result.direct')}</dd>
        {detection.proxySource && (
          <>
            <dt>{t('result.proxySource')}</dt>
            <dd data-testid="proxy-source">
              {detection.proxySource.detail}
              {detection.proxySource.notes.map((note) => (
                <small key={note}>
                  <br />
                  {note}
                </small>
              ))}
            </dd>
          </>
        )}
      </dl>
      {ca && (
        <section className="card" aria-labelledby="ca-title">
          <h3 id="ca-title">{t('result.ca')}</h3>
          <dl className="facts">
            <dt>{t('result.subject')}</dt>
            <dd data-testid="ca-subject">{ca.subject}</dd>
            {ca.fingerprint256 && (
              <>
                <dt>{t('result.fingerprint')}</dt>
                <dd>
                  <code data-testid="ca-fingerprint" className="fingerprint">
                    {ca.fingerprint256}
                  </code>
                </dd>
              </>
            )}
            {ca.notAfter && (
              <>
                <dt>{t('result.expires')}</dt>
                <dd>{new Date(ca.notAfter).toLocaleDateString(i18n.language)}</dd>
              </>
            )}
            <dt>{t('result.source')}</dt>
            <dd data-testid="ca-source" data-source={ca.source}>
              {t(`source.${ca.source}`)}
              {ca.location ? ` (${ca.location})` : ''}
            </dd>
          </dl>
        </section>
      )}
      <h3>{t('result.matrix')}</h3>
      <IssuerMatrix targets={detection.targets} />
      {reachable.length > 0 && (
        <>
          <h3>{t('result.chain')}</h3>
          <label className="field">
            {t('result.site')}
            <select value={selected} onChange={(e) => setSelected(e.target.value)} data-testid="chain-site">
              {reachable.map((x) => (
                <option key={`${x.host}:${x.port}`} value={`${x.host}:${x.port}`}>
                  {x.host}
                </option>
              ))}
            </select>
          </label>
          {chosen && <ChainDiagram target={chosen} proxy={detection.proxy} />}
        </>
      )}
      <h3>{t('result.evidence')}</h3>
      <ul data-testid="evidence">
        {detection.evidence.map((e) => (
          <li key={e.kind + e.message} title={e.message}>
            <strong>{t(`evidence.${e.kind}`)}</strong>
            {e.hosts.length ? `: ${e.hosts.join(', ')}` : ''}
          </li>
        ))}
      </ul>
      {ca?.fingerprint256 && (
        <button type="button" className="primary" onClick={onNext}>
          {t('common.next', { step: t('nav.export') })}
        </button>
      )}
    </section>
  );
}
