import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UndoReport } from '../../../shared/api/results';
import type { ErrorValue } from '../../../shared/result';
import { api } from '../api';
import { Cause } from './Cause';
import { ErrorNote } from './ErrorNote';

interface Props {
  /** The ledger entries of one run: Undo reverts exactly these (undoChanges with `entries`). */
  entries: string[];
  undone: UndoReport[] | null;
  label: string;
  onUndone: (undone: UndoReport[]) => void | Promise<unknown>;
}

/**
 * One run's Undo and, once done, what it did entry by entry: put back, left because the user changed the
 * file since (both kept), or failed with its cause; and any insecure setting it switches back on.
 */
export function UndoRun({ entries, undone, label, onUndone }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const undo = async () => {
    setBusy(true);
    setError(null);
    const r = await api.undoChanges({ entries });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    await onUndone(r.value.undone);
  };
  return (
    <>
      {entries.length > 0 && !undone && (
        <button type="button" onClick={() => void undo()} disabled={busy} data-testid="undo-run">
          {busy ? t('setup.undoing') : label}
        </button>
      )}
      <ErrorNote error={error} />
      {undone && (
        <div role="status" data-testid="undo-results">
          <h4>{t('setup.undoneTitle')}</h4>
          <ul className="ledger-results">
            {undone.map((u, i) => (
              <li key={i} data-outcome={u.outcome} data-tool={u.tool}>
                <strong translate="no">{u.tool}</strong> <span translate="no">{u.where}</span>: {t(`setup.undone.${u.outcome}`)}
                {u.keptBefore && <div>{t('setup.keptBefore', { file: u.keptBefore })}</div>}
                {u.error && <Cause detail={u.error} />}
                {u.reenables && <div className="warn-text">{t('setup.reenables', { setting: u.reenables })}</div>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
