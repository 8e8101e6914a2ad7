import type { ProbeError, ProxyAuthInfo } from '../../../../shared/detection.js';
import { ProbeFailure } from '../../probe/errors.js';

/** `proxy-auth-required` carrying the schemes offered and tried, so front doors need not parse the message. */
export class ProxyAuthFailure extends ProbeFailure {
  constructor(
    message: string,
    readonly info: ProxyAuthInfo,
  ) {
    super('proxy-auth-required', message);
  }

  override toValue(): ProbeError {
    return { ...super.toValue(), proxyAuth: this.info };
  }
}
