import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../../shared/api/results';
import type { TargetReport } from '../../../shared/detection';
import { ErrorNote } from '../components/ErrorNote';
import { InlineCode } from '../components/InlineCode';
import { SiteReason } from '../components/SiteReason';
import { StatusBadge } from '../components/StatusBadge';
import { plannedTargets, probeInput, targetKey, type FlowState, type ProbeSettings, type TriedStep, type UpdateFlow } from '../flow';
import { detectOp, LIMITS } from '../operations';
import { useOperation } from '../useOperation';

interface Props {
  environment: EnvironmentInfo | null;
  flow: FlowState;
  rows: Record<string, TargetReport>;
  resetRows: () => void;
  update: UpdateFlow;
  note: (tried: TriedStep) => void;
  onDone: () => void;
}

const FIELDS = [
  'targets',
  'proxy',
  'proxyUser',
  'proxyPassword',
  'connectTo',
  'publicRootsFile',
  'trustStorePath',
] as const satisfies readonly (keyof ProbeSettings)[];

export function CheckStep({ environment, flow, rows, resetRows, update, note, onDone }: Props) {
  const { t } = useTranslation();
  const detect = useOperation(detectOp, LIMITS.detectMs);
  const settings = flow.settings;
  const planned = plannedTargets(settings.targets, environment?.defaultTargets ?? []);
  // After a reload the live rows are gone; the last detection still knows every site.
  const known: Record<string, TargetReport> = {
    ...Object.fromEntries((flow.detection?.targets ?? []).map((x) => [targetKey(x), x])),
    ...rows,
  };
  const done = planned.keys.filter((key) => known[key]).length;

  const start = async () => {
    resetRows();
    const again = flow.detection !== null;
    const detection = await detect.run(probeInput(settings));
    if (!detection) return;
    update({ detection, exported: null });
    // For the report for IT: what was tried, never the values typed.
    if (again) note('check-again');
    if (settings.proxy.trim()) note('proxy-typed');
    if (settings.proxyUser.trim()) note('proxy-sign-in');
    onDone();
  };
  const field = (key: (typeof FIELDS)[number]) => {
    const id = `setting-${key}`;
    const props = {
      id,
      value: settings[key],
      onChange: (e: { target: { value: string } }) =>
        // Typing the password again answers the reload's request for it.
        update({ settings: { ...settings, [key]: e.target.value }, ...(key === 'proxyPassword' ? { passwordDropped: false } : {}) }),
    };

    return (
      <div className="field" key={key}>
        <label htmlFor={id}>{t(`check.${key}`)}</label>
        {key === 'connectTo' ? (
          <textarea rows={3} {...props} />
        ) : key === 'proxyPassword' ? (
          // Held in the page's memory only: never in storage, the report or the saved JSON; no browser password manager.
          <input type="password" autoComplete="off" {...props} />
        ) : (
          <input type="text" autoComplete={key === 'proxyUser' ? 'off' : undefined} {...props} />
        )}
      </div>
    );
  };

  return (
    <section>
      <h2 id="step-title">{t('check.title')}</h2>
      <p className="symptom" data-testid="symptom">
        <InlineCode text={t('check.symptom')} />
      </p>
      <p>{t('check.intro')}</p>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          onClick={() => void start()}
          disabled={detect.busy || !!planned.error}
          data-testid="start-check"
        >
          {detect.busy ? t('common.working') : flow.detection ? t('check.again') : t('check.start')}
        </button>
        {detect.busy && (
          <button type="button" onClick={detect.cancel} data-testid="cancel-check">
            {t('common.cancel')}
          </button>
        )}
      </div>
      {flow.passwordDropped === true && !settings.proxyPassword && (
        <p className="note warning" role="status" data-testid="password-again">
          {t('check.passwordAgain')}
        </p>
      )}
      <details className="advanced">
        <summary>{t('check.advanced')}</summary>
        {FIELDS.map(field)}
        {planned.error && (
          <p className="error" role="alert">
            {t('check.badTargets', { item: planned.error })}
          </p>
        )}
      </details>
      <ErrorNote error={detect.error} />
      {detect.cancelled && (
        <p role="status" data-testid="cancelled">
          {t('common.cancelled')}
        </p>
      )}
      {(detect.busy || done > 0) && (
        <>
          <label className="progress">
            {t('check.progress', { done, total: planned.keys.length })}
            <progress max={planned.keys.length} value={done} aria-label={t('check.progressLabel')} />
          </label>
          <table className="rows" aria-live="polite">
            <thead>
              <tr>
                <th scope="col">{t('check.site')}</th>
                <th scope="col">{t('check.state')}</th>
                <th scope="col">{t('check.issuer')}</th>
                <th scope="col" className="num-col">
                  {t('check.time')}
                </th>
              </tr>
            </thead>
            <tbody>
              {planned.keys.map((key) => {
                const row = known[key];
                return (
                  <tr key={key} data-testid="check-row" data-status={row?.status ?? 'pending'}>
                    <td translate="no">{key}</td>
                    <td>
                      {row ? <StatusBadge status={row.status} /> : <span className="spinner" role="img" aria-label={t('check.pending')} />}
                    </td>
                    <td>{row ? row.error ? <SiteReason error={row.error} /> : <span translate="no">{row.chain[0]?.issuer}</span> : ''}</td>
                    <td className="num-col">{row ? `${row.timings.totalMs}\u00a0ms` : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
