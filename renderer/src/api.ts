import { operationMethods, type Transport } from '../../shared/api/client';
import type { CaBridgeApi, ProgressEvent } from '../../shared/api/results';
import { escapeNetworkText } from '../../shared/network-text';
import { fail } from '../../shared/result';

declare global {
  interface Window {
    /** Exposed by the desktop app's preload script; absent in browser mode. */
    caBridge?: CaBridgeApi;
  }
}

/** sessionStorage is per tab and per origin (port included): a reload keeps the session, no other site sees it. */
const SESSION_KEY = 'ca-bridge-session';
/** A progress event is one small JSON line; anything longer is not from our server. */
const MAX_STREAM_BUFFER = 1 << 20;

/**
 * Browser mode's access: the URL carries a one-time code in its fragment (never sent to a server).
 * It is exchanged once for a session token, which lives in this tab only and travels as an
 * Authorization header, never in a cookie (cookies for 127.0.0.1 reach every local port).
 */
function sessionSource(): () => Promise<string | null> {
  let pending: Promise<string | null> | null = null;
  const exchange = async (): Promise<string | null> => {
    const code = new URLSearchParams(window.location.hash.slice(1)).get('code');
    if (code) {
      // Out of the address bar and the history at once: the code is spent either way.
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      try {
        const response = await fetch('./api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
          credentials: 'omit',
        });
        if (response.ok) {
          const { token } = (await response.json()) as { token: string };
          window.sessionStorage.setItem(SESSION_KEY, token);
          return token;
        }
      } catch {
        // Fall back to a session this tab may already hold.
      }
    }
    return window.sessionStorage.getItem(SESSION_KEY);
  };
  return () => (pending ??= exchange());
}

/** Server-sent events read with fetch, so the session goes in a header rather than the URL or a cookie. */
async function streamProgress(token: string | null, deliver: (event: ProgressEvent) => void, signal: AbortSignal): Promise<void> {
  const response = await fetch('./api/events', {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    credentials: 'omit',
    signal,
  });
  if (!response.ok || !response.body) throw new Error(`progress stream: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    if (buffer.length > MAX_STREAM_BUFFER) throw new Error('progress stream: event too large');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of block.split('\n')) if (line.startsWith('data: ')) deliver(JSON.parse(line.slice(6)) as ProgressEvent);
    }
  }
}

/** Browser mode: the same contract over HTTP. */
function httpApi(): CaBridgeApi {
  const session = sessionSource();
  const listeners = new Set<(event: ProgressEvent) => void>();
  let stream: AbortController | null = null;
  const deliver = (event: ProgressEvent) => listeners.forEach((l) => l(event));
  const keepStreaming = async (controller: AbortController) => {
    while (!controller.signal.aborted) {
      await streamProgress(await session(), deliver, controller.signal).catch(() => undefined);
      // Reconnect after a pause (server restarted, network hiccup), never in a tight loop.
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  };
  /** Calls the page named, so that cancel can abort them: the request itself, and the operation on the server. */
  const calls = new Map<string, AbortController>();
  const transport: Transport = async (name, input, operationId) => {
    const controller = new AbortController();
    if (operationId) calls.set(operationId, controller);
    try {
      const token = await session();
      const response = await fetch(`./api/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(operationId ? { 'x-operation-id': operationId } : {}),
        },
        body: JSON.stringify(input ?? {}),
        credentials: 'omit',
        signal: controller.signal,
      });
      if (!response.ok && response.headers.get('content-type')?.includes('json') !== true)
        return fail('http', escapeNetworkText(`${response.status} ${(await response.text()).slice(0, 500)}`));
      // The server's handler table is type-checked against the contract; HTTP carries its values as they are.
      return await response.json();
    } catch (error) {
      // An aborted call lands here too; the page has stopped waiting for it (useOperation drops the answer).
      return fail('network', escapeNetworkText((error as Error).message));
    } finally {
      if (operationId) calls.delete(operationId);
    }
  };
  /**
   * Two ways, each enough alone: the abandoned request (the server cancels an operation whose connection
   * closes) and an explicit cancel naming the call (for when the connection's close is not seen, e.g. kept
   * open by something in between).
   */
  const cancel = (operationId: string) => {
    const controller = calls.get(operationId);
    if (!controller) return;
    controller.abort();
    void session().then((token) =>
      fetch('./api/cancel', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ operationId }),
        credentials: 'omit',
      }).catch(() => undefined),
    );
  };
  return {
    ...operationMethods(transport),
    cancel,
    onProgress(listener: (event: ProgressEvent) => void) {
      listeners.add(listener);
      if (!stream) void keepStreaming((stream = new AbortController()));
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stream?.abort();
          stream = null;
        }
      };
    },
  };
}

export const api: CaBridgeApi = window.caBridge ?? httpApi();
