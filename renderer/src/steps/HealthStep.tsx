import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoctorFinding, EnvironmentInfo } from '../../../shared/api/results';
import type { ErrorValue } from '../../../shared/result';
import { settingPlace } from '../../../shared/settings';
import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { UndoRun } from '../components/UndoRun';
import type { FlowState, UpdateFlow } from '../flow';
import { entriesOf, fixesDone, isProofUrl, proofUrl } from '../ledger-run';
import { doctorOp, LIMITS } from '../operations';
import { useOperation } from '../useOperation';

interface Props {
  environment: EnvironmentInfo | null;
  flow: FlowState;
  update: UpdateFlow;
}

/** Findings Fix can act on: lines that switch verification off, and (with an export) stale CA settings in a file. */
const fixable = (f: DoctorFinding, exportDir: string | null) =>
  f.kind === 'verification-off' || (exportDir !== null && f.kind.startsWith('ca-file-') && f.source?.kind === 'file');

/**
 * Health: `ca-bridge doctor` in the page. The scan is read-only and runs as the step opens; "Fix" runs the
 * doctor's own fix (each removal proven with the real tool, through the ledger) and Undo reverts exactly
 * the entries that fix recorded. The project folder scanned is the user's home (the page has no other).
 */
export function HealthStep({ environment, flow, update }: Props) {
  const { t } = useTranslation();
  const scan = useOperation(doctorOp, LIMITS.doctorMs);
  const [url, setUrl] = useState(() => proofUrl(flow.detection));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const cwd = environment?.homeDir ? { cwd: environment.homeDir } : {};
  const rescan = () => scan.run({ ...cwd });
  useEffect(() => void rescan(), []);

  const run = flow.healthFix ?? null;
  const fix = async () => {
    setBusy(true);
    setError(null);
    const r = await api.doctor({ ...cwd, fix: true, url: url.trim(), ...(flow.exportDir ? { dir: flow.exportDir } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    update({ healthFix: { rows: r.value.fixed, undone: null } });
    await rescan();
  };
  const findings = scan.result?.findings ?? [];
  const where = (f: DoctorFinding) =>
    !f.source ? t('health.notSet') : f.source.kind === 'env' ? t('health.variable', { name: f.source.name }) : settingPlace(f.source);
  const canFix = findings.some((f) => fixable(f, flow.exportDir));
  const urlOk = isProofUrl(url.trim());
  return (
    <section>
      <h2 id="step-title">{t('health.title')}</h2>
      <p>{t('health.intro')}</p>
      <div className="buttons">
        <button type="button" onClick={() => void rescan()} disabled={scan.busy || busy} data-testid="health-scan">
          {scan.busy ? t('health.scanning') : t('health.scan')}
        </button>
      </div>
      <ErrorNote error={scan.error ?? error} />
      {scan.result && (
        <div role="status" aria-live="polite" data-testid="health-findings" data-count={findings.length}>
          {findings.length === 0 ? (
            <p data-testid="health-nothing">{t('health.nothing')}</p>
          ) : (
            <p>{t('health.count', { count: findings.length })}</p>
          )}
        </div>
      )}
      {findings.length > 0 && (
        <ul className="findings-list">
          {findings.map((f, i) => (
            <li key={i} className={`health-finding severity-${f.severity}`} data-testid="health-finding" data-kind={f.kind}>
              <h3 className="finding-title">
                <span className={`badge badge-severity-${f.severity}`}>{t(`health.severity.${f.severity}`)}</span>{' '}
                <span translate="no">{f.tools.join(', ')}</span>
                {f.setting && (
                  <>
                    {': '}
                    <code>
                      {f.setting}
                      {f.value ? ` = ${f.value}` : ''}
                    </code>
                  </>
                )}
              </h3>
              <dl>
                <dt>{t('health.columns.where')}</dt>
                <dd data-testid="finding-where">
                  {f.source?.kind === 'file' ? (
                    <span translate="no" className="file-path">
                      {where(f)}
                    </span>
                  ) : (
                    where(f)
                  )}
                </dd>
                <dt>{t('health.columns.meaning')}</dt>
                <dd>{t(`health.meaning.${f.kind}`)}</dd>
                <dt>{t('health.columns.fix')}</dt>
                <dd>{t(`health.fix.${f.kind}`)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      {(scan.result?.unread ?? []).map((u) => (
        <p key={u.file} className="note">
          {t('health.notRead', { file: u.file, problem: u.problem })}
        </p>
      ))}
      {canFix && (
        <section className="card" aria-labelledby="fix-title" data-testid="health-fix">
          <h3 id="fix-title">{t('health.fixTitle')}</h3>
          <p>{t('health.fixIntro')}</p>
          <label htmlFor="fix-url">{t('health.fixUrl')}</label>
          <input
            id="fix-url"
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            aria-invalid={!urlOk}
            aria-describedby={urlOk ? undefined : 'fix-url-bad'}
            translate="no"
          />
          {!urlOk && (
            <p id="fix-url-bad" className="note">
              {t('health.fixUrlBad')}
            </p>
          )}
          <div className="buttons">
            <button
              type="button"
              className="primary"
              disabled={!urlOk || busy || scan.busy}
              onClick={() => void fix()}
              data-testid="health-fix-run"
            >
              {busy ? t('health.fixing') : t('health.fixButton')}
            </button>
          </div>
        </section>
      )}
      {run && (
        <div role="status" data-testid="health-fixed">
          <h3>{t('health.fixedTitle')}</h3>
          <ul className="ledger-results">
            {run.rows.map((r, i) => (
              <li key={i} data-outcome={r.outcome} data-tool={r.tool}>
                <strong translate="no">{r.tool}</strong> <code>{r.setting}</code>{' '}
                {r.source && (
                  <span translate="no" className="file-path">
                    {settingPlace(r.source)}
                  </span>
                )}
                : {t(`health.fixed.${r.outcome}`)}
              </li>
            ))}
          </ul>
          <UndoRun
            entries={entriesOf(fixesDone(run.rows))}
            undone={run.undone}
            label={t('health.undo')}
            onUndone={(undone) => {
              update({ healthFix: { ...run, undone } });
              return rescan();
            }}
          />
        </div>
      )}
    </section>
  );
}
