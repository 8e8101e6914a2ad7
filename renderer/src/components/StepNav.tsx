import { useTranslation } from 'react-i18next';

export const STEPS = ['check', 'result', 'export', 'configure', 'verify', 'health', 'diagnose'] as const;
export type StepId = (typeof STEPS)[number];

export function StepNav({ current, onSelect }: { current: StepId; onSelect: (step: StepId) => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className="steps">
      <ol>
        {STEPS.map((id, i) => (
          <li key={id}>
            <button type="button" aria-current={current === id ? 'step' : undefined} onClick={() => onSelect(id)} data-step={id}>
              <span className="num" aria-hidden="true">
                {id === 'diagnose' ? '?' : i + 1}
              </span>
              {t(`nav.${id}`)}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
