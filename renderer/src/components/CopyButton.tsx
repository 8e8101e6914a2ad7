import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Copies text and says so in a live region, so screen-reader users hear it too. "Copied" is reset
 * whenever the text changes (another shell's tab), so it never vouches for what is not on the clipboard.
 */
export function CopyButton({
  text,
  label,
  buttonText,
  copiedText,
}: {
  text: string;
  label: string;
  buttonText?: string;
  copiedText?: string;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => setState('idle'), [text]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <span className="copy">
      <button type="button" onClick={() => void copy()} aria-label={buttonText ? undefined : `${t('common.copy')}: ${label}`}>
        {buttonText ?? t('common.copy')}
      </button>
      <span role="status" className="copy-status">
        {state === 'copied' ? (copiedText ?? t('common.copied')) : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  );
}
