import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { compareFingerprint } from '../fingerprint-compare';
import { Fingerprint } from './Fingerprint';
import { FingerprintCheck } from './FingerprintCheck';

interface Props {
  fingerprint: string;
  /** What the user pasted on Result (or here): compared again, and shown so they need not paste it twice. */
  pasted: string;
  onPaste: (value: string) => void;
  onAccept: () => void;
  onClose: () => void;
}

/** The page behind a modal <dialog> is inert, but Tab from its last control would still reach the browser's own UI: wrap it. */
function keepTabInside(e: KeyboardEvent<HTMLDialogElement>) {
  if (e.key !== 'Tab') return;
  const controls = [...e.currentTarget.querySelectorAll<HTMLElement>('input, button, [tabindex="-1"]')].filter(
    (el) => !(el as HTMLButtonElement).disabled,
  );
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * "Export anyway?" for a root only the proxy vouches for, as a real modal: the native <dialog> opened
 * with showModal() makes the page behind it inert, keeps Tab inside, and closes on Escape.
 */
export function UntrustedDialog({ fingerprint, pasted, onPaste, onAccept, onClose }: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const verdict = compareFingerprint(pasted, fingerprint);
  const [compared, setCompared] = useState(verdict === 'match');
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (!el.open) el.showModal();
    heading.current?.focus();
    return () => el.close();
  }, []);
  // A pasted fingerprint that differs from the proxy's forbids the export, whatever the box says.
  const allowed = compared && verdict !== 'mismatch';
  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby="untrusted-title"
      aria-describedby="untrusted-body"
      className="confirm"
      data-testid="untrusted-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={keepTabInside}
    >
      <h3 id="untrusted-title" tabIndex={-1} ref={heading}>
        {t('export.untrustedTitle')}
      </h3>
      <p id="untrusted-body">{t('export.untrustedBody')}</p>
      <p>
        <strong>{t('result.fingerprint')}</strong>
        <br />
        <Fingerprint value={fingerprint} testId="untrusted-fingerprint" />
      </p>
      <FingerprintCheck id="dialog-fingerprint" actual={fingerprint} value={pasted} onChange={onPaste} />
      <label className="check">
        <input type="checkbox" checked={compared} onChange={(e) => setCompared(e.target.checked)} data-testid="untrusted-compared" />{' '}
        {t('export.untrustedConfirm')}
      </label>
      <div className="buttons">
        <button type="button" className="danger" disabled={!allowed} onClick={onAccept} data-testid="untrusted-accept">
          {t('export.untrustedAccept')}
        </button>
        <button type="button" onClick={onClose} data-testid="untrusted-cancel">
          {t('export.cancel')}
        </button>
      </div>
    </dialog>
  );
}
