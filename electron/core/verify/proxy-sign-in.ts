/**
 * How verify's tools sign in to the proxy, under the credential policy (credential-policy.ts): a tool
 * gets the user's credentials only in a scheme the proxy offered and the tool can speak. Most tools
 * (Node, Python, Java, npm, openssl…) speak only Basic, and send it on their first CONNECT when the
 * proxy URL carries a user: behind a proxy offering NTLM or Negotiate they are given no credentials
 * and reported `proxy-auth` — the CA is fine, the tool cannot sign in — with a relay as the next step.
 * curl and git have their own NTLM and Negotiate (libcurl): `--proxy-ntlm`/`--proxy-negotiate`
 * (curl's man page) and `GIT_HTTP_PROXY_AUTHMETHOD` (git-config, http.proxyAuthMethod).
 *
 * What the proxy offers is asked once, with an unauthenticated CONNECT (no credentials leave).
 */
import type { ToolProxyAuth } from '../../../shared/api/results.js';
import type { ConnectTo } from '../../../shared/connect-to.js';
import type { Target } from '../../../shared/targets.js';
import { openTunnel } from '../probe/tunnel.js';
import { ProxyAuthFailure } from '../proxy/auth/failure.js';
import { noteOfferedSchemes, offeredSchemesOf } from '../proxy/auth/observed.js';
import { credentialScheme, proxyHostPort } from '../proxy/credential-policy.js';
import type { ProxySpec } from '../proxy/proxy-url.js';

/** What the proxy asked of a client that gave no credentials; `null`: it let the client through. */
export interface ProxyOffer {
  offered: string[];
  /** The proxy asked, and the policy holds the credentials back from it (WPAD, unconfirmed). */
  held: boolean;
}

/** One CONNECT without credentials: which schemes the proxy asks for (none when it lets us through). */
export async function askProxyOffer(
  proxy: ProxySpec,
  target: Target,
  mappings: readonly ConnectTo[],
  timeoutMs: number,
  proxyTrust: readonly string[] = [],
): Promise<ProxyOffer> {
  // A copy, so the schemes noted (observed.ts) belong to this question alone; never any credentials.
  const bare: ProxySpec = { ...proxy, auth: null };
  const signal = AbortSignal.timeout(timeoutMs);
  const offer = await openTunnel(target, bare, mappings, signal, () => {}, proxyTrust).then(
    (tunnel): ProxyOffer => {
      tunnel.socket.destroy();
      return { offered: offeredSchemesOf(bare), held: false };
    },
    (error: unknown): ProxyOffer =>
      error instanceof ProxyAuthFailure
        ? { offered: error.info.offered, held: error.info.problem === 'unconfirmed-proxy' }
        : // Anything else (a refusal, a timeout) is the tools' own to meet and report.
          { offered: offeredSchemesOf(bare), held: false },
  );
  // Noted on the user's proxy too, for the relay advice (relay-advice.ts reads them from there).
  noteOfferedSchemes(proxy, offer.offered);
  return offer;
}

/** What a tool can answer a 407 with, by probe name; everything else is Basic only. */
const OWN_SIGN_IN: Readonly<Record<string, readonly ('NTLM' | 'Negotiate' | 'Basic')[]>> = {
  curl: ['NTLM', 'Negotiate', 'Basic'],
  git: ['NTLM', 'Negotiate', 'Basic'],
};

/** How one tool goes through the proxy. */
export type ToolSignIn =
  /** The proxy URL without credentials: the proxy asks for none, or none were given. */
  | { kind: 'plain' }
  /** The proxy URL with the credentials, and the tool told which scheme to use. */
  | { kind: 'sign-in'; scheme: 'NTLM' | 'Negotiate' | 'Basic' }
  /** Not run: it cannot sign in under the policy. */
  | { kind: 'cannot'; offered: string[]; held: boolean };

export function toolSignIn(probe: string, proxy: ProxySpec, offer: ProxyOffer): ToolSignIn {
  if (offer.offered.length === 0) return { kind: 'plain' };
  if (offer.held) return { kind: 'cannot', offered: offer.offered, held: true };
  const scheme = credentialScheme(offer.offered, Boolean(proxy.auth), OWN_SIGN_IN[probe] ?? ['Basic']);
  if (!scheme) return { kind: 'cannot', offered: offer.offered, held: false };
  // Negotiate uses the user's Kerberos ticket; a tool never needs the password for it.
  return { kind: 'sign-in', scheme };
}

/** The arguments and variables that make curl or git use the chosen scheme, and only it. */
export function signInSettings(probe: string, signIn: ToolSignIn): { args: string[]; env: Record<string, string> } {
  if (signIn.kind !== 'sign-in') return { args: [], env: {} };
  if (probe === 'curl') {
    const flag = { NTLM: '--proxy-ntlm', Negotiate: '--proxy-negotiate', Basic: '--proxy-basic' }[signIn.scheme];
    // --proxy-negotiate with an empty user: the ticket, as curl's man page says ("-U :").
    return { args: [flag, ...(signIn.scheme === 'Negotiate' ? ['--proxy-user', ':'] : [])], env: {} };
  }
  if (probe === 'git')
    return { args: [], env: { GIT_HTTP_PROXY_AUTHMETHOD: { NTLM: 'ntlm', Negotiate: 'gssnegotiate', Basic: 'basic' }[signIn.scheme] } };
  return { args: [], env: {} };
}

/** Whether the proxy URL handed to the tool carries the credentials. */
export const urlCarriesCredentials = (signIn: ToolSignIn) => signIn.kind === 'sign-in' && signIn.scheme !== 'Negotiate';

const authInfo = (proxy: ProxySpec, offered: string[], held: boolean): ToolProxyAuth => ({
  proxy: proxy.redactedUrl,
  hostPort: proxyHostPort(proxy),
  offered,
  held,
});

/** Everything verify changes for one tool's sign-in: the proxy it is handed, extra arguments and variables, or why it is not run. */
export function signInForTool(
  probe: string,
  ctx: { proxy: ProxySpec | null; offer?: ProxyOffer },
): { proxy: ProxySpec | null; args: string[]; env: Record<string, string>; cannot: { text: string; info: ToolProxyAuth } | null } {
  if (!ctx.proxy) return { proxy: null, args: [], env: {}, cannot: null };
  const signIn = toolSignIn(probe, ctx.proxy, ctx.offer ?? { offered: [], held: false });
  const proxy = urlCarriesCredentials(signIn) ? ctx.proxy : { ...ctx.proxy, auth: null };
  const cannot =
    signIn.kind === 'cannot'
      ? { text: cannotSignInText(probe, ctx.proxy, signIn), info: authInfo(ctx.proxy, signIn.offered, signIn.held) }
      : null;
  return { proxy, ...signInSettings(probe, signIn), cannot };
}

/**
 * A tool that ran and was answered 407 (curl "CONNECT tunnel failed, response 407", Python "407 Proxy
 * Authentication Required", Java "HTTP/1.1 407"…): the proxy refused its sign-in — the CA never came into it.
 */
export function proxyRefusedSignIn(
  probe: string,
  proxy: ProxySpec,
  offer: ProxyOffer | undefined,
  output: string,
): { text: string; info: ToolProxyAuth } | null {
  if (!/\b407\b|Proxy Authentication Required/i.test(output)) return null;
  const offered = offer?.offered ?? [];
  return {
    text: `the CA is fine; the proxy ${proxy.redactedUrl} refused ${probe}'s sign-in${offered.length ? ` (it asks for ${offered.join(', ')})` : ''}: check the user and password, or run it through a local relay such as px or cntlm`,
    info: authInfo(proxy, offered, false),
  };
}

/** The English line for the CLI and logs; the page words `proxyAuth` itself. */
export function cannotSignInText(probe: string, proxy: ProxySpec, signIn: Extract<ToolSignIn, { kind: 'cannot' }>): string {
  const asks = `it asks for ${signIn.offered.join(', ')}`;
  if (signIn.held)
    return `the CA is fine; ${probe} was not run: proxy ${proxy.redactedUrl} (${asks}) was named only by WPAD, and your credentials go to it only after --confirm-proxy ${proxyHostPort(proxy)}`;
  return `the CA is fine; this tool cannot sign in to the proxy ${proxy.redactedUrl} (${asks}${proxy.auth ? '' : ', and no credentials were given'}): run it through a local relay such as px or cntlm (see the relay advice), then verify with --relay`;
}
