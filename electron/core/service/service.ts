import { isEngineOperation, type OperationName } from '../../../shared/api/operations.js';
import type { OperationResults } from '../../../shared/api/results.js';
import { fail, type Result } from '../../../shared/result.js';
import type { OperationContext } from '../operations/context.js';
import { createDetectionStore } from '../operations/detection-store.js';
import { runOperation } from '../operations/index.js';
import { silentLogger, type Logger } from '../operations/log.js';

/** What a long-lived front door (a desktop window, a browser-mode server) provides; the service adds the rest. */
export type ServiceContext = Omit<OperationContext, 'detections' | 'log'> & { log?: Logger };

/** What one call may bring of its own: its cancellation, and where its progress goes. */
export interface CallOptions {
  signal?: AbortSignal;
  emit?: OperationContext['emit'];
}

export interface Service {
  /** Runs an engine operation on raw (untrusted) input; desktop-only operations are refused as unsupported. */
  call<K extends OperationName>(name: K, raw: unknown, options?: CallOptions): Promise<Result<OperationResults[K]>>;
}

/**
 * The engine behind one front door: the same operations the CLI runs, with every input validated
 * against the contract and every failure returned as a value. Detections are kept by id per front door.
 */
export function createService(ctx: ServiceContext): Service {
  const context: OperationContext = { ...ctx, log: ctx.log ?? silentLogger, detections: createDetectionStore() };
  return {
    call: async (name, raw, options = {}) => {
      if (!isEngineOperation(name)) return fail('unsupported', `"${name}" needs the desktop app`);
      const call = { ...context, ...(options.signal ? { signal: options.signal } : {}), ...(options.emit ? { emit: options.emit } : {}) };
      return runOperation(name, raw, call);
    },
  };
}
