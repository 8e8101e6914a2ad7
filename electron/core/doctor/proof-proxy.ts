import { parseTarget } from '../../../shared/targets.js';
import { parseProxyUrl, proxyUrlWithCredentials } from '../proxy/proxy-url.js';
import { askProxyOffer, signInForTool } from '../verify/proxy-sign-in.js';

/**
 * The proxy a Node-based proof (Node, VS Code) is handed, by verify's own sign-in rule
 * (verify/proxy-sign-in.ts): credentials only in a scheme the proxy offered and the tool speaks. verify's
 * Node script speaks Basic only and sends it on its first CONNECT, so it gets the credentials only when the
 * proxy asked for Basic (asked once, without credentials); behind an NTLM- or Negotiate-only proxy the
 * proof cannot run and says so. A proxy that asks for nothing gets the URL without credentials.
 */

/**
 * A proof that could not get past the proxy: it offers no scheme the tool can sign in with under the
 * policy (`proxy-sign-in`, not run), or it answered the sign-in with 407 (`proxy-refused`: the user or
 * password). Either way the CA was never tested.
 */
export class ProofCannotSignIn extends Error {
  constructor(
    readonly offered: string[],
    readonly outcome: 'proxy-sign-in' | 'proxy-refused' = 'proxy-sign-in',
  ) {
    super(outcome === 'proxy-refused' ? 'the proxy refused the sign-in (407)' : `the proxy asks for ${offered.join(', ')}`);
  }
}

/** verify's Node script's line when the proxy refuses its CONNECT with 407. */
export const refusedByProxy = (stderr: string) => /^proxy answered HTTP\/\d(?:\.\d)? 407\b/m.test(stderr);

const OFFER_TIMEOUT_MS = 30_000;

/** The proxy URL to hand (empty: none); throws ProofCannotSignIn. */
export async function nodeProofProxy(proxyText: string, url: string): Promise<string> {
  if (!proxyText) return '';
  const parsed = parseProxyUrl(proxyText);
  if (!parsed.ok) throw new ProofCannotSignIn([]);
  const spec = parsed.value;
  if (!spec.auth) return proxyUrlWithCredentials(spec);
  const target = parseTarget(new URL(url).host);
  if (!target.ok) throw new ProofCannotSignIn([]);
  const offer = await askProxyOffer(spec, target.value, [], OFFER_TIMEOUT_MS);
  const signIn = signInForTool('node', { proxy: spec, offer });
  if (signIn.cannot || !signIn.proxy) throw new ProofCannotSignIn(offer.offered);
  return proxyUrlWithCredentials(signIn.proxy);
}
