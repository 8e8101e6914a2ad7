/**
 * How a CONNECT answers Negotiate and NTLM on Windows: through SSPI, as the browser does. Without
 * credentials from the user, that is single sign-on with the logon session (Negotiate first, since it
 * carries Kerberos and falls back to NTLM inside the package; then NTLM). With --proxy-user, NTLM (or
 * a Negotiate-only proxy) goes through SSPI with that explicit identity, as Windows builds of curl do;
 * should SSPI be unusable there, the caller's own NTLM takes over. Not used on other platforms.
 *
 * SSPI contexts are connection-based: every token after the first answers the proxy's challenge on
 * the connection that carried it.
 */
import type { ProxyAuthProblem } from '../../../../shared/detection.js';
import type { ProxyCredentials } from '../proxy-url.js';
import { findChallenge, offeredSchemes, type Challenge } from './challenges.js';
import { CREDENTIAL_HINT, ProxyAuthFailure } from './failure.js';
import type { SspiPackage } from './sspi-binding.js';
import { MAX_SSPI_TOKEN_BYTES, SspiSession, sspiUnavailable, type SspiFailure } from './sspi.js';

export interface SspiAnswer {
  header: string;
  needsSameConnection: boolean;
}

/** SECURITY_STATUS values meaning "the proxy's token is not one the package can read". */
const BAD_TOKEN = new Set([0x80090308, 0x80090318]);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const asks = (offered: string[]) => (offered.length ? ` (it asks for ${offered.join(', ')})` : ' (it names no authentication scheme)');

export class SspiExchange {
  private session: SspiSession | null = null;
  private explicit = false;

  constructor(
    private readonly proxyHost: string,
    private readonly label: string,
    private readonly signal: AbortSignal,
  ) {}

  private failure(problem: ProxyAuthProblem, offered: string[], tried: string | null, message: string): ProxyAuthFailure {
    return new ProxyAuthFailure(message, { offered, tried, problem });
  }

  /**
   * The first answer to a 407, or null when SSPI does not handle it here (not Windows, no scheme it
   * speaks, or explicit credentials that the caller's own NTLM and Basic should take).
   */
  async start(challenges: readonly Challenge[], auth: ProxyCredentials | null): Promise<SspiAnswer | ProxyAuthFailure | null> {
    if (process.platform !== 'win32') return null;
    const negotiate = !!findChallenge(challenges, 'Negotiate');
    const ntlm = !!findChallenge(challenges, 'NTLM');
    // With a password: NTLM as the given user; Negotiate only where the proxy offers nothing the
    // caller's own code can answer with that password.
    const candidates: SspiPackage[] = auth
      ? ntlm
        ? ['NTLM']
        : negotiate && !findChallenge(challenges, 'Basic')
          ? ['Negotiate']
          : []
      : [...(negotiate ? (['Negotiate'] as const) : []), ...(ntlm ? (['NTLM'] as const) : [])];
    if (candidates.length === 0 || sspiUnavailable()) return null;
    const offered = offeredSchemes(challenges);
    const reasons: string[] = [];
    for (const pkg of candidates) {
      const opened = await SspiSession.open(pkg, this.proxyHost, auth, this.signal);
      if (!(opened instanceof SspiSession)) {
        reasons.push(`${pkg}: ${opened.error}`);
        continue;
      }
      const first = await opened.step(null, this.signal);
      if ('error' in first || first.token.length === 0) {
        opened.dispose();
        reasons.push(`${pkg}: ${'error' in first ? first.error : 'Windows produced an empty token'}`);
        continue;
      }
      this.session = opened;
      this.explicit = !!auth;
      // The first token may go over any connection; the context binds to the one that answers it.
      return { header: `${pkg} ${first.token.toString('base64')}`, needsSameConnection: false };
    }
    // The JavaScript NTLM (ntlm.ts) can still answer with the given password.
    if (auth && candidates[0] === 'NTLM') return null;
    const why = reasons.join('; ');
    if (auth)
      return this.failure(
        'no-ticket',
        offered,
        null,
        `${this.label} asks for Negotiate authentication${asks(offered)}, and Windows could not sign on as the given user (${why}): check the user name (DOMAIN\\user or user@REALM) and the password, and that a domain controller can be reached`,
      );
    if (candidates[0] === 'Negotiate')
      return this.failure(
        'no-ticket',
        offered,
        null,
        `${this.label} asks for Negotiate (Kerberos) authentication${asks(offered)}, and Windows could not sign on as the logged-on user (${why}). Log on with a domain account that can get a Kerberos ticket for HTTP/${this.proxyHost} (klist lists the tickets), or ${CREDENTIAL_HINT}`,
      );
    return this.failure(
      'no-credentials',
      offered,
      null,
      `${this.label} asks for NTLM authentication${asks(offered)}, and Windows could not sign on as the logged-on user (${why}): ${CREDENTIAL_HINT}`,
    );
  }

  /** The answer to the proxy's next 407 in a started exchange. */
  async continue(challenges: readonly Challenge[]): Promise<SspiAnswer | ProxyAuthFailure> {
    const session = this.session!;
    const scheme = session.pkg;
    const offered = offeredSchemes(challenges);
    const token = findChallenge(challenges, scheme)?.token;
    const who = this.explicit ? 'the given user' : 'the logged-on Windows user';
    if (!token || session.finished) {
      const hint = this.explicit
        ? 'check the user name and password given with --proxy-user'
        : `check that your Windows account may use this proxy, or ${CREDENTIAL_HINT}`;
      return this.failure(
        'rejected',
        offered,
        scheme,
        `${this.label} rejected ${who}, signed on with ${scheme} through Windows${asks(offered)}: ${hint}`,
      );
    }
    if (token.length > Math.ceil(MAX_SSPI_TOKEN_BYTES / 3) * 4 || !BASE64.test(token))
      return this.failure(
        'bad-challenge',
        offered,
        scheme,
        `${this.label}: the ${scheme} challenge is ${BASE64.test(token) ? 'oversized' : 'malformed'}`,
      );
    const next = await session.step(Buffer.from(token, 'base64'), this.signal);
    if ('error' in next) return this.stepFailure(next, offered, scheme, who);
    if (next.token.length === 0)
      return this.failure('bad-challenge', offered, scheme, `${this.label}: Windows had no answer to the ${scheme} challenge`);
    return { header: `${scheme} ${next.token.toString('base64')}`, needsSameConnection: true };
  }

  private stepFailure(failure: SspiFailure, offered: string[], scheme: SspiPackage, who: string): ProxyAuthFailure {
    const unreadable = failure.status !== undefined && BAD_TOKEN.has(failure.status >>> 0);
    if (unreadable && this.explicit)
      return this.failure('bad-challenge', offered, scheme, `${this.label}: the ${scheme} challenge could not be read (${failure.error})`);
    // Without an explicit identity the same status also means "this logon has no secret for the
    // package" (Wine's NTLM says SEC_E_INVALID_TOKEN for both): the way out is the same either way.
    const problem: ProxyAuthProblem = scheme === 'Negotiate' ? 'no-ticket' : 'no-credentials';
    const hint = this.explicit ? 'check the user name and password given with --proxy-user' : CREDENTIAL_HINT;
    const cause = unreadable && !this.explicit ? '; the challenge may be malformed, or this logon has no credentials for it' : '';
    return this.failure(
      problem,
      offered,
      scheme,
      `${this.label} asks for ${scheme} authentication${asks(offered)}, and Windows could not answer its challenge as ${who} (${failure.error}${cause}): ${hint}`,
    );
  }

  /** Releases the SSPI context and credentials (also mid-exchange). */
  dispose(): void {
    this.session?.dispose();
  }
}
