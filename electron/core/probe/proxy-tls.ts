/**
 * TLS to an HTTPS proxy (PAC `HTTPS host:port`, `--proxy https://…`): the CONNECT exchange and any
 * proxy credentials travel inside it. Unlike the site's handshake — where we only look at the chain —
 * this one is verified: a proxy we cannot authenticate would see the password and could answer for
 * any site. Never falls back to an unverified connection or to plain HTTP.
 */
import type net from 'node:net';
import tls from 'node:tls';
import { isIpLiteral } from '../../../shared/targets.js';
import type { ProxySpec } from '../proxy/proxy-url.js';
import { ProbeFailure } from './errors.js';

/** Verification errors worded for the user; the code names the fix (the CA that issued the proxy's certificate). */
function verifyFailure(proxy: ProxySpec, error: NodeJS.ErrnoException): ProbeFailure {
  const code = error.code ?? '';
  const untrusted = /SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY_LEAF|CERT_UNTRUSTED|UNABLE_TO_GET_CRL/.test(code);
  const why = untrusted
    ? `its certificate is not issued by a CA this computer trusts (${code}); add the CA that issued it with --ca FILE (check) or to the OS trust store`
    : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? `its certificate is not valid for the name ${proxy.host}`
      : /EXPIRED|NOT_YET_VALID/.test(code)
        ? `its certificate is outside its validity period (${code})`
        : null;
  if (why) return new ProbeFailure('proxy-error', `HTTPS proxy ${proxy.redactedUrl} could not be verified: ${why}`);
  // Typically a plain HTTP proxy named with https:// (OpenSSL: "wrong version number").
  return new ProbeFailure(
    'proxy-error',
    `the TLS handshake with HTTPS proxy ${proxy.redactedUrl} failed (${code || error.message}); if it is a plain HTTP proxy, write http://`,
  );
}

/**
 * One TLS context per trust list: building one parses every PEM, which for an OS store of a few
 * hundred roots (or a 10,000-certificate test store) must not happen again for every site. Keyed by
 * the run's own array, so a run's list is parsed once and forgotten with it.
 */
const contexts = new WeakMap<readonly string[], tls.SecureContext>();

function contextFor(trustedPems: readonly string[]): tls.SecureContext {
  let context = contexts.get(trustedPems);
  if (!context) {
    context = tls.createSecureContext({ ca: [...trustedPems] });
    contexts.set(trustedPems, context);
  }
  return context;
}

/**
 * Wraps the TCP connection to the proxy in TLS verified against `trustedPems` (the OS store, plus the
 * user's --ca where the command has one) and the proxy's host name.
 */
export function proxyTls(
  socket: net.Socket,
  proxy: ProxySpec,
  trustedPems: readonly string[],
  signal: AbortSignal,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = tls.connect({
      socket,
      servername: isIpLiteral(proxy.host) ? undefined : proxy.host,
      host: proxy.host,
      secureContext: contextFor(trustedPems),
      rejectUnauthorized: true,
      ALPNProtocols: ['http/1.1'],
    });
    const onAbort = () => secure.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      signal.removeEventListener('abort', onAbort);
      secure.off('error', onError);
      secure.off('close', onClose);
    };
    const onError = (error: NodeJS.ErrnoException) => {
      settle();
      secure.destroy();
      reject(verifyFailure(proxy, error));
    };
    const onClose = () => {
      settle();
      reject(new ProbeFailure('proxy-error', `HTTPS proxy ${proxy.redactedUrl} closed the connection during the TLS handshake`));
    };
    secure.once('error', onError);
    secure.once('close', onClose);
    secure.once('secureConnect', () => {
      settle();
      resolve(secure);
    });
  });
}
