import type { ProgressEvent } from '../../../shared/api/results.js';
import type { DetectionResult, EvidenceItem } from '../../../shared/detection.js';
import type { ExternalChain } from '../analysis/external-chains.js';
import type { RouterContext } from '../proxy/select.js';
import type { DetectionStore } from './detection-store.js';
import type { Logger } from './log.js';

/**
 * Everything an operation may use of the world besides its input, passed explicitly: the same
 * operation then runs unchanged behind the desktop window, the browser-mode server and the CLI.
 */
export interface OperationContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  locale: string;
  emit: (event: ProgressEvent) => void;
  log: Logger;
  /**
   * Cancels the operation (Cancel in the page, a browser-mode deadline or a closed request, Ctrl+C in the
   * CLI): probes close their connections, chain searches stop, verify kills its tools' process groups.
   */
  signal?: AbortSignal;
  /** Detections this front door produced, so exportCa can name one by id instead of relying on call order. */
  detections: DetectionStore;
  /** The OS/PAC proxy for a URL (Electron's session.resolveProxy), as http://host:port or null for DIRECT. */
  systemProxy?: (url: string) => Promise<string | null>;
  nativeDialogs: boolean;
  /** Replaces parts of system proxy discovery (commands, the WPAD resolver): tests point them at a lab. */
  proxyDiscovery?: Omit<RouterContext, 'env'>;
  /**
   * Chains a front door captured through its own network stack (the desktop app: Chromium, with the
   * desktop's proxy settings and sign-on) for the sites Node could not reach through the proxy.
   */
  externalChains?: (result: DetectionResult) => Promise<ExternalChain[]>;
  /** Evidence only a front door can gather (the desktop app asks Chromium's verifier). */
  extraEvidence?: (result: DetectionResult) => Promise<EvidenceItem[]>;
}
