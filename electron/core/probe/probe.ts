import type { ConnectTo } from '../../../shared/connect-to.js';
import type { ProbeResult } from '../../../shared/detection.js';
import { formatTarget, isIpLiteral, type Target } from '../../../shared/targets.js';
import { summarize } from '../cert/x509.js';
import type { ProxySpec } from '../proxy/proxy-url.js';
import { checkChain } from '../trust/chain.js';
import type { TrustSet } from '../trust/trust-set.js';
import { withDeadline } from './deadline.js';
import { classifyError, ProbeFailure } from './errors.js';
import { handshake } from './handshake.js';
import { HTTP_ANSWER_MS } from './http-answer.js';
import { openTunnel } from './tunnel.js';

export interface ProbeContext {
  proxy: ProxySpec | null;
  connectTo: readonly ConnectTo[];
  publicRoots: TrustSet;
  trustStore: TrustSet;
  /** Intermediate certificates of the OS store: chain-building material, never anchors. */
  storeIntermediates?: TrustSet;
  timeoutMs: number;
  /** PEMs that verify an HTTPS proxy's own certificate (the OS store): that TLS is checked, unlike the site's. */
  proxyTrust?: readonly string[];
  /** Ask `HEAD /` after the handshake, to tell a proxy's own error page from the site (detection does; default on). */
  askHttp?: boolean;
  now?: () => Date;
  /** The operation's cancellation: the connection is destroyed and the chain search stops. */
  signal?: AbortSignal;
}

const elapsed = (since: number) => Math.round(performance.now() - since);

/** A probe result with nothing learned yet (or ever, when `error` is given). */
export function emptyProbe(target: Target, via: ProbeResult['via'], error: ProbeResult['error'] = null): ProbeResult {
  return {
    host: target.host,
    port: target.port,
    connectedTo: null,
    via,
    error,
    chain: [],
    protocol: null,
    cipher: null,
    hostnameMatches: null,
    publicRoots: null,
    trustStore: null,
    timings: { connectMs: null, proxyMs: null, tlsMs: null, totalMs: 0 },
  };
}

/** Probes one target; every failure comes back as a value with a stable code, never as an exception. */
export async function probeTarget(target: Target, ctx: ProbeContext): Promise<ProbeResult> {
  const started = performance.now();
  const result = emptyProbe(target, ctx.proxy ? 'proxy' : 'direct');
  let phase = 'starting';
  const run = async (signal: AbortSignal) => {
    const tunnel = await openTunnel(target, ctx.proxy, ctx.connectTo, signal, (p) => (phase = p), ctx.proxyTrust);
    result.connectedTo = tunnel.connectedTo;
    result.timings.connectMs = Math.round(tunnel.connectMs);
    result.timings.proxyMs = tunnel.proxyMs === null ? null : Math.round(tunnel.proxyMs);
    phase = 'during the TLS handshake';
    const tlsStarted = performance.now();
    // The request gets what is left of the site's time, less a quarter kept for the chain analysis, at most HTTP_ANSWER_MS.
    const left = started + ctx.timeoutMs - performance.now() - ctx.timeoutMs / 4;
    const httpBudget = ctx.askHttp === false ? 0 : Math.max(0, Math.min(HTTP_ANSWER_MS, Math.floor(left)));
    const hs = await handshake(tunnel.socket, target, signal, httpBudget);
    result.timings.tlsMs = Math.round(hs.securedAt - tlsStarted);
    return hs;
  };

  try {
    const hs = await withDeadline(
      ctx.timeoutMs,
      () => `${formatTarget(target)}: no answer within ${ctx.timeoutMs} ms (${phase})`,
      run,
      ctx.signal,
    );
    // The deadline covers the analysis as well. Chain building is synchronous, so a timer cannot stop
    // it: the search watches the clock itself (and is bounded in work anyway). Yielding first lets the
    // other sites' sockets make progress before this site's analysis takes the thread.
    await new Promise((resolve) => setImmediate(resolve));
    const limits = { deadline: started + ctx.timeoutMs, ...(ctx.signal ? { signal: ctx.signal } : {}) };
    const now = ctx.now?.() ?? new Date();
    result.chain = hs.chain.map(summarize);
    result.protocol = hs.protocol;
    result.cipher = hs.cipher;
    if (ctx.askHttp !== false) result.http = hs.http;
    const leaf = hs.chain[0]!;
    result.hostnameMatches = (isIpLiteral(target.host) ? leaf.checkIP(target.host) : leaf.checkHost(target.host)) !== undefined;
    result.publicRoots = checkChain(hs.chain, ctx.publicRoots, now, undefined, limits);
    result.trustStore = checkChain(hs.chain, ctx.trustStore, now, ctx.storeIntermediates, limits);
    if (performance.now() > limits.deadline) {
      throw new ProbeFailure(
        'timeout',
        `${formatTarget(target)}: no result within ${ctx.timeoutMs} ms (while analysing the presented chain)`,
      );
    }
  } catch (error) {
    result.error = classifyError(error, 'site', formatTarget(target)).toValue();
  } finally {
    result.timings.totalMs = elapsed(started);
  }
  return result;
}
