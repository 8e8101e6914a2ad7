import { useTranslation } from 'react-i18next';
import type { TargetReport } from '../../../shared/detection';
import { targetKey } from '../flow';
import { SiteReason } from './SiteReason';
import { StatusBadge } from './StatusBadge';

/** Every site with its own outcome: the issuer it presented, or why it could not be reached. */
export function SiteTable({ targets }: { targets: TargetReport[] }) {
  const { t } = useTranslation();
  return (
    <table data-testid="site-reasons">
      <thead>
        <tr>
          <th scope="col">{t('result.site')}</th>
          <th scope="col">{t('result.reasonCol')}</th>
          <th scope="col">{t('report.issuer')}</th>
        </tr>
      </thead>
      <tbody>
        {targets.map((x) => (
          <tr key={targetKey(x)} data-status={x.status} data-code={x.error?.code}>
            <th scope="row" translate="no">
              {targetKey(x)}
            </th>
            <td>
              <StatusBadge status={x.status} />
            </td>
            <td>
              {x.error ? (
                <SiteReason error={x.error} />
              ) : (
                <>
                  {x.status === 'unreachable-via-proxy' && <p>{t('result.proxyErrorPage')}</p>}
                  {x.status === 'name-mismatch' && (
                    <p>{t('result.nameMismatch', { names: x.chain[0]?.subjectAltNames.slice(0, 3).join(', ') || x.chain[0]?.subject })}</p>
                  )}
                  <span translate="no">{x.chain[0]?.issuer}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
