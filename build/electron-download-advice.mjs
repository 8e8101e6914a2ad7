// What to tell someone whose `npm start` could not download Electron, from the failure's cause chain
// (build/electron-fetch.mjs). On a corporate laptop the usual cause is TLS inspection itself: the proxy
// re-signs the download with a CA that Node does not trust. Never suggests turning verification off.

const CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const CERTIFICATE_TEXT = /self[- ]signed certificate|unable to (get local issuer|verify the first) certificate/i;
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * The kind of failure: `certificate` (TLS not trusted: inspection), `offline` (no route to the server:
 * no internet, a proxy that cannot reach it, or one that is needed and not set), `proxy` (the proxy
 * refused: 407 sign-in, 403 blocked), `download` (the server answered, but not with Electron), `other`.
 */
export function failureKind(chain) {
  const codes = chain.map((e) => e.code).filter(Boolean);
  const text = chain.map((e) => e.message).join('\n');
  if (codes.some((c) => CERTIFICATE_CODES.has(c)) || CERTIFICATE_TEXT.test(text)) return 'certificate';
  if (/Proxy response \((40[37])\)/.test(text)) return 'proxy';
  if (codes.some((c) => OFFLINE_CODES.has(c)) || /other side closed|socket hang up|Proxy response \(5\d\d\)/i.test(text)) return 'offline';
  if (/HTTPError|Response code \d+|checksum|did not match|404|403/i.test(text)) return 'download';
  return 'other';
}

/** The deepest cause's words, on one bounded line: what actually went wrong. */
export function rootCause(chain) {
  const last = chain[chain.length - 1];
  if (!last) return 'no error was reported';
  return `${last.code ? `${last.code}: ` : ''}${last.message}`.replace(/\s+/g, ' ').slice(0, 300);
}

const FALLBACK = ['Or use the same interface in your browser, no download needed:', '  npx ca-bridge ui'];

/**
 * The fixes for a certificate failure, given what CA Bridge's own check found (`diagnosis`, or null when
 * it could not run): the inspection, its CA and where it is, and the commands that hand it to Node.
 */
export function certificateAdvice(chain, diagnosis) {
  const lines = [`Electron could not be downloaded: the server's certificate was not trusted (${rootCause(chain)}).`];
  if (diagnosis?.inspected) {
    const by = diagnosis.vendor ? ` by ${diagnosis.vendor}` : '';
    lines.push(`CA Bridge checked ${diagnosis.host}: this network inspects TLS${by}. The proxy re-signs HTTPS with`);
    lines.push(`  ${diagnosis.subject} (SHA-256 ${diagnosis.fingerprint ?? 'unknown'})`);
    lines.push(
      diagnosis.inStore
        ? "  which is installed in this computer's trust store (IT put it there), but Node does not read that store."
        : "  which is NOT in this computer's trust store: ask IT for this CA certificate file.",
    );
  } else {
    lines.push('This network most likely inspects TLS: a company proxy re-signs HTTPS with its own CA, which Node does');
    lines.push('not trust by default.');
  }
  lines.push('Fix it with one of these, then run npm start again:');
  if (!diagnosis?.inspected || diagnosis.inStore)
    lines.push(
      '  CA_BRIDGE_TRUST_OS_CA=1 npm start',
      '      (CA Bridge exports the CA from the OS store to a temporary file and retries with it)',
    );
  lines.push(
    '  NODE_OPTIONS=--use-system-ca npm start',
    '      (Node 22.15 or later: trust the OS store, once IT has installed the company CA there)',
  );
  lines.push(
    '  NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem npm start',
    '      (the CA file from IT, or one exported by CA Bridge on another machine)',
    '  ELECTRON_MIRROR=https://<your company mirror>/electron/ npm start',
    '      (if your company mirrors Electron releases)',
  );
  return lines;
}

/** Lines for a failure that is not about certificates. Never "see the message above" over nothing: the cause is always named. */
export function otherAdvice(chain, kind) {
  const cause = rootCause(chain);
  switch (kind) {
    case 'offline':
      return [
        `Electron could not be downloaded: the download server could not be reached (${cause}).`,
        'This computer has no internet connection, or only a proxy may be used: set it for the download',
        '(HTTPS_PROXY=http://proxy:port ELECTRON_GET_USE_PROXY=1 npm start), or point ELECTRON_MIRROR at a mirror your company provides.',
      ];
    case 'proxy':
      return [
        `Electron could not be downloaded: the proxy refused the download (${cause}).`,
        'A 407 asks for a sign-in the installer cannot give; a 403 means the proxy blocks the download. Ask IT for',
        'a mirror of Electron releases (ELECTRON_MIRROR), or download on another network once.',
      ];
    case 'download':
      return [
        `Electron could not be downloaded: the server answered, but not with Electron's archive (${cause}).`,
        'A filtering proxy or a wrong ELECTRON_MIRROR can do this.',
      ];
    default:
      return [`Electron could not be downloaded: ${cause}`];
  }
}

export { FALLBACK };
