import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../../shared/api/results';
import { api } from '../api';
import { ErrorNote } from '../components/ErrorNote';
import { Fingerprint } from '../components/Fingerprint';
import { UntrustedDialog } from '../components/UntrustedDialog';
import { exportableCa, type FlowState, type TriedStep, type UpdateFlow } from '../flow';
import { exportOp, LIMITS } from '../operations';
import { useOperation } from '../useOperation';

interface Props {
  environment: EnvironmentInfo | null;
  flow: FlowState;
  update: UpdateFlow;
  note: (tried: TriedStep) => void;
  onNext: () => void;
  onCheck: () => void;
  onExplain: () => void;
}

/** Why the check gave nothing to export, and the way on: the file from IT, checking again, or explaining an error. */
function NothingFound({
  kind,
  onCheck,
  onExplain,
}: {
  kind: 'clean' | 'inconclusive' | 'notFound';
  onCheck: () => void;
  onExplain: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="card" data-testid="export-none" data-kind={kind}>
      <p>{t(`exportNone.${kind}`)}</p>
      <div className="buttons">
        {kind === 'clean' && (
          <button type="button" onClick={onExplain} data-testid="export-explain">
            {t('clean.explain')}
          </button>
        )}
        {kind === 'inconclusive' && (
          <button type="button" onClick={onCheck} data-testid="export-check">
            {t('exportNone.check')}
          </button>
        )}
      </div>
    </div>
  );
}

const separator = (home: string) => (home.includes('\\') ? '\\' : '/');
const isAbsolute = (dir: string) => dir.startsWith('/') || dir.startsWith('\\\\') || /^[A-Za-z]:[\\/]/.test(dir) || dir.startsWith('~');

/** Where a typed folder lands: the engine puts a relative folder under the home folder, and the page says so first. */
export function resolvedFolder(dir: string, home: string): string | null {
  const trimmed = dir.trim();
  if (!trimmed || isAbsolute(trimmed) || !home) return null;
  return `${home}${separator(home)}${trimmed}`;
}

export function ExportStep({ environment, flow, update, note, onNext, onCheck, onExplain }: Props) {
  const { t } = useTranslation();
  const home = environment?.homeDir ?? '';
  const [dir, setDir] = useState(flow.exportDir ?? (home ? `${home}${separator(home)}ca-bridge` : ''));
  const [fromFile, setFromFile] = useState('');
  const [force, setForce] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Set when a run succeeds: focus goes to the result's heading, not to <body> when the busy button re-renders.
  const [justWritten, setJustWritten] = useState(false);
  const writtenHeading = useRef<HTMLHeadingElement>(null);
  const op = useOperation(exportOp, LIMITS.exportMs);
  const ca = flow.detection?.inspectionCa;
  const relative = resolvedFolder(dir, home);

  const run = async (confirmUntrustedFingerprint?: string) => {
    setConfirming(false);
    const target = relative ?? dir.trim();
    update({ exported: null });
    const outcome = await op.run({
      outDir: target,
      force,
      // The export names the check it comes from: the engine keeps no "last detection" behind the page's back.
      ...(flow.detection?.id ? { detectionId: flow.detection.id } : {}),
      ...(fromFile.trim() ? { fromFile: fromFile.trim() } : {}),
      ...(confirmUntrustedFingerprint ? { confirmUntrustedFingerprint } : {}),
    });
    if (outcome) {
      update({ exportDir: target, exported: outcome });
      note(fromFile.trim() ? 'export-it-file' : 'export');
      setJustWritten(true);
    }
  };
  useEffect(() => {
    if (justWritten && flow.exported && !op.busy) {
      writtenHeading.current?.focus();
      setJustWritten(false);
    }
  }, [justWritten, flow.exported, op.busy]);
  const start = () => {
    if (ca?.source === 'presented-chain' && !fromFile.trim()) setConfirming(true);
    else void run();
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
  // A failed or pending run hides the previous success: the card only ever describes the last run.
  const out = op.busy || op.error ? null : flow.exported;
  // Nothing found to export: only a file from IT can be exported, and the page says why and what else to do.
  const detection = flow.detection;
  const none = exportableCa(detection)
    ? null
    : detection.verdict === 'clean'
      ? 'clean'
      : detection.verdict === 'inconclusive'
        ? 'inconclusive'
        : 'notFound';
  const needFile = none !== null && !fromFile.trim();
  return (
    <section>
      <h2 id="step-title">{t('export.title')}</h2>
      {none ? <NothingFound kind={none} onCheck={onCheck} onExplain={onExplain} /> : <p>{t('export.intro')}</p>}
      <div className="field inline">
        <label htmlFor="export-dir">{t('export.folder')}</label>
        <input id="export-dir" type="text" value={dir} onChange={(e) => setDir(e.target.value)} data-testid="export-dir" />
        {environment?.nativeDialogs && (
          <button type="button" onClick={() => void choose()}>
            {t('export.choose')}
          </button>
        )}
      </div>
      {relative && (
        <p className="note" data-testid="relative-note">
          {t('export.relative', { dir: relative })}
        </p>
      )}
      <div className="field">
        <label htmlFor="from-file">{t('export.fromFile')}</label>
        <input
          id="from-file"
          type="text"
          value={fromFile}
          onChange={(e) => setFromFile(e.target.value)}
          data-testid="from-file"
          aria-describedby={none ? undefined : 'from-file-help'}
        />
        {/* "Empty: the CA the check found" is true only when it found one. */}
        {!none && <small id="from-file-help">{t('export.fromFileHelp')}</small>}
      </div>
      <label className="check">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> {t('export.force')}
      </label>
      <div className="buttons">
        <button
          type="button"
          className="primary"
          disabled={op.busy || !dir.trim() || needFile}
          onClick={start}
          data-testid="run-export"
          aria-describedby={needFile ? 'need-file' : undefined}
        >
          {op.busy ? t('common.working') : t('export.run')}
        </button>
        {op.busy && (
          <button type="button" onClick={op.cancel} data-testid="cancel-export">
            {t('common.cancel')}
          </button>
        )}
      </div>
      {needFile && (
        <p className="note" id="need-file" data-testid="need-file">
          {t('exportNone.needFile')}
        </p>
      )}
      {op.busy && (
        <p role="status" className="progress-note">
          <span className="spinner" aria-hidden="true" /> {t('export.progress')}
        </p>
      )}
      {op.cancelled && <p role="status">{t('common.cancelled')}</p>}
      {confirming && ca?.fingerprint256 && (
        <UntrustedDialog
          fingerprint={ca.fingerprint256}
          pasted={flow.itFingerprint ?? ''}
          onPaste={(v) => update({ itFingerprint: v })}
          onAccept={() => void run(ca.fingerprint256!)}
          onClose={() => setConfirming(false)}
        />
      )}
      <ErrorNote error={op.error} />
      {out && (
        <section className="card" aria-labelledby="written-title" data-testid="export-result">
          <h3 id="written-title" tabIndex={-1} ref={writtenHeading} data-testid="written-title">
            {t('export.written')}
          </h3>
          <button type="button" className="primary" onClick={onNext}>
            {t('common.next', { step: t('nav.configure') })}
          </button>
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
            {out.merged && (
              <li data-testid="merged-bundle">
                <code>{out.merged.file}</code> — {t('export.merged', { sources: out.merged.sources.join(', ') })}
              </li>
            )}
            {(out.otherCas ?? []).map((other) => (
              <li key={other.der} data-testid="other-ca-file">
                <code>{other.der}</code> — {t('export.otherCaDer')} (<span translate="no">{other.subject}</span>)
              </li>
            ))}
          </ul>
          {(out.notExported ?? []).map((skipped) => (
            <p
              key={skipped.fingerprint256 ?? skipped.subject}
              className="note warning"
              data-testid="not-exported"
              data-reason={skipped.reason}
            >
              {t(`export.notExported.${skipped.reason}`)} <span translate="no">{skipped.subject}</span>
              {skipped.fingerprint256 && (
                <>
                  {' '}
                  <Fingerprint value={skipped.fingerprint256} />
                </>
              )}
            </p>
          ))}
          <p>
            <strong>{t('result.fingerprint')}</strong>: <Fingerprint value={out.ca.fingerprint256} testId="exported-fingerprint" />
          </p>
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
            <ul data-testid="lint">
              {out.lint.map((l) => (
                <li key={l.code} data-code={l.code}>
                  <strong>
                    {t(`severity.${l.severity}`)}: {t(`lint.${l.code}.title`, l.params)}
                  </strong>{' '}
                  — {t(`lint.${l.code}.affects`)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}
