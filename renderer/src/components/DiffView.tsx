import { useTranslation } from 'react-i18next';
import { diffLines } from '../ledger-run';

/** The exact lines a change adds (+) and removes (-), as the engine's dry run computed them; the sign stays visible, colour only adds to it. */
export function DiffView({ diff }: { diff: string }) {
  const { t } = useTranslation();
  const lines = diffLines(diff);
  if (lines.length === 0) return null;
  return (
    <figure className="diff">
      <figcaption>{t('setup.diffLabel')}</figcaption>
      <pre translate="no" data-testid="diff">
        {lines.map((l, i) => (
          <span key={i} className={`diff-${l.kind}`} data-kind={l.kind}>
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  );
}
