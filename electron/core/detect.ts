import { randomBytes } from 'node:crypto';
import type { ConnectTo } from '../../shared/connect-to.js';
import type { DetectionResult, TargetReport } from '../../shared/detection.js';
import type { Target } from '../../shared/targets.js';
import { analyze, statusOf } from './analysis/verdict.js';
import { mapConcurrent } from './probe/pool.js';
import { probeTarget } from './probe/probe.js';
import { createProxyRouter, type ProxyChoice, type RouterContext } from './proxy/select.js';
import { credentialUses } from './proxy/credential-policy.js';
import { relayAdviceFor } from './proxy/relay-advice.js';
import { probeRoute } from './proxy/probe-route.js';
import type { ProxySpec } from './proxy/proxy-url.js';
import { loadPublicRoots } from './trust/public-roots.js';
import { storeDiagnostics } from './trust/stores/diagnostics.js';
import { readTrustStore } from './trust/stores/index.js';
import type { StoreContents } from './trust/stores/types.js';
import type { TrustSet } from './trust/trust-set.js';

export interface DetectOptions {
  targets: readonly Target[];
  proxy: ProxyChoice;
  connectTo: readonly ConnectTo[];
  timeoutMs: number;
  concurrency: number;
  env: NodeJS.ProcessEnv;
  publicRootsFile?: string;
  trustStorePath?: string;
  /** Overrides for system proxy discovery (tests replay recorded `reg`/`scutil` output). */
  proxyDiscovery?: Omit<RouterContext, 'env'>;
  /** Cancels the detection: open connections are destroyed, sites not yet probed are not. */
  signal?: AbortSignal;
}

export interface DetectProgress {
  index: number;
  done: number;
  total: number;
  target: TargetReport;
}

export interface TrustInputs {
  publicRoots: TrustSet;
  store: StoreContents;
}

/** Loads both trust sets once; callers that probe repeatedly (verify, the UI) reuse them. */
export async function loadTrustInputs(
  options: Pick<DetectOptions, 'publicRootsFile' | 'trustStorePath' | 'env' | 'signal'>,
): Promise<TrustInputs> {
  const [publicRoots, store] = await Promise.all([
    loadPublicRoots(options.publicRootsFile, options.signal),
    readTrustStore({ overridePath: options.trustStorePath, env: options.env, ...(options.signal ? { signal: options.signal } : {}) }),
  ]);
  return { publicRoots, store };
}

/** What the engine's own verified connections (an https PAC download) trust: the store in use plus the public roots. */
export function verifiedTrust(trust: TrustInputs): string[] {
  return [...trust.store.anchors.pems(), ...trust.publicRoots.pems()];
}

/** Probes every target concurrently and decides whether, and by whom, TLS is inspected. */
export async function detect(
  options: DetectOptions,
  onProgress?: (event: DetectProgress) => void,
  trust?: TrustInputs,
): Promise<DetectionResult> {
  const startedAt = new Date();
  const started = performance.now();
  const { publicRoots, store } = trust ?? (await loadTrustInputs(options));
  let done = 0;
  let proxyUsed: string | null = null;
  const proxiesUsed = new Set<ProxySpec>();
  const router = await createProxyRouter(options.proxy, {
    env: options.env,
    ...options.proxyDiscovery,
    verifiedTrust: verifiedTrust({ publicRoots, store }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  let proxyTrust: string[] | undefined;

  // The router holds the PAC evaluator's thread: ended when the sites are probed, not when the process exits.
  const probes = await mapConcurrent(
    options.targets,
    options.concurrency,
    async (target) => {
      const probe = await probeRoute(target, router, (proxy) => {
        if (proxy) {
          proxyUsed ??= proxy.redactedUrl;
          proxiesUsed.add(proxy);
        }
        const probed = probeTarget(target, {
          proxy,
          connectTo: options.connectTo,
          publicRoots,
          trustStore: store.anchors,
          storeIntermediates: store.intermediates,
          timeoutMs: options.timeoutMs,
          ...(options.signal ? { signal: options.signal } : {}),
          // Serialised once, and only when an HTTPS proxy needs it (a store may hold thousands of roots).
          proxyTrust: proxy?.scheme === 'https' ? (proxyTrust ??= store.anchors.pems()) : undefined,
        });
        // Which hop each site took: several inspectors (per PAC route, per proxy, DIRECT) are reported per route.
        return probed.then((result) => ({ ...result, proxyUsed: proxy?.redactedUrl ?? null }));
      });
      return probe;
    },
    (probe, index) => onProgress?.({ index, done: ++done, total: options.targets.length, target: { ...probe, status: statusOf(probe) } }),
  ).finally(() => router.dispose());

  return {
    id: randomBytes(12).toString('base64url'),
    ...analyze(probes, store.anchors, proxyUsed),
    trustStore: storeDiagnostics(store),
    proxySource: router.source,
    proxyAdvice: relayAdviceFor(proxiesUsed),
    proxyCredentials: credentialUses(proxiesUsed),
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
  };
}
