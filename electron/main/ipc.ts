import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import {
  CANCEL_CHANNEL,
  channelFor,
  isDesktopOperation,
  isOperationId,
  OPERATION_NAMES,
  PROGRESS_CHANNEL,
  type DesktopOperation,
  type OperationName,
} from '../../shared/api/operations.js';
import type { OperationResults, ProgressEvent } from '../../shared/api/results.js';
import type { ValidInput } from '../../shared/api/schemas.js';
import { fail, type Result } from '../../shared/result.js';
import type { CallOptions } from '../core/service/service.js';
import { validateInput } from '../core/operations/validate.js';

export type DesktopHandler<K extends DesktopOperation> = (
  input: ValidInput<K>,
  event: IpcMainInvokeEvent,
) => Promise<Result<OperationResults[K]>>;
/** The desktop-only operations, each held by the compiler to its contract result. */
export type DesktopOps = { [K in DesktopOperation]: DesktopHandler<K> };

export interface IpcDeps {
  /** The engine service: validates and runs engine operations, errors as values. */
  call: <K extends OperationName>(operation: K, input: unknown, options?: CallOptions) => Promise<Result<OperationResults[K]>>;
  desktop: DesktopOps;
  isTrusted: (event: IpcMainInvokeEvent | IpcMainEvent) => boolean;
}

async function runDesktop<K extends DesktopOperation>(
  desktop: DesktopOps,
  operation: K,
  raw: unknown,
  event: IpcMainInvokeEvent,
): Promise<Result<OperationResults[K]>> {
  const input = validateInput(operation, raw);
  if (!input.ok) return input;
  const handler: DesktopHandler<K> = desktop[operation];
  try {
    return await handler(input.value, event);
  } catch (error) {
    return fail('internal', (error as Error).message);
  }
}

/** A call is known by the page that sent it and the id that page gave it: no page can cancel another's call. */
const callKey = (event: IpcMainInvokeEvent | IpcMainEvent, operationId: string) => `${event.sender.id}:${operationId}`;

/**
 * One handler per contract operation, nothing generic: every call checks its sender first, then its
 * input against the contract's schema; failures come back as values (exceptions lose all but their message).
 * A call the page named can be cancelled (CANCEL_CHANNEL): its engine operation's signal aborts, and its
 * progress goes to that page only, tagged with the id.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'on'>, deps: IpcDeps): void {
  const running = new Map<string, AbortController>();
  for (const operation of OPERATION_NAMES) {
    ipcMain.handle(channelFor(operation), async (event, input: unknown, operationId: unknown) => {
      if (!deps.isTrusted(event))
        return fail('untrusted-sender', `refused "${operation}" from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      if (isDesktopOperation(operation)) return runDesktop(deps.desktop, operation, input, event);
      if (operationId === undefined) return deps.call(operation, input);
      if (!isOperationId(operationId)) return fail('bad-input', 'the operation id is not one the page could have made');
      const key = callKey(event, operationId);
      if (running.has(key)) return fail('bad-input', 'this operation id is already running');
      const controller = new AbortController();
      running.set(key, controller);
      const emit = (progress: ProgressEvent) => {
        if (!event.sender.isDestroyed()) event.sender.send(PROGRESS_CHANNEL, { ...progress, operationId });
      };
      try {
        return await deps.call(operation, input, { signal: controller.signal, emit });
      } finally {
        running.delete(key);
      }
    });
  }
  ipcMain.on(CANCEL_CHANNEL, (event, operationId: unknown) => {
    if (!deps.isTrusted(event) || !isOperationId(operationId)) return;
    running.get(callKey(event, operationId))?.abort();
  });
}
