import type { ProbeError, ProxyAuthInfo } from '../../../../shared/detection.js';
import { ProbeFailure } from '../../probe/errors.js';

/** `proxy-auth-required` carrying the schemes offered and tried, so front doors need not parse the message. */
export class ProxyAuthFailure extends ProbeFailure {
  constructor(
    message: string,
    readonly info: ProxyAuthInfo,
  ) {
    // The interface words the error from these: the first scheme the proxy offered, and whether we answered.
    super('proxy-auth-required', message, {
      ...(info.offered[0] ? { scheme: info.offered[0] } : {}),
      credentialsSent: info.tried ? 'yes' : 'no',
    });
  }

  override toValue(): ProbeError {
    return { ...super.toValue(), proxyAuth: this.info };
  }
}
