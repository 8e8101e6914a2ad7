/**
 * Probing through Chromium's network stack for the sites Node could not reach through the proxy. In
 * the desktop app Chromium resolves the proxy itself (system settings, PAC, WPAD) and signs on to
 * NTLM and Negotiate (Kerberos) proxies with the logged-on user, which Node cannot do without a
 * password or a usable ticket. One request per such site, on the app's own session; the certificate
 * chain Chromium was shown is captured in the session's verify procedure and handed to the engine,
 * which judges it exactly as a chain Node had seen.
 */
import type { ClientRequest, ClientRequestConstructorOptions, Request as VerifyRequest, Session } from 'electron';
import {
  MAX_EXTERNAL_CHAIN_LENGTH,
  MAX_EXTERNAL_PEM_CHARS,
  nodeCannotUseRoute,
  targetsBlockedByProxy,
  type ExternalChain,
} from '../core/analysis/external-chains.js';
import { formatPacEntry, parsePacResult } from '../core/proxy/pac.js';
import type { DetectionResult, TargetReport } from '../../shared/detection.js';

/** Chromium's own answer: the procedure never changes what Chromium decided about a certificate. */
export const USE_CHROMIUM_VERIFICATION = -3;
const REQUEST_MS = 15_000;
/** At most this many sites are asked; the default list has fewer, a long custom list is cut. */
const MAX_SITES = 32;

export type RouteSession = Pick<Session, 'setCertificateVerifyProc' | 'resolveProxy' | 'closeAllConnections'>;
export interface ChromiumNet {
  request(options: ClientRequestConstructorOptions): Pick<ClientRequest, 'on' | 'end' | 'abort'>;
}

const urlOf = (t: { host: string; port: number }) => `https://${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}/`;
/** Electron names IPv6 hosts without brackets in the verify request; the URL form has them. */
const hostKey = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();

/** The chain Chromium was shown, leaf first: the certificate and its `issuerCert` links, bounded in length and size. */
export function chainOf(request: Pick<VerifyRequest, 'certificate'>): string[] {
  const pems: string[] = [];
  const seen = new Set<string>();
  let cert: VerifyRequest['certificate'] | undefined = request.certificate;
  while (cert && pems.length < MAX_EXTERNAL_CHAIN_LENGTH) {
    const pem: unknown = cert.data;
    if (typeof pem !== 'string' || pem.length > MAX_EXTERNAL_PEM_CHARS || seen.has(pem)) break;
    seen.add(pem);
    pems.push(pem);
    cert = cert.issuerCert;
  }
  return pems;
}

/** One request, its body never read; resolves when Chromium has answered, failed, or the time is up. */
function requestOnce(net: ChromiumNet, session: RouteSession, url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const request = net.request({
      url,
      method: 'HEAD',
      session: session as Session,
      redirect: 'manual',
      useSessionCookies: false,
      cache: 'no-store',
    });
    const finish = () => {
      clearTimeout(timer);
      request.abort();
      resolve();
    };
    const timer = setTimeout(finish, timeoutMs);
    request.on('response', finish);
    request.on('redirect', finish);
    request.on('error', finish);
    request.on('abort', finish);
    // Chromium asks only when its integrated sign-on did not do: no prompt from here, and no credentials sent.
    request.on('login', (_info, callback) => {
      callback();
      finish();
    });
    request.end();
  });
}

/**
 * The sites to ask Chromium about: Node was stopped by the proxy (a 407 it could not answer, a proxy
 * error), or Chromium's route starts with a proxy kind Node does not speak. HTTPS and SOCKS routes
 * Node now takes itself, so they are no longer a reason.
 */
function sitesToAsk(result: DetectionResult, routes: readonly string[]): TargetReport[] {
  const blocked = new Set(targetsBlockedByProxy(result));
  return result.targets.filter((t, i) => blocked.has(t) || nodeCannotUseRoute(routes[i]!)).slice(0, MAX_SITES);
}

/**
 * Asks Chromium for the chains of the sites Node could not reach through the proxy. Installing the
 * procedure clears Chromium's verification cache; pooled connections, already verified, would skip it,
 * so they are closed first.
 */
export async function chromiumChains(
  deps: { net: ChromiumNet; session: RouteSession; timeoutMs?: number },
  result: DetectionResult,
): Promise<ExternalChain[]> {
  const routes = await Promise.all(
    result.targets.map(async (t) => {
      const raw = await deps.session.resolveProxy(urlOf(t)).catch(() => 'DIRECT');
      return parsePacResult(String(raw)).map(formatPacEntry).join('; ');
    }),
  );
  const sites = sitesToAsk(result, routes);
  if (sites.length === 0) return [];
  const wanted = new Set(sites.map((t) => hostKey(t.host)));
  const captured = new Map<string, string[]>();
  await deps.session.closeAllConnections();
  deps.session.setCertificateVerifyProc((request, callback) => {
    try {
      const host = hostKey(String(request.hostname));
      if (wanted.has(host) && !captured.has(host)) captured.set(host, chainOf(request));
    } catch {
      // A certificate that cannot be read is simply not captured; the callback below still runs.
    } finally {
      callback(USE_CHROMIUM_VERIFICATION);
    }
  });
  try {
    await Promise.all(sites.map((t) => requestOnce(deps.net, deps.session, urlOf(t), deps.timeoutMs ?? REQUEST_MS)));
  } finally {
    deps.session.setCertificateVerifyProc(null);
  }
  return sites.flatMap((t) => {
    const pems = captured.get(hostKey(t.host));
    if (!pems?.length) return [];
    const route = routes[result.targets.indexOf(t)]!;
    return [{ host: t.host, port: t.port, pems, route, nodeCannotUseRoute: nodeCannotUseRoute(route) }];
  });
}
