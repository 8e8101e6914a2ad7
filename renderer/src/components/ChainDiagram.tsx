import { useTranslation } from 'react-i18next';
import type { TargetReport } from '../../../shared/detection';
import { colourFor } from './IssuerMatrix';

/** "This PC → inspection proxy → site": who the PC really talks to, and who signed what it got. */
export function ChainDiagram({ target, proxy }: { target: TargetReport; proxy: string | null }) {
  const { t } = useTranslation();
  const leaf = target.chain[0];
  const issuer = target.chain[target.chain.length - 1]?.issuer ?? '';
  const middle = target.status === 'inspected' ? t('result.interceptor') : target.via === 'proxy' ? t('result.plainProxy') : null;
  return (
    <figure className="path" aria-label={t('result.chainFor', { site: target.host })} data-testid="chain-diagram">
      <ol>
        <li className="node">{t('result.pc')}</li>
        {middle && (
          <li
            className={`node ${target.status === 'inspected' ? 'interceptor' : ''}`}
            style={target.status === 'inspected' ? { borderColor: colourFor(issuer) } : undefined}
          >
            {middle}
            {target.via === 'proxy' && proxy ? <small translate="no">{proxy}</small> : null}
          </li>
        )}
        <li className="node">
          <span translate="no">{target.host}</span>
          {leaf ? (
            <small>
              {t('result.signedBy')} <span translate="no">{leaf.issuer}</span>
            </small>
          ) : null}
        </li>
      </ol>
    </figure>
  );
}
