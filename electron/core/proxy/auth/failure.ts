import type { ProbeError, ProxyAuthInfo } from '../../../../shared/detection.js';
import { ProbeFailure } from '../../probe/errors.js';

/** How to give a proxy user and password, for the messages of every scheme that needs one. */
export const CREDENTIAL_HINT =
  'give the user with --proxy-user DOMAIN\\user and the password at the prompt or in CA_BRIDGE_PROXY_PASSWORD (or user:password in the proxy URL, percent-encoded)';

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
