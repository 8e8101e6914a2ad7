import type { IpcRenderer } from 'electron';
import { operationMethods, type Transport } from '../../shared/api/client.js';
import { CANCEL_CHANNEL, channelFor, PROGRESS_CHANNEL } from '../../shared/api/operations.js';
import type { CaBridgeApi, ProgressEvent } from '../../shared/api/results.js';

/**
 * Exactly the contract's named methods, nothing generic: the page cannot reach any other channel,
 * and progress listeners get the payload only, never Electron's event object.
 */
export function buildBridge(ipc: Pick<IpcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>): CaBridgeApi {
  // The main process's handler table is type-checked against the contract; IPC carries its values as they are.
  // An id travels only when the page gave one: the main process checks it (OPERATION_ID) before using it.
  const transport: Transport = (name, input, operationId) =>
    operationId === undefined ? ipc.invoke(channelFor(name), input) : ipc.invoke(channelFor(name), input, operationId);
  return Object.freeze({
    ...operationMethods(transport),
    onProgress(listener: (event: ProgressEvent) => void) {
      const forward = (_event: unknown, payload: ProgressEvent) => listener(payload);
      ipc.on(PROGRESS_CHANNEL, forward);
      return () => void ipc.removeListener(PROGRESS_CHANNEL, forward);
    },
    // invoke cannot be aborted: the cancellation is a message of its own, naming the call.
    cancel: (operationId: string) => ipc.send(CANCEL_CHANNEL, String(operationId)),
  });
}
