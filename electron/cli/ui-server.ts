import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isOperationId, OPERATION_NAMES, type OperationName } from '../../shared/api/operations.js';
import type { ProgressEvent } from '../../shared/api/results.js';
import { fail, type Result } from '../../shared/result.js';
import { operationDeadlineMs } from '../core/operations/deadline.js';
import { createService, type ServiceContext } from '../core/service/service.js';
import { BodyError, contentTypeFor, readJsonBody, send, sendJson, staticFileFor } from './ui-http.js';

export interface UiServer {
  /** The URL to open: it carries a one-time code, useless once a page has exchanged it. */
  url: string;
  port: number;
  /** Another one-time URL (one for the browser that `ui` opens, one printed for the user). */
  oneTimeUrl(): string;
  /** Stops listening and drops every connection; resolves within `closeWithinMs` even if an operation is wedged. */
  close(): Promise<void>;
}

export interface UiServerLimits {
  /** Largest request body accepted. */
  maxBodyBytes: number;
  /** Time for a client to send its request headers. */
  headersTimeoutMs: number;
  /** Time for a client to send its whole request, body included. */
  requestTimeoutMs: number;
  /** Longest an operation may run before its request is answered with a timeout; null: derived from the input. */
  operationDeadlineMs: number | null;
}

export interface UiServerOptions {
  port: number;
  staticDir: string;
  service: Omit<ServiceContext, 'emit' | 'nativeDialogs'>;
  limits?: Partial<UiServerLimits>;
}

export const DEFAULT_LIMITS: UiServerLimits = {
  maxBodyBytes: 1 << 20,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  operationDeadlineMs: null,
};

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const SESSION_PATH = '/api/session';
const EVENTS_PATH = '/api/events';
const CANCEL_PATH = '/api/cancel';
/** The header in which the page names its call (OPERATION_ID), so that it can cancel it and know its progress. */
const OPERATION_ID_HEADER = 'x-operation-id';

/**
 * The Host values of our own page. Browsers leave the scheme's default port out of Host and Origin
 * (RFC 9110 section 7.2, URL serialisation): on port 80 the page sends "127.0.0.1", the same origin
 * as "127.0.0.1:80".
 */
export function allowedHostsFor(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`, ...(port === 80 ? ['127.0.0.1', 'localhost'] : [])];
}

/** Constant-time membership: a wrong secret takes as long to refuse whatever it shares with a right one. */
function takeMatch(given: string | undefined, secrets: Set<string>): string | null {
  if (!given || given.length > 100) return null;
  const a = Buffer.from(given);
  for (const secret of secrets) {
    const b = Buffer.from(secret);
    if (a.length === b.length && timingSafeEqual(a, b)) return secret;
  }
  return null;
}

const bearer = (header: string | undefined) => /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header ?? '')?.[1];

/** How long an operation may take: the engine's estimate, unless the server was given a fixed limit. */
const deadlineFor = (op: OperationName, input: unknown, limits: UiServerLimits): number =>
  limits.operationDeadlineMs ?? operationDeadlineMs(op, input);

/** Answers at the deadline whatever the operation does, and cancels it then, so it stops working too. */
function withDeadline(work: Promise<Result<unknown>>, ms: number, op: string, controller: AbortController): Promise<Result<unknown>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Result<unknown>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(fail('timeout', `${op} did not finish within ${Math.round(ms / 1000)} s (a file or a site that never answers?)`));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Browser mode: the renderer and the contract over HTTP, on 127.0.0.1 only.
 *
 * Access: the URL printed (or opened) carries a one-time code in its fragment, which never reaches a
 * server log or a Referer. The page exchanges it once for a session token, kept in the page's memory
 * and sessionStorage (per origin, port included), and sends it as an Authorization header on every
 * API call and on the progress stream. No cookie is ever set: browsers send cookies for 127.0.0.1 to
 * every port, i.e. to any other local server. The page and its assets are the public build and are
 * served without a token; a foreign Host (DNS rebinding), a foreign Origin or a non-loopback peer is
 * refused everything.
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const limits: UiServerLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const codes = new Set<string>();
  const sessions = new Set<string>();
  /** Progress streams, each with the session that opened it: a session sees only its own operations. */
  const streams = new Map<http.ServerResponse, string>();
  const emitTo = (session: string, operationId: string) => (event: ProgressEvent) => {
    const data = `data: ${JSON.stringify({ ...event, operationId })}\n\n`;
    for (const [res, owner] of streams) if (owner === session && !res.destroyed) res.write(data);
  };
  /** Operations running, by session and id: a cancel reaches only its own session's calls. */
  const running = new Map<string, AbortController>();
  const runningKey = (session: string, operationId: string) => `${session} ${operationId}`;
  const service = createService({ ...options.service, emit: () => {}, nativeDialogs: false });
  const staticRoot = path.resolve(options.staticDir);
  let port = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const allowedHosts = allowedHostsFor(port);
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(res, 403, 'refused: not a loopback client');
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, 'refused: foreign Host header');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) return send(res, 403, 'refused: foreign Origin');
    if (req.headers['sec-fetch-site'] === 'cross-site') return send(res, 403, 'refused: cross-site request');
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', `http://127.0.0.1:${port}`).pathname;
    } catch {
      return send(res, 400, 'bad request target');
    }

    if (pathname === SESSION_PATH) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      const body = (await readJsonBody(req, 4096)) as { code?: unknown } | null;
      const code = takeMatch(typeof body?.code === 'string' ? body.code : undefined, codes);
      if (!code)
        return sendJson(
          res,
          401,
          fail('expired-link', 'this link was already used or is not valid: run "ca-bridge ui" again for a new one'),
        );
      codes.delete(code);
      const token = randomBytes(32).toString('base64url');
      sessions.add(token);
      return sendJson(res, 200, { token });
    }

    if (pathname.startsWith('/api/')) {
      const session = takeMatch(bearer(req.headers.authorization), sessions);
      if (!session) return send(res, 401, 'refused: missing or wrong session; open the URL that "ca-bridge ui" printed');
      if (pathname === EVENTS_PATH && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.set(res, session);
        res.once('close', () => streams.delete(res));
        return;
      }
      if (pathname === CANCEL_PATH) {
        if (req.method !== 'POST') return send(res, 405, 'POST only');
        const body = (await readJsonBody(req, 4096)) as { operationId?: unknown } | null;
        if (!isOperationId(body?.operationId)) return sendJson(res, 400, fail('bad-input', 'operationId: not an operation id'));
        const controller = running.get(runningKey(session, body.operationId));
        controller?.abort();
        // Answered the same whether or not it still ran: it has ended either way.
        return sendJson(res, 200, { ok: true, value: { cancelled: controller !== undefined } });
      }
      const op = /^\/api\/([A-Za-z]{1,40})$/.exec(pathname)?.[1] as OperationName | undefined;
      if (!op || !OPERATION_NAMES.includes(op)) return sendJson(res, 404, fail('unknown-operation', 'no such operation'));
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      const input = await readJsonBody(req, limits.maxBodyBytes);
      // The page cancels by abandoning its request: a connection closed before the answer cancels the operation.
      const controller = new AbortController();
      res.once('close', () => {
        if (!res.writableEnded) controller.abort();
      });
      // The page's own id for the call (it can cancel by it before any answer arrives), else one of ours.
      const given = req.headers[OPERATION_ID_HEADER];
      if (given !== undefined && !isOperationId(given))
        return sendJson(res, 400, fail('bad-input', `${OPERATION_ID_HEADER}: not an operation id`));
      const operationId = given ?? randomBytes(9).toString('base64url');
      if (running.has(runningKey(session, operationId)))
        return sendJson(res, 409, fail('bad-input', 'this operation id is already running'));
      res.setHeader(OPERATION_ID_HEADER, operationId);
      const key = runningKey(session, operationId);
      running.set(key, controller);
      try {
        // Desktop-only operations (folder pickers, the file manager) are refused by the service as unsupported.
        const work = service.call(op, input, { signal: controller.signal, emit: emitTo(session, operationId) });
        return sendJson(res, 200, await withDeadline(work, deadlineFor(op, input, limits), op, controller));
      } finally {
        running.delete(key);
      }
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
    const resolved = staticFileFor(staticRoot, pathname);
    if (!resolved) return send(res, 404, 'not found');
    const data = await readFile(resolved).catch(() => null);
    if (!data) return send(res, 404, 'not found');
    return send(res, 200, data, contentTypeFor(resolved));
  }

  const server = http.createServer({
    maxHeaderSize: 16 * 1024,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: 250,
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    // No request, however malformed, may take the server down: every failure becomes an answer.
    req.on('error', () => req.destroy());
    res.on('error', () => res.destroy());
    handle(req, res).catch((error: unknown) => {
      if (error instanceof BodyError) {
        sendJson(res, error.status, fail('bad-input', `request body: ${error.message}`));
        // Stop reading an oversized body: the client is told, then cut off.
        if (error.status === 413) res.once('finish', () => req.destroy());
        return;
      }
      sendJson(res, 500, fail('internal', 'the request could not be handled'));
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    // end() lets the answer leave before the socket closes; destroy() alone would drop it.
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const oneTimeUrl = () => {
    const code = randomBytes(24).toString('base64url');
    codes.add(code);
    return `http://127.0.0.1:${port}/#code=${code}`;
  };
  return {
    url: oneTimeUrl(),
    port,
    oneTimeUrl,
    close: async () => {
      for (const res of streams.keys()) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A wedged operation holds no socket open after closeAllConnections, but never wait on one.
        setTimeout(resolve, 500).unref();
      });
    },
  };
}
