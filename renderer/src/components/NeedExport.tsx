import { useTranslation } from 'react-i18next';

/** A step that works on the exported files, opened before any export: why it needs one, and the button there. */
export function NeedExport({ step, onExport }: { step: 'configure' | 'verify'; onExport: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <p data-testid="need-export">{t(`needExport.${step}`)}</p>
      <div className="buttons">
        <button type="button" className="primary" onClick={onExport} data-testid="to-export-step">
          {t('needExport.toExport')}
        </button>
      </div>
    </>
  );
}
