import http from 'node:http';
import type { UiServer } from '../../electron/cli/ui-server.js';

/** Spends one of the server's one-time codes, as the page does, and returns the session token for API calls. */
export function uiSessionToken(server: UiServer): Promise<string> {
  const code = new URL(server.oneTimeUrl()).hash.replace(/^#code=/, '');
  return new Promise<string>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/session',
        method: 'POST',
        headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json' },
      },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(JSON.parse(data).token as string) : reject(new Error(`session: ${res.statusCode} ${data}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ code }));
  });
}
