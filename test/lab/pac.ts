/**
 * A PAC file server on loopback: each path serves a script; `/huge` streams 50 MB, `/slow` sends
 * headers and then nothing. Requests are counted, to prove a PAC file is fetched once per run.
 */
import http from 'node:http';
import type net from 'node:net';
import { closeServer, listen, LOOPBACK } from './servers.js';

export interface PacServer {
  url(path: string): string;
  requests: string[];
  close(): Promise<void>;
}

export const HUGE_PAC_BYTES = 50 * 1024 * 1024;

/** A 50 MB "PAC file", sent as fast as the client reads it, and stopped when the client hangs up. */
export function sendHugePac(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig', 'content-length': String(HUGE_PAC_BYTES) });
  const chunk = Buffer.alloc(1024 * 1024, '/');
  let sent = 0;
  const pump = () => {
    while (sent < HUGE_PAC_BYTES) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  res.on('close', () => (sent = HUGE_PAC_BYTES));
  pump();
}

export async function startPacServer(scripts: Record<string, string>): Promise<PacServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    if (path === '/huge') return sendHugePac(res);
    if (path === '/slow') {
      res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
      return res.write('function FindProxyForURL(url, host) {');
    }
    const script = scripts[path];
    if (script === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(script);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    url: (path) => `http://${LOOPBACK}:${port}${path}`,
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}
