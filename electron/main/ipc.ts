import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelFor, DESKTOP_OPERATIONS, OPERATION_NAMES, type OperationName } from '../../shared/api/operations.js';
import { describeInputError, INPUT_SCHEMAS, type ValidInput } from '../../shared/api/schemas.js';
import { fail, type Result } from '../../shared/result.js';

export type DesktopOperation = 'chooseFolder' | 'showInFolder' | 'openReference';
export type DesktopOps = { [K in DesktopOperation]: (input: ValidInput<K>, event: IpcMainInvokeEvent) => Promise<Result<unknown>> };

export interface IpcDeps {
  /** The engine service: validates and runs engine operations, errors as values. */
  call: (operation: OperationName, input: unknown) => Promise<Result<unknown>>;
  desktop: DesktopOps;
  isTrusted: (event: IpcMainInvokeEvent) => boolean;
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
      if (!DESKTOP_OPERATIONS.includes(operation)) return deps.call(operation, input);
      const parsed = INPUT_SCHEMAS[operation].safeParse(input ?? {});
      if (!parsed.success) return fail('bad-input', describeInputError(parsed.error));
      try {
        return await (deps.desktop[operation as DesktopOperation] as (i: unknown, e: IpcMainInvokeEvent) => Promise<Result<unknown>>)(
          parsed.data,
          event,
        );
      } catch (error) {
        return fail('internal', (error as Error).message);
      }
    });
  }
}
