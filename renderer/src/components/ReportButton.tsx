import { useTranslation } from 'react-i18next';
import type { EnvironmentInfo } from '../../../shared/api/results';
import type { DetectionResult } from '../../../shared/detection';
import type { FlowState } from '../flow';
import { reportMarkdown } from '../report';
import { useVerdictText } from '../verdict-text';
import { CopyButton } from './CopyButton';

/** "Copy report for IT" from the flow as it stands: Result offers it, and so does Verify once tools failed. */
export function ReportButton({
  detection,
  flow,
  environment,
}: {
  detection: DetectionResult;
  flow: FlowState;
  environment: EnvironmentInfo | null;
}) {
  const { t, i18n } = useTranslation();
  const verdictText = useVerdictText(detection);
  const text = reportMarkdown(t, {
    detection,
    environment,
    verdictText,
    lang: i18n.language,
    version: __APP_VERSION__,
    verified: flow.verified,
    tried: flow.tried,
  });
  return (
    <CopyButton text={text} label={t('result.copyReport')} buttonText={t('result.copyReport')} copiedText={t('result.reportCopied')} />
  );
}
