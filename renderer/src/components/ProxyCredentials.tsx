import { useTranslation } from 'react-i18next';
import type { ProxyCredentialUse } from '../../../shared/detection';

/**
 * Where the user's proxy credentials went (credential policy, docs/threat-model.md): each proxy that
 * received them and in which scheme, a warning for Basic to a plain-http proxy, and for a proxy that
 * only WPAD named, the confirmation showing that proxy before anything is sent to it.
 */
export function ProxyCredentials({
  uses,
  busy,
  onConfirm,
}: {
  uses: readonly ProxyCredentialUse[];
  busy: boolean;
  onConfirm: (hostPort: string) => void;
}) {
  const { t } = useTranslation();
  if (!uses.length) return null;
  return (
    <section className="card" data-testid="proxy-credentials" aria-labelledby="proxy-credentials-title">
      <h3 id="proxy-credentials-title">{t('credentials.title')}</h3>
      <ul>
        {uses.map((use) => (
          <li key={`${use.proxy} ${use.status} ${use.scheme ?? ''}`} data-testid="proxy-credential" data-status={use.status}>
            {use.status === 'sent' ? (
              <>
                <p>{t('credentials.sent', { proxy: use.proxy, scheme: use.scheme ?? '' })}</p>
                {use.cleartext && (
                  <p className="warning" role="alert" data-testid="basic-cleartext">
                    {t('credentials.cleartext', { proxy: use.proxy })}
                  </p>
                )}
              </>
            ) : (
              <>
                <p>{t(use.hold === 'unknown-pac' ? 'credentials.heldUnknown' : 'credentials.heldWpad', { proxy: use.proxy })}</p>
                <button type="button" disabled={busy} onClick={() => onConfirm(use.hostPort)} data-testid="confirm-proxy">
                  {t('credentials.confirm', { proxy: use.hostPort })}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
