import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnippetsOutcome, ToolApplyReport } from '../../../shared/api/results';
import { isStoreId } from '../../../shared/i18n/store-ids';
import type { ErrorValue } from '../../../shared/result';
import { api } from '../api';
import { appliedState, defaultChoice, entriesOf, planState, type LedgerRun } from '../ledger-run';
import { applyToolsOp, LIMITS } from '../operations';
import { useOperation } from '../useOperation';
import { Cause } from './Cause';
import { DiffView } from './DiffView';
import { ErrorNote } from './ErrorNote';
import { UndoRun } from './UndoRun';

interface Props {
  exportDir: string;
  /** The CAs the user exported in this flow: the engine refuses to write an export folder that holds another one since. */
  expectFingerprints: string[];
  /** The system stores of this computer that need administrator rights: shown, never included (the user runs them). */
  adminStores: SnippetsOutcome['systemStores'];
  run: LedgerRun<ToolApplyReport> | null;
  onRun: (run: LedgerRun<ToolApplyReport> | null) => void;
}

/**
 * "Set these up for me": what `ca-bridge apply --tools installed` does, previewed first. The preview is
 * the engine's own dry run of the same operation (its diff per file, which rows run a tool's program);
 * the page re-computes nothing. One button applies the chosen rows through the ledger, and Undo reverts
 * exactly the entries that run recorded.
 */
export function SetupForMe({ exportDir, expectFingerprints, adminStores, run, onRun }: Props) {
  const { t } = useTranslation();
  const plan = useOperation(applyToolsOp, LIMITS.applyMs);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const expect = expectFingerprints.length ? { expectFingerprints } : {};

  const preview = async () => {
    setError(null);
    const planned = await plan.run({ dir: exportDir, tools: ['installed'], dryRun: true, ...expect });
    if (planned) setChosen(defaultChoice(planned.tools));
  };
  const apply = async () => {
    setBusy(true);
    setError(null);
    const r = await api.applyTools({ dir: exportDir, tools: chosen, ...expect });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    plan.reset();
    onRun({ rows: r.value.tools, undone: null });
  };
  const toggle = (tool: string, on: boolean) =>
    setChosen((c) => (on ? [...c.filter((x) => x !== tool), tool] : c.filter((x) => x !== tool)));

  const planRow = (row: ToolApplyReport) => {
    const state = planState(row);
    return (
      <li key={row.tool} className={`setup-row setup-${state}`} data-testid={`plan-${row.tool}`} data-state={state}>
        <label>
          <input
            type="checkbox"
            checked={chosen.includes(row.tool)}
            disabled={state !== 'change'}
            onChange={(e) => toggle(row.tool, e.target.checked)}
            aria-label={t('setup.include', { tool: row.tool })}
          />{' '}
          <strong translate="no">{row.tool}</strong>
        </label>
        {state === 'change' && (
          <p>
            {t('setup.change')}{' '}
            <span translate="no" className="file-path">
              {row.where}
            </span>
          </p>
        )}
        {state === 'unchanged' && <p>{t('setup.unchanged', { where: row.where })}</p>}
        {state === 'cannot' && (
          <>
            <p>{t('setup.cannot')}</p>
            <Cause detail={row.error!} />
          </>
        )}
        {row.runs && state === 'change' && (
          <p className="runs" data-testid="runs">
            {t('setup.runs', { program: row.runs })}
          </p>
        )}
        {state === 'change' && <DiffView diff={row.diff} />}
      </li>
    );
  };

  const planned = plan.result?.tools ?? null;
  return (
    <section className="card setup-for-me" aria-labelledby="setup-title" data-testid="setup-for-me">
      <h3 id="setup-title">{t('setup.title')}</h3>
      <p>{t('setup.intro')}</p>
      <div className="buttons">
        <button type="button" onClick={() => void preview()} disabled={plan.busy || busy} data-testid="setup-preview">
          {plan.busy ? t('setup.previewing') : t('setup.preview')}
        </button>
      </div>
      <ErrorNote error={plan.error ?? error} />
      {planned && (
        <div data-testid="setup-plan">
          <h4>{t('setup.planTitle')}</h4>
          {planned.every((r) => planState(r) !== 'change') && <p data-testid="setup-nothing">{t('setup.nothing')}</p>}
          <ul className="setup-rows">
            {planned.map(planRow)}
            {adminStores.length > 0 && (
              <li className="setup-row setup-admin" data-testid="plan-admin" data-state="admin">
                <strong>
                  {t('setup.adminTitle')} {/* Each store by its name alone, as the store cards below show them. */}
                  {adminStores.map((s) => (
                    <span key={s.id} className="store-name">
                      {isStoreId(s.id) ? t(`store.${s.id}`) : <span translate="no">{s.name}</span>}
                    </span>
                  ))}
                </strong>{' '}
                <span className="badge badge-fail">{t('configure.admin')}</span>
                <p>{t('setup.admin')}</p>
              </li>
            )}
          </ul>
          <button
            type="button"
            className="primary"
            disabled={chosen.length === 0 || busy}
            onClick={() => void apply()}
            data-testid="setup-apply"
          >
            {busy ? t('setup.applying') : t('setup.apply', { count: chosen.length })}
          </button>
        </div>
      )}
      {run && (
        <div role="status" data-testid="setup-result">
          <h4>{t('setup.resultTitle')}</h4>
          <ul className="ledger-results">
            {run.rows.map((row) => {
              const state = appliedState(row);
              return (
                <li key={row.tool} data-tool={row.tool} data-outcome={state}>
                  <strong translate="no">{row.tool}</strong>{' '}
                  {state === 'failed' ? (
                    <>
                      {t('setup.failed')}
                      <Cause detail={row.error!} />
                    </>
                  ) : (
                    t(state === 'applied' ? 'setup.applied' : 'setup.alreadySet', { where: row.where })
                  )}
                </li>
              );
            })}
          </ul>
          <UndoRun
            entries={entriesOf(run.rows)}
            undone={run.undone}
            label={t('setup.undo')}
            onUndone={(undone) => onRun({ ...run, undone })}
          />
        </div>
      )}
    </section>
  );
}
