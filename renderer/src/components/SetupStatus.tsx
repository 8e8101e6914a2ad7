import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatusReport } from '../../../shared/status';
import { api } from '../api';
import { probeInput, type ProbeSettings } from '../flow';
import { ErrorNote } from './ErrorNote';
import { useOperation } from '../useOperation';
import { LIMITS } from '../operations';

const statusOp = (input: ReturnType<typeof probeInput>) => api.status(input);
const refreshOp = (input: { detectionId: string }) => api.refreshExport(input);

/**
 * What `ca-bridge status` says, shown as the page opens (docs/status.md): healthy, or "the CA changed —
 * refresh" as one button that runs export --refresh from the very detection status made. Nothing is
 * shown while no export or setting exists and the network is not inspected (a first start).
 * `reachedHere`: a check on this page has since reached sites, so "no site could be reached" (said of the
 * status run as the page opened, often before the user gave the proxy) is no longer true and is dropped.
 */
export function SetupStatus({ settings, reachedHere }: { settings: ProbeSettings; reachedHere: boolean }) {
  const { t } = useTranslation();
  const status = useOperation(statusOp, LIMITS.detectMs);
  const refresh = useOperation(refreshOp, LIMITS.refreshMs);
  const [refreshed, setRefreshed] = useState(false);
  // Once, as the page opens, with the settings it opens with (saved, or the front door's presets).
  useEffect(() => void status.run(probeInput(settings)), []);

  const report: StatusReport | null = status.result;
  const changed = report?.findings.find((f) => f.problem === 'ca-changed');
  const doRefresh = async () => {
    if (!report?.detectionId) return;
    const done = await refresh.run({ detectionId: report.detectionId });
    if (!done) return;
    setRefreshed(true);
    await status.run(probeInput(settings));
  };
  if (status.busy && !refreshed)
    return (
      <p className="note" role="status" data-testid="setup-status" data-state="checking">
        {t('setupStatus.checking')}
      </p>
    );
  if (!report) return null;
  if (report.code === 0 && report.configuredChecked === 0) return null;
  const notChecked = Boolean(report.network && !report.network.checked) && !reachedHere;
  if (report.code !== 0 && report.problems.length === 0 && !notChecked && !changed) return null;
  return (
    <section className="setup-status" role="status" data-testid="setup-status" data-code={report.code} aria-live="polite">
      {report.code === 0 ? (
        <p data-testid="setup-healthy">
          {refreshed ? `${t('setupStatus.refreshed')} ` : ''}
          {t('setupStatus.healthy')}
        </p>
      ) : (
        <ul>
          {report.problems.map((p) => (
            <li key={p}>{t(`setupStatus.problem.${p}`)}</li>
          ))}
          {notChecked && <li data-testid="setup-not-checked">{t('setupStatus.notChecked')}</li>}
        </ul>
      )}
      {changed && changed.problem === 'ca-changed' && (
        <>
          <p>
            {t('setupStatus.changedNote', {
              subject: changed.current[0]?.subject ?? '',
              fingerprint: changed.current[0]?.fingerprint256 ?? '?',
            })}
          </p>
          <button type="button" className="primary" data-testid="refresh-export" disabled={refresh.busy} onClick={() => void doRefresh()}>
            {refresh.busy ? t('setupStatus.refreshing') : t('setupStatus.changed')}
          </button>
        </>
      )}
      <ErrorNote error={refresh.error} />
    </section>
  );
}
