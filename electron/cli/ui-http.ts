import http from 'node:http';
import path from 'node:path';

/** The HTTP pieces of browser mode: safe headers on every answer, bounded bodies, files of the interface folder only. */

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

/** The content type of an interface file, by its extension. */
export const contentTypeFor = (file: string): string => TYPES[path.extname(file)] ?? 'application/octet-stream';

export function send(
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
) {
  if (res.headersSent || res.destroyed) return;
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

export const sendJson = (res: http.ServerResponse, status: number, value: unknown) =>
  send(res, status, JSON.stringify(value), 'application/json');

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON body of at most `limit` bytes; a larger one is refused before it is read. */
export async function readJsonBody(req: http.IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyError(413, `request body over ${limit} bytes`);
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyError(413, `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (!chunks.length) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'request body is not JSON');
  }
}

/**
 * The file of the interface folder a URL path names, or null for anything that would leave the folder.
 * URL parsing already removes "..", so this guard is the second line: it holds for any path given.
 */
export function staticFileFor(root: string, pathname: string): string | null {
  const resolved = path.resolve(root, pathname === '/' ? 'index.html' : `.${pathname}`);
  return resolved.startsWith(root + path.sep) ? resolved : null;
}
