/**
 * The WPAD web server: `/wpad.dat` per Host header (a script, `huge` for 50 MB, `hang` for headers and
 * then nothing). WPAD is port 80, so the server takes port 80 on a loopback address of its own
 * (127.x.y.z, picked at random so concurrent test files and other users of port 80 do not collide),
 * which needs root. Where port 80 cannot be had it listens on a free port of 127.0.0.1 and says so:
 * the search is then told that port through its test-only override.
 */
import http from 'node:http';
import type net from 'node:net';
import { randomInt } from 'node:crypto';
import { closeServer, listen, LOOPBACK } from './servers.js';
import { sendHugePac } from './pac.js';

export interface WpadServer {
  address: string;
  /** null: the real WPAD port 80; otherwise the port the search must be told about. */
  portOverride: number | null;
  /** "host /path" of each request. */
  requests: string[];
  close(): Promise<void>;
}

export type WpadFile = string | 'huge' | 'hang';

function serve(files: Record<string, WpadFile>, requests: string[]): http.RequestListener {
  return (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    requests.push(`${host} ${req.url}`);
    const file = files[host];
    if (req.url !== '/wpad.dat' || file === undefined) return void res.writeHead(404).end();
    if (file === 'hang') return void res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).write('function');
    if (file !== 'huge') return void res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' }).end(file);
    sendHugePac(res);
  };
}

function listenOn(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startWpadServer(files: Record<string, WpadFile>): Promise<WpadServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  let server = http.createServer(serve(files, requests));
  let address = `127.${randomInt(64, 250)}.${randomInt(1, 250)}.${randomInt(2, 250)}`;
  let portOverride: number | null = null;
  try {
    await listenOn(server, 80, address);
  } catch {
    server = http.createServer(serve(files, requests));
    address = LOOPBACK;
    portOverride = await listen(server);
  }
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    address,
    portOverride,
    requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}
