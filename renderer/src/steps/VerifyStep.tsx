import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyOutcome } from '../../../shared/api/results';
import type { ErrorValue } from '../../../shared/result';
import { api } from '../api';
import type { FlowState } from '../App';
import { ErrorNote } from '../components/ErrorNote';
import { StatusBadge } from '../components/StatusBadge';
import { probeInput } from './CheckStep';

export function VerifyStep({ flow }: { flow: FlowState }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyOutcome | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const r = await api.verify({ dir: flow.exportDir!, ...probeInput(flow.settings) });
    setBusy(false);
    if (r.ok) setResult(r.value);
    else setError(r.error);
  };
  if (!flow.exportDir)
    return (
      <section>
        <h2 id="step-title">{t('verify.title')}</h2>
        <p>{t('verify.needExport')}</p>
      </section>
    );
  const failed = result && [...result.targets.flatMap((x) => [x.extraCa, x.bundle]), ...result.tools.map((x) => x.result)].includes('fail');
  return (
    <section>
      <h2 id="step-title">{t('verify.title')}</h2>
      <p>{t('verify.intro')}</p>
      <button type="button" className="primary" onClick={() => void run()} disabled={busy} data-testid="run-verify">
        {busy ? t('common.working') : t('verify.run')}
      </button>
      <ErrorNote error={error} />
      {result && (
        <>
          <p role="status" className={failed ? 'verdict verdict-inspected' : 'verdict verdict-clean'} data-testid="verify-summary">
            {t(failed ? 'verify.someFailed' : 'verify.allPassed')}
          </p>
          <table data-testid="verify-sites">
            <caption>{t('verify.sites')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('result.site')}</th>
                <th scope="col">{t('verify.extra')}</th>
                <th scope="col">{t('verify.bundle')}</th>
              </tr>
            </thead>
            <tbody>
              {result.targets.map((x) => (
                <tr key={`${x.host}:${x.port}`}>
                  <th scope="row">{x.host}</th>
                  <td>
                    <StatusBadge status={x.extraCa} />
                  </td>
                  <td>
                    <StatusBadge status={x.bundle} />
                    {x.error ? <small> {x.error}</small> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table data-testid="verify-tools">
            <caption>{t('verify.tools')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('verify.tool')}</th>
                <th scope="col">{t('verify.setting')}</th>
                <th scope="col">{t('verify.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {result.tools.map((x) => (
                <tr key={x.name} data-tool={x.name} data-result={x.result}>
                  <th scope="row">{x.name}</th>
                  <td>
                    <code>{x.setting}</code>
                  </td>
                  <td>
                    <StatusBadge status={x.result} />
                    {x.error ? <small> {x.error}</small> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
