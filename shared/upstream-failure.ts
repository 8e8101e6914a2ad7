import type { ProbeError } from './detection.js';

/**
 * 502 Bad Gateway and 504 Gateway Timeout to CONNECT: the proxy tried and could not reach the site; it
 * did not refuse it (mitmproxy answers 502 when the site's name does not resolve or its port is closed).
 */
const UPSTREAM_FAILURE = new Set([502, 504]);

/** The proxy's CONNECT status when it says "could not reach the site", else null. One rule for every front door. */
export function upstreamFailure(error: ProbeError): number | null {
  const status = error.params?.proxyStatus;
  return error.code === 'proxy-error' && status !== undefined && UPSTREAM_FAILURE.has(status) ? status : null;
}
