import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../../shared/api/results';
import type { TargetReport } from '../../../shared/detection';
import type { ErrorValue } from '../../../shared/result';
import { api } from '../api';
import type { FlowState } from '../App';
import { ErrorNote } from '../components/ErrorNote';
import { StatusBadge } from '../components/StatusBadge';

export interface ProbeSettings {
  targets: string;
  proxy: string;
  connectTo: string;
  publicRootsFile: string;
  trustStorePath: string;
}

/** Settings as contract input: empty fields mean "the default". */
export function probeInput(s: ProbeSettings) {
  const connectTo = s.connectTo
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    ...(s.targets.trim() ? { targets: s.targets.trim() } : {}),
    ...(s.proxy.trim() ? { proxy: s.proxy.trim() } : {}),
    ...(connectTo.length ? { connectTo } : {}),
    ...(s.publicRootsFile.trim() ? { publicRootsFile: s.publicRootsFile.trim() } : {}),
    ...(s.trustStorePath.trim() ? { trustStorePath: s.trustStorePath.trim() } : {}),
  };
}

interface Props {
  environment: EnvironmentInfo | null;
  flow: FlowState;
  rows: Record<string, TargetReport>;
  resetRows: () => void;
  update: (patch: Partial<FlowState>) => void;
  onDone: () => void;
}

export function CheckStep({ environment, flow, rows, resetRows, update, onDone }: Props) {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const settings = flow.settings;
  const planned = settings.targets.trim()
    ? settings.targets
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (s.includes(':') ? s : `${s}:443`))
    : (environment?.defaultTargets ?? []).map((d) => `${d.host}:${d.port}`);
  const done = planned.filter((key) => rows[key]).length;

  const start = async () => {
    setRunning(true);
    setError(null);
    resetRows();
    const result = await api.detect(probeInput(settings));
    setRunning(false);
    if (!result.ok) return setError(result.error);
    update({ detection: result.value });
    onDone();
  };
  const field = (key: keyof ProbeSettings, multiline = false) => {
    const props = {
      id: `setting-${key}`,
      value: settings[key],
      onChange: (e: { target: { value: string } }) => update({ settings: { ...settings, [key]: e.target.value } }),
    };
    return (
      <div className="field">
        <label htmlFor={props.id}>{t(`check.${key}`)}</label>
        {multiline ? <textarea rows={3} {...props} /> : <input type="text" {...props} />}
      </div>
    );
  };

  return (
    <section>
      <h2 id="step-title">{t('check.title')}</h2>
      <p>{t('check.intro')}</p>
      <button type="button" className="primary" onClick={() => void start()} disabled={running} data-testid="start-check">
        {running ? t('common.working') : flow.detection ? t('check.again') : t('check.start')}
      </button>
      <details className="advanced">
        <summary>{t('check.advanced')}</summary>
        {field('targets')}
        {field('proxy')}
        {field('connectTo', true)}
        {field('publicRootsFile')}
        {field('trustStorePath')}
      </details>
      <ErrorNote error={error} />
      {(running || done > 0) && (
        <>
          <label className="progress">
            {t('check.progress', { done, total: planned.length })}
            <progress max={planned.length} value={done} aria-label={t('check.progressLabel')} />
          </label>
          <table className="rows" aria-live="polite">
            <thead>
              <tr>
                <th scope="col">{t('check.site')}</th>
                <th scope="col">{t('check.state')}</th>
                <th scope="col">{t('check.issuer')}</th>
                <th scope="col">{t('check.time')}</th>
              </tr>
            </thead>
            <tbody>
              {planned.map((key) => {
                const row = rows[key];
                return (
                  <tr key={key} data-testid="check-row" data-status={row?.status ?? 'pending'}>
                    <td>{key}</td>
                    <td>
                      {row ? <StatusBadge status={row.status} /> : <span className="spinner" role="img" aria-label={t('status.pending')} />}
                    </td>
                    <td>{row ? (row.error ? row.error.message : row.chain[0]?.issuer) : ''}</td>
                    <td>{row ? `${row.timings.totalMs} ms` : ''}</td>
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
