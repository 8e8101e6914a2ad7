import type { IpcRenderer } from 'electron';
import { channelFor, OPERATION_NAMES, PROGRESS_CHANNEL } from '../../shared/api/operations.js';
import type { CaBridgeApi, ProgressEvent } from '../../shared/api/results.js';

/**
 * Exactly the contract's named methods, nothing generic: the page cannot reach any other channel,
 * and progress listeners get the payload only, never Electron's event object.
 */
export function buildBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): CaBridgeApi {
  const bridge: Record<string, unknown> = {
    onProgress(listener: (event: ProgressEvent) => void) {
      const forward = (_event: unknown, payload: ProgressEvent) => listener(payload);
      ipc.on(PROGRESS_CHANNEL, forward);
      return () => void ipc.removeListener(PROGRESS_CHANNEL, forward);
    },
  };
  for (const name of OPERATION_NAMES) bridge[name] = (input: unknown) => ipc.invoke(channelFor(name), input);
  return Object.freeze(bridge) as CaBridgeApi;
}
