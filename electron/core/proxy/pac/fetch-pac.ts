/**
 * Fetches a PAC file: http, https or file, never through a proxy (the PAC decides about proxies,
 * so it cannot depend on one), with a time limit and a size cap. https is verified explicitly against
 * the trust list the caller gives (the OS store or --trust-store, plus the public roots or
 * --public-roots): the PAC names the proxy that receives the user's traffic and credentials, so
 * NODE_TLS_REJECT_UNAUTHORIZED=0 or NODE_EXTRA_CA_CERTS in the environment change nothing here, and
 * an https address never redirects to plain http.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { LookupFunction } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { WpadProblem } from '../../../../shared/proxy-notes.js';
import { fail, ok, type Result } from '../../../../shared/result.js';
import { readUserFile, UserFileError } from '../../fs/read-user-file.js';
import { MEMORY_TEXT } from './pac-worker-protocol.js';

/** Real PAC files are a few KB; the largest seen in companies are a few hundred. */
export const PAC_MAX_BYTES = 1024 * 1024;
export const PAC_FETCH_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 3;
/** OpenSSL's and Node's codes for a certificate that does not verify (untrusted, expired, wrong name). */
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME/;

export interface PacFetchOptions {
  maxBytes?: number;
  timeoutMs?: number;
  /** Name resolution for http(s) (WPAD pins the address its own resolver answered); the system's when absent. */
  lookup?: LookupFunction;
  /** PEM certificates an https PAC server must chain to; Node's bundled roots when absent. */
  trust?: readonly string[];
  /** The operation's deadline or cancellation: the download ends at once. */
  signal?: AbortSignal;
}

/** The URL as shown to the user: no credentials, no query (it may carry a token). */
export function pacLabel(url: URL): string {
  return url.protocol === 'file:' ? `file://${url.host}${url.pathname}` : `${url.protocol}//${url.host}${url.pathname}`;
}

interface Fetch {
  maxBytes: number;
  deadline: number;
  lookup?: LookupFunction;
  trust: readonly string[];
  signal?: AbortSignal;
}

/** Verification set here, never left to Node's defaults (which NODE_TLS_REJECT_UNAUTHORIZED switches off). */
function verifiedTls(trust: readonly string[]): https.RequestOptions {
  return { rejectUnauthorized: true, ca: [...trust] };
}

function fetchHttp(url: URL, fetch: Fetch, redirects: number): Promise<Result<string>> {
  const { maxBytes, deadline, lookup } = fetch;
  const label = pacLabel(url);
  return new Promise((resolve) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return resolve(fail('pac-fetch', `PAC file ${label}: no answer within the time limit`));
    const get = url.protocol === 'https:' ? https.get : http.get;
    // agent: false — a fresh connection that ignores any global proxy agent.
    const headers = { accept: 'application/x-ns-proxy-autoconfig, */*' };
    const tlsOptions = url.protocol === 'https:' ? verifiedTls(fetch.trust) : {};
    const request = get(url, { agent: false, timeout: remaining, headers, ...tlsOptions, ...(lookup ? { lookup } : {}) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.destroy();
        if (redirects >= MAX_REDIRECTS) return resolve(fail('pac-fetch', `PAC file ${label}: too many redirects`));
        let next: URL;
        try {
          next = new URL(res.headers.location, url);
        } catch {
          return resolve(fail('pac-fetch', `PAC file ${label}: redirect to an invalid URL`));
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:')
          return resolve(fail('pac-fetch', `PAC file ${label}: redirect to ${next.protocol}`));
        if (url.protocol === 'https:' && next.protocol === 'http:')
          return resolve(fail('pac-fetch', `PAC file ${label}: redirect from https to plain http refused`));
        return void fetchHttp(next, fetch, redirects + 1).then(resolve);
      }
      if (status !== 200) {
        res.destroy();
        return resolve(fail('pac-fetch', `PAC file ${label}: the server answered HTTP ${status}`));
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) {
          res.destroy();
          resolve(fail('pac-too-large', `PAC file ${label} is larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve(ok(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', (error) => resolve(fail('pac-fetch', `PAC file ${label}: ${error.message}`)));
    });
    const timer = setTimeout(() => request.destroy(new Error('no answer within the time limit')), remaining);
    const onAbort = () => request.destroy(new Error('cancelled'));
    if (fetch.signal?.aborted) onAbort();
    else fetch.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('close', () => {
      clearTimeout(timer);
      fetch.signal?.removeEventListener('abort', onAbort);
    });
    request.on('timeout', () => request.destroy(new Error('no answer within the time limit')));
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve(
        CERTIFICATE_ERROR.test(error.code ?? '')
          ? fail('pac-untrusted', `PAC file ${label}: the server's certificate could not be verified (${error.code})`)
          : fail('pac-fetch', `PAC file ${label}: ${error.message}`),
      ),
    );
  });
}

export async function fetchPac(text: string, options: PacFetchOptions = {}): Promise<Result<string>> {
  const maxBytes = options.maxBytes ?? PAC_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? PAC_FETCH_TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('bad-proxy', 'the PAC address is not a URL (expected pac+http://…, pac+https://… or pac+file:///…)');
  }
  if (url.protocol === 'file:') {
    try {
      return ok((await readUserFile(fileURLToPath(url), { maxBytes, timeoutMs, signal: options.signal })).toString('utf8'));
    } catch (error) {
      if (error instanceof UserFileError)
        return fail(error.problem === 'too-large' ? 'pac-too-large' : 'pac-fetch', `PAC file: ${error.message}`);
      return fail('pac-fetch', `PAC file ${url.href}: ${(error as Error).message}`);
    }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return fail('bad-proxy', `the PAC address has the scheme ${url.protocol}, expected http, https or file`);
  const trust = options.trust ?? tls.rootCertificates;
  return fetchHttp(url, { maxBytes, deadline: Date.now() + timeoutMs, lookup: options.lookup, trust, signal: options.signal }, 0);
}

/** A failed fetch as the reason a front door words: what went wrong, without the server's own text. */
export function pacProblem(code: string, message: string): WpadProblem {
  if (code === 'pac-too-large') return 'too-large';
  if (code === 'pac-untrusted') return 'certificate';
  if (code === 'pac-timeout') return 'script-timeout';
  if (code === 'pac-error') return message.includes(MEMORY_TEXT) ? 'memory' : 'script';
  if (/answered HTTP \d+/.test(message)) return 'http-status';
  if (/time limit/.test(message)) return 'timeout';
  return 'unreachable';
}
