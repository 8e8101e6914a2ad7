import { useTranslation } from 'react-i18next';
import type { DetectionResult } from '../../shared/detection';
import { assertNever } from './assert-never';

/** The verdict sentence, from the verdict code and the counts: never the engine's English summary. */
export function useVerdictText(d: DetectionResult): string {
  const { t } = useTranslation();
  const params = {
    vendor: d.vendor?.name ?? '',
    inspected: d.targets.filter((x) => x.status === 'inspected').length,
    clean: d.targets.filter((x) => x.status === 'clean').length,
  };
  switch (d.verdict) {
    case 'inspected':
      return t(d.vendor ? 'verdict.inspected_vendor' : 'verdict.inspected', params);
    case 'partial':
      return t(d.vendor ? 'verdict.partial_vendor' : 'verdict.partial', params);
    case 'clean':
      return t('verdict.clean');
    case 'inconclusive':
      return t('verdict.inconclusive');
    default:
      return assertNever(d.verdict);
  }
}
