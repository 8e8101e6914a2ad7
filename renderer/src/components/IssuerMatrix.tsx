import { useTranslation } from 'react-i18next';
import type { TargetReport } from '../../../shared/detection';
import { StatusBadge } from './StatusBadge';
import { BreakableName } from './BreakableName';

/** A stable colour per issuing CA, so sites re-signed by the same CA visibly share one. */
export function colourFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 65% 45%)`;
}

const topIssuer = (t: TargetReport) => t.chain[t.chain.length - 1]?.issuer ?? '';

/** `inspection`: whether the check saw any; a clean network's legend speaks of CAs only. */
export function IssuerMatrix({ targets, inspection }: { targets: TargetReport[]; inspection: boolean }) {
  const { t } = useTranslation();
  const reachable = targets.filter((x) => !x.error);
  const issuers = [...new Set(reachable.map(topIssuer))];
  return (
    <table className="matrix" data-testid="issuer-matrix">
      <caption data-testid="matrix-caption">{t(inspection ? 'result.matrixCaption' : 'clean.matrixCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('result.site')}</th>
          {issuers.map((issuer) => (
            <th scope="col" key={issuer} translate="no">
              <span className="swatch" style={{ background: colourFor(issuer) }} aria-hidden="true" /> <BreakableName text={issuer} />
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {targets.map((target) => (
          <tr key={`${target.host}:${target.port}`}>
            <th scope="row" translate="no">
              <BreakableName text={target.host} />
            </th>
            {issuers.map((issuer) => (
              <td key={issuer}>
                {!target.error && topIssuer(target) === issuer ? (
                  <span className="cell" style={{ borderColor: colourFor(issuer) }}>
                    <StatusBadge status={target.status} />
                  </span>
                ) : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
