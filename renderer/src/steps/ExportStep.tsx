import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../../shared/api/results';
import type { ErrorValue } from '../../../shared/result';
import { api } from '../api';
import type { FlowState } from '../App';
import { ErrorNote } from '../components/ErrorNote';

interface Props {
  environment: EnvironmentInfo | null;
  flow: FlowState;
  update: (patch: Partial<FlowState>) => void;
  onNext: () => void;
}

const separator = (home: string) => (home.includes('\\') ? '\\' : '/');

export function ExportStep({ environment, flow, update, onNext }: Props) {
  const { t } = useTranslation();
  const home = environment?.homeDir ?? '';
  const [dir, setDir] = useState(flow.exportDir ?? (home ? `${home}${separator(home)}ca-bridge` : ''));
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [compared, setCompared] = useState(false);
  const dialogHeading = useRef<HTMLHeadingElement>(null);
  const ca = flow.detection?.inspectionCa;

  const run = async (confirmUntrustedFingerprint?: string) => {
    setBusy(true);
    setError(null);
    const result = await api.exportCa({
      outDir: dir,
      force,
      detectionId: flow.detection?.id,
      ...(confirmUntrustedFingerprint ? { confirmUntrustedFingerprint } : {}),
    });
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setError(result.error);
    update({ exportDir: dir, exported: result.value });
  };
  const start = () => {
    if (ca?.source === 'presented-chain') {
      setCompared(false);
      setConfirming(true);
      setTimeout(() => dialogHeading.current?.focus(), 0);
    } else void run();
  };
  const choose = async () => {
    const picked = await api.chooseFolder({ title: t('export.folder') });
    if (picked.ok && picked.value.path) setDir(picked.value.path);
  };

  if (!flow.detection)
    return (
      <section>
        <h2 id="step-title">{t('export.title')}</h2>
        <p>{t('export.needCheck')}</p>
      </section>
    );
  const out = flow.exported;
  return (
    <section>
      <h2 id="step-title">{t('export.title')}</h2>
      <p>{t('export.intro')}</p>
      <div className="field inline">
        <label htmlFor="export-dir">{t('export.folder')}</label>
        <input id="export-dir" type="text" value={dir} onChange={(e) => setDir(e.target.value)} data-testid="export-dir" />
        {environment?.nativeDialogs && (
          <button type="button" onClick={() => void choose()}>
            {t('export.choose')}
          </button>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> {t('export.force')}
      </label>
      <button type="button" className="primary" disabled={busy || !dir} onClick={start} data-testid="run-export">
        {busy ? t('common.working') : t('export.run')}
      </button>
      {confirming && ca?.fingerprint256 && (
        <div
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="untrusted-title"
          aria-describedby="untrusted-body"
          className="confirm"
          data-testid="untrusted-dialog"
        >
          <h3 id="untrusted-title" tabIndex={-1} ref={dialogHeading}>
            {t('export.untrustedTitle')}
          </h3>
          <p id="untrusted-body">{t('export.untrustedBody')}</p>
          <p>
            <strong>{t('result.fingerprint')}</strong>
            <br />
            <code className="fingerprint" data-testid="untrusted-fingerprint">
              {ca.fingerprint256}
            </code>
          </p>
          <label className="check">
            <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} data-testid="untrusted-compared" />{' '}
            {t('export.untrustedConfirm')}
          </label>
          <div className="buttons">
            <button
              type="button"
              className="danger"
              disabled={!compared}
              onClick={() => void run(ca.fingerprint256!)}
              data-testid="untrusted-accept"
            >
              {t('export.untrustedAccept')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('export.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorNote error={error} />
      {out && (
        <section className="card" aria-labelledby="written-title" data-testid="export-result">
          <h3 id="written-title">{t('export.written')}</h3>
          <ul className="files">
            <li>
              <code>{out.files.caPem}</code> — {t('export.caPem')}
            </li>
            <li>
              <code>{out.files.caDer}</code> — {t('export.caDer')}
            </li>
            <li>
              <code>{out.files.bundle}</code> — {t('export.bundle')}
            </li>
          </ul>
          {environment?.nativeDialogs && (
            <button type="button" onClick={() => void api.showInFolder({ path: out.files.caPem })}>
              {t('common.show')}
            </button>
          )}
          {out.backups.length > 0 && (
            <>
              <h4>{t('export.backups')}</h4>
              <ul>
                {out.backups.map((b) => (
                  <li key={b}>
                    <code>{b}</code>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h4>{t('export.lint')}</h4>
          {out.lint.length === 0 ? (
            <p>{t('export.lintNone')}</p>
          ) : (
            <ul>
              {out.lint.map((l) => (
                <li key={l.code}>
                  <strong>{t(`severity.${l.severity}`)}</strong>: {l.message} — {l.affects}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="primary" onClick={onNext}>
            {t('common.next', { step: t('nav.configure') })}
          </button>
        </section>
      )}
    </section>
  );
}
