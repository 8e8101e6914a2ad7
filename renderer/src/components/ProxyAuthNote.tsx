import { useTranslation } from 'react-i18next';
import type { ProxyAuthInfo } from '../../../shared/detection';

/** A 407 in detail: the sign-in methods the proxy offered, the one CA Bridge answered with, and why it did not get through. */
export function ProxyAuthNote({ info }: { info: ProxyAuthInfo }) {
  const { t } = useTranslation();
  return (
    <div className="proxy-auth" data-testid="proxy-auth" data-problem={info.problem}>
      <dl className="facts">
        <dt>{t('proxyAuth.offered')}</dt>
        <dd>
          <code translate="no" data-testid="proxy-auth-offered">
            {info.offered.join(', ')}
          </code>
        </dd>
        <dt>{t('proxyAuth.tried')}</dt>
        <dd data-testid="proxy-auth-tried">{info.tried ? <code translate="no">{info.tried}</code> : t('proxyAuth.triedNone')}</dd>
      </dl>
      <p data-testid="proxy-auth-problem">{t(`proxyAuthProblem.${info.problem}`)}</p>
    </div>
  );
}
