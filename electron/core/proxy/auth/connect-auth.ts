/**
 * The client side of proxy authentication for one CONNECT: which scheme to answer a 407 with,
 * and the next `Proxy-Authorization` value. Nothing is sent before the proxy asks, and the scheme is
 * the credential policy's (credential-policy.ts): NTLM, else Negotiate with the user's Kerberos
 * ticket, else Basic only when the proxy offers neither NTLM nor Negotiate. A proxy the policy holds
 * the credentials back from gets none, and the failure says what to confirm. Every sending of
 * credentials is recorded so the output can name the proxy and the scheme.
 * On Windows, Negotiate and NTLM go through SSPI first
 * (sspi-exchange.ts): single sign-on without credentials, the given identity with them.
 * Anything else ends with what was offered and what to do.
 */
import type { ProxyAuthInfo, ProxyAuthProblem } from '../../../../shared/detection.js';
import type { ProxySpec } from '../proxy-url.js';
import { findChallenge, offeredSchemes, type Challenge } from './challenges.js';
import { credentialScheme, noteCredentialsHeld, noteCredentialsSent, proxyHostPort } from '../credential-policy.js';
import { CREDENTIAL_HINT, ProxyAuthFailure } from './failure.js';
import { negotiateStart } from './negotiate.js';
import { ntlmAuthenticate, ntlmNegotiate } from './ntlm.js';
import { SspiExchange } from './sspi-exchange.js';

export interface AuthAnswer {
  header: string;
  /** NTLM's second message must go over the connection that carried the challenge. */
  needsSameConnection: boolean;
}

type State = 'none' | 'basic' | 'ntlm-negotiate' | 'ntlm-authenticate' | 'negotiate' | 'sspi';

const SCHEME_OF: Record<State, string | null> = {
  none: null,
  basic: 'Basic',
  'ntlm-negotiate': 'NTLM',
  'ntlm-authenticate': 'NTLM',
  negotiate: 'Negotiate',
  sspi: null,
};

const RELAY_HINT = 'tools that cannot authenticate can go through a local relay such as px or cntlm';

export class ConnectAuth {
  private state: State = 'none';
  private readonly sspi: SspiExchange;

  constructor(
    private readonly proxy: ProxySpec,
    private readonly label: string,
    private readonly signal: AbortSignal,
  ) {
    this.sspi = new SspiExchange(proxy.host, label, signal);
  }

  /** Releases what the exchange holds (Windows security contexts); call once the CONNECT is over. */
  dispose(): void {
    this.sspi.dispose();
  }

  private fail(problem: ProxyAuthProblem, offered: string[], message: string): ProxyAuthFailure {
    const info: ProxyAuthInfo = { offered, tried: SCHEME_OF[this.state], problem };
    return new ProxyAuthFailure(message, info);
  }

  /** The answer to a 407 carrying these challenges, or the failure to report. */
  async next(challenges: readonly Challenge[]): Promise<AuthAnswer | ProxyAuthFailure> {
    const offered = offeredSchemes(challenges);
    const asks = offered.length ? ` (it asks for ${offered.join(', ')})` : ' (it names no authentication scheme)';
    const auth = this.proxy.auth;

    if (this.state === 'sspi') return this.sspi.continue(challenges);
    // Before Windows sign-on too: a proxy the user has not confirmed gets no identity at all.
    if (this.state === 'none' && !auth && this.proxy.held && offered.length) {
      noteCredentialsHeld(this.proxy);
      const origin =
        this.proxy.held === 'wpad'
          ? 'was named only by a WPAD file found on the network'
          : 'was chosen by a proxy setting whose origin (PAC or WPAD) is unknown';
      return this.fail(
        'unconfirmed-proxy',
        offered,
        `${this.label} asks for credentials${asks}, but it ${origin}: CA Bridge sends your credentials to it only after you confirm it, with --confirm-proxy ${proxyHostPort(this.proxy)}`,
      );
    }
    if (this.state === 'none') {
      const viaSspi = await this.sspi.start(challenges, auth);
      if (viaSspi && !(viaSspi instanceof ProxyAuthFailure)) {
        this.state = 'sspi';
        noteCredentialsSent(this.proxy, viaSspi.header.split(' ')[0] ?? 'Negotiate');
      }
      if (viaSspi) return viaSspi;
    }
    if (this.state === 'ntlm-negotiate') {
      const token = findChallenge(challenges, 'NTLM')?.token;
      if (!token) return this.fail('rejected', offered, `${this.label} rejected the NTLM negotiation${asks}`);
      const type3 = ntlmAuthenticate(token, auth!);
      if (typeof type3 !== 'string') return this.fail('bad-challenge', offered, `${this.label}: ${type3.error}`);
      this.state = 'ntlm-authenticate';
      noteCredentialsSent(this.proxy, 'NTLM');
      return { header: type3, needsSameConnection: true };
    }
    if (this.state === 'negotiate') {
      return this.fail(
        'rejected',
        offered,
        `${this.label} rejected the Kerberos ticket${asks}: check that the ticket is for the proxy's realm (klist), or ${CREDENTIAL_HINT}`,
      );
    }
    if (this.state !== 'none') {
      return this.fail('rejected', offered, `${this.label} rejected the credentials, sent as ${SCHEME_OF[this.state]}${asks}`);
    }

    const scheme = credentialScheme(offered, Boolean(auth));
    if (auth && scheme === 'NTLM') {
      this.state = 'ntlm-negotiate';
      return { header: ntlmNegotiate(auth), needsSameConnection: false };
    }
    if (auth && scheme === 'Basic') {
      this.state = 'basic';
      noteCredentialsSent(this.proxy, 'Basic');
      return { header: `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`, needsSameConnection: false };
    }
    if (scheme === 'Negotiate') {
      const started = await negotiateStart(this.proxy.host, this.signal);
      if ('header' in started) {
        this.state = 'negotiate';
        noteCredentialsSent(this.proxy, 'Negotiate');
        return { header: started.header, needsSameConnection: false };
      }
      if (auth && findChallenge(challenges, 'Basic'))
        return this.fail(
          'no-ticket',
          offered,
          `${this.label} asks for Negotiate (Kerberos) or Basic authentication${asks}, and ${started.error}. CA Bridge never sends your password as Basic to a proxy that offers Kerberos: get a ticket first (kinit on Linux and macOS; on Windows, log on with a domain account)`,
        );
      const others = offered.some((s) => /^(ntlm|basic)$/i.test(s)) && !auth ? `; or ${CREDENTIAL_HINT}` : '';
      return this.fail(
        'no-ticket',
        offered,
        `${this.label} asks for Negotiate (Kerberos) authentication${asks}, and ${started.error}. Get a ticket first (kinit on Linux and macOS; on Windows, log on with a domain account)${others}`,
      );
    }
    if (!auth && offered.some((s) => /^(ntlm|basic)$/i.test(s))) {
      return this.fail('no-credentials', offered, `${this.label} requires authentication${asks}: ${CREDENTIAL_HINT}`);
    }
    return this.fail(
      'unsupported-scheme',
      offered,
      `${this.label} requires authentication${asks}, with no scheme CA Bridge speaks (Basic, NTLM, Negotiate): ${RELAY_HINT}`,
    );
  }
}
