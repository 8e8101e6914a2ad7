import http from 'node:http';
import type { UiServer } from '../../electron/cli/ui-server.js';

/** POSTs a JSON body to the browser-mode server on 127.0.0.1, as the page does; the status and the body's text. */
export function postJson(
  port: number,
  pathname: string,
  body: string,
  headers: http.OutgoingHttpHeaders = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** GETs a session's progress stream (server-sent events), as the page does. */
export function getEvents(port: number, token: string, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
  return http.get(
    {
      host: '127.0.0.1',
      port,
      path: '/api/events',
      headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}` },
    },
    onResponse,
  );
}

/** GET / as a browser asks for the page: the status, and how long the answer took. */
export function getPage(port: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', headers: { host: `127.0.0.1:${port}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      })
      .on('error', reject);
  });
}

/** Spends one of the server's one-time codes, as the page does, and returns the session token for API calls. */
export async function uiSessionToken(server: UiServer): Promise<string> {
  const code = new URL(server.oneTimeUrl()).hash.replace(/^#code=/, '');
  const answer = await postJson(server.port, '/api/session', JSON.stringify({ code }));
  if (answer.status !== 200) throw new Error(`session: ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text).token as string;
}

/** Calls one operation with a session token, as the page does; the answer's text. */
export async function callOperation(server: UiServer, token: string, name: string, body: unknown): Promise<string> {
  return (await postJson(server.port, `/api/${name}`, JSON.stringify(body), { authorization: `Bearer ${token}` })).text;
}
