import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelFor, isDesktopOperation, OPERATION_NAMES, type DesktopOperation, type OperationName } from '../../shared/api/operations.js';
import type { OperationResults } from '../../shared/api/results.js';
import type { ValidInput } from '../../shared/api/schemas.js';
import { fail, type Result } from '../../shared/result.js';
import { validateInput } from '../core/operations/validate.js';

export type DesktopHandler<K extends DesktopOperation> = (
  input: ValidInput<K>,
  event: IpcMainInvokeEvent,
) => Promise<Result<OperationResults[K]>>;
/** The desktop-only operations, each held by the compiler to its contract result. */
export type DesktopOps = { [K in DesktopOperation]: DesktopHandler<K> };

export interface IpcDeps {
  /** The engine service: validates and runs engine operations, errors as values. */
  call: <K extends OperationName>(operation: K, input: unknown) => Promise<Result<OperationResults[K]>>;
  desktop: DesktopOps;
  isTrusted: (event: IpcMainInvokeEvent) => boolean;
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

/**
 * One handler per contract operation, nothing generic: every call checks its sender first, then its
 * input against the contract's schema; failures come back as values (exceptions lose all but their message).
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): void {
  for (const operation of OPERATION_NAMES) {
    ipcMain.handle(channelFor(operation), async (event, input: unknown) => {
      if (!deps.isTrusted(event))
        return fail('untrusted-sender', `refused "${operation}" from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return isDesktopOperation(operation) ? runDesktop(deps.desktop, operation, input, event) : deps.call(operation, input);
    });
  }
}
