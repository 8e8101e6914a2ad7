import type { TFunction } from 'i18next';
import type { ProbeError } from '../../shared/detection.js';
import { upstreamFailure } from '../../shared/upstream-failure.js';

/** Why one site could not be checked, in the user's language; a 407 also names the scheme the proxy asked for. */
export function siteReasonText(t: TFunction, error: ProbeError): string {
  const status = upstreamFailure(error);
  if (status !== null) return t('proxyStatus.reason', { status });
  return t(`reason.${error.code}`) + (error.code === 'proxy-auth-required' && error.params?.scheme ? ` (${error.params.scheme})` : '');
}

/** The cause and the next step for the error that explains most unreachable sites (a 407's next step is the caller's). */
export function causeWords(t: TFunction, error: ProbeError): { cause: string; next: string | null } {
  const status = upstreamFailure(error);
  if (status !== null) return { cause: t('proxyStatus.cause', { status }), next: t('proxyStatus.next') };
  return { cause: t(`cause.${error.code}`), next: error.code === 'proxy-auth-required' ? null : t(`next.${error.code}`) };
}
