import type { IpcRenderer } from 'electron';
import { operationMethods, type Transport } from '../../shared/api/client.js';
import { channelFor, PROGRESS_CHANNEL } from '../../shared/api/operations.js';
import type { CaBridgeApi, ProgressEvent } from '../../shared/api/results.js';

/**
 * Exactly the contract's named methods, nothing generic: the page cannot reach any other channel,
 * and progress listeners get the payload only, never Electron's event object.
 */
export function buildBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): CaBridgeApi {
  // The main process's handler table is type-checked against the contract; IPC carries its values as they are.
  const transport: Transport = (name, input) => ipc.invoke(channelFor(name), input);
  return Object.freeze({
    ...operationMethods(transport),
    onProgress(listener: (event: ProgressEvent) => void) {
      const forward = (_event: unknown, payload: ProgressEvent) => listener(payload);
      ipc.on(PROGRESS_CHANNEL, forward);
      return () => void ipc.removeListener(PROGRESS_CHANNEL, forward);
    },
  });
}
