import { operationMethods, type Transport } from '../../shared/api/client';
import type { CaBridgeApi, ProgressEvent } from '../../shared/api/results';
import { fail } from '../../shared/result';

declare global {
  interface Window {
    /** Exposed by the desktop app's preload script; absent in browser mode. */
    caBridge?: CaBridgeApi;
  }
}

/** Browser mode: the same contract over HTTP; the access token travels as an HttpOnly cookie. */
function httpApi(): CaBridgeApi {
  const listeners = new Set<(event: ProgressEvent) => void>();
  let events: EventSource | null = null;
  const transport: Transport = async (name, input) => {
    try {
      const response = await fetch(`./api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
      if (!response.ok && response.headers.get('content-type')?.includes('json') !== true)
        return fail('http', `${response.status} ${await response.text()}`);
      // The server's handler table is type-checked against the contract; HTTP carries its values as they are.
      return await response.json();
    } catch (error) {
      return fail('network', (error as Error).message);
    }
  };
  return {
    ...operationMethods(transport),
    onProgress(listener: (event: ProgressEvent) => void) {
      listeners.add(listener);
      events ??= new EventSource('./api/events');
      events.onmessage = (message) => listeners.forEach((l) => l(JSON.parse(message.data) as ProgressEvent));
      return () => listeners.delete(listener);
    },
  };
}

export const api: CaBridgeApi = window.caBridge ?? httpApi();
