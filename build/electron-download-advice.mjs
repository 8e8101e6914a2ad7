// What to tell someone whose `npm start` could not download Electron. On a corporate laptop the usual
// cause is TLS inspection itself: the proxy re-signs the download with a CA that Node does not trust.

const CERTIFICATE_ERRORS =
  /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_UNTRUSTED|DEPTH_ZERO_SELF_SIGNED_CERT|self[- ]signed certificate|unable to (get local issuer|verify the first) certificate/i;
const NETWORK_ERRORS = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|407/i;

/** How much of the installer's output is read: its end, where the failure is printed. */
export const OUTPUT_TAIL_CHARS = 20_000;

/** The first line that names the failure, without the stack trace; bounded, whatever the installer printed. */
export function failureLine(output) {
  const text = String(output).slice(-OUTPUT_TAIL_CHARS);
  const line = text.split(/\r?\n/).find((l) => CERTIFICATE_ERRORS.test(l) || NETWORK_ERRORS.test(l)) ?? '';
  return line.trim().slice(0, 300);
}

/** Lines to print: the cause in plain words, the fixes, and the browser-mode fallback. Never "turn verification off". */
export function downloadAdvice(output) {
  const line = failureLine(output);
  const fallback = ['Or use the same interface in your browser, no download needed:', '  npx ca-bridge ui'];
  if (CERTIFICATE_ERRORS.test(line)) {
    return [
      `Electron could not be downloaded: the server's certificate was not trusted (${line}).`,
      'This network most likely inspects TLS: a company proxy re-signs HTTPS with its own CA, which Node does',
      'not trust by default. That is the problem CA Bridge solves. Fix it with one of these, then run npm start again:',
      '  NODE_OPTIONS=--use-system-ca npm start',
      '      (Node 22.15 or later: trust the OS store, where IT installed the company CA)',
      '  NODE_EXTRA_CA_CERTS=$HOME/ca-bridge/corporate-ca.pem npm start',
      '      (after exporting the CA: npx ca-bridge export --out ~/ca-bridge)',
      '  ELECTRON_MIRROR=https://<your company mirror>/electron/ npm start',
      '      (if your company mirrors Electron releases)',
      ...fallback,
    ];
  }
  if (NETWORK_ERRORS.test(line)) {
    return [
      `Electron could not be downloaded: ${line}`,
      'If your network needs a proxy, set it for the download (HTTPS_PROXY=http://proxy:port npm start),',
      'or point ELECTRON_MIRROR at a mirror your company provides.',
      ...fallback,
    ];
  }
  return ['Electron could not be downloaded (see the message above).', ...fallback];
}
