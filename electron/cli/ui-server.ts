import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { OPERATION_NAMES, type OperationName } from '../../shared/api/operations.js';
import type { ProgressEvent } from '../../shared/api/results.js';
import { fail } from '../../shared/result.js';
import { createService, type ServiceContext } from '../core/service/service.js';

export interface UiServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface UiServerOptions {
  port: number;
  staticDir: string;
  service: Omit<ServiceContext, 'emit' | 'nativeDialogs'>;
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
const COOKIE = 'ca_bridge_token';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const cookieToken = (header: string | undefined) => /(?:^|;\s*)ca_bridge_token=([^;]+)/.exec(header ?? '')?.[1];

function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(body);
}

async function readBody(req: http.IncomingMessage, limit = 1 << 20): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

/**
 * Browser mode: the renderer and the contract over HTTP, on 127.0.0.1 only. A random token in the URL
 * (then an HttpOnly, SameSite=Strict cookie) gates every request; a foreign Host (DNS rebinding), a
 * foreign Origin (cross-site requests) or a non-loopback peer is refused.
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const token = randomBytes(24).toString('base64url');
  const streams = new Set<http.ServerResponse>();
  const emit = (event: ProgressEvent) => {
    for (const res of streams) res.write(`data: ${JSON.stringify(event)}\n\n`);
  };
  const service = createService({ ...options.service, emit, nativeDialogs: false });
  let port = 0;

  const server = http.createServer(async (req, res) => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(res, 403, 'refused: not a loopback client');
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, 'refused: foreign Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) return send(res, 403, 'refused: foreign Origin');
    if (req.headers['sec-fetch-site'] === 'cross-site') return send(res, 403, 'refused: cross-site request');

    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const viaQuery = url.pathname === '/' && sameToken(url.searchParams.get('token') ?? undefined, token);
    const authorized =
      viaQuery ||
      sameToken(cookieToken(req.headers.cookie), token) ||
      sameToken(req.headers['x-ca-bridge-token'] as string | undefined, token);
    if (!authorized) return send(res, 401, 'refused: missing or wrong token; open the URL that "ca-bridge ui" printed');

    try {
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.once('close', () => streams.delete(res));
        return;
      }
      const op = /^\/api\/([A-Za-z]+)$/.exec(url.pathname)?.[1] as OperationName | undefined;
      if (op) {
        if (req.method !== 'POST') return send(res, 405, 'POST only');
        if (!OPERATION_NAMES.includes(op))
          return send(res, 404, JSON.stringify(fail('unknown-operation', `no operation "${op}"`)), 'application/json');
        const body = await readBody(req).catch((error: Error) => error);
        if (body instanceof Error)
          return send(res, 400, JSON.stringify(fail('bad-input', `request body: ${body.message}`)), 'application/json');
        const result = await service.call(op, body);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
      const resolved = path.resolve(options.staticDir, file);
      if (!resolved.startsWith(path.resolve(options.staticDir) + path.sep)) return send(res, 404, 'not found');
      const data = await readFile(resolved).catch(() => null);
      if (!data) return send(res, 404, 'not found');
      const cookie: Record<string, string> = viaQuery ? { 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` } : {};
      return send(res, 200, data, TYPES[path.extname(resolved)] ?? 'application/octet-stream', cookie);
    } catch (error) {
      return send(res, 500, JSON.stringify(fail('internal', (error as Error).message)), 'application/json');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: async () => {
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
