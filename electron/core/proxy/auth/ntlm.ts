/**
 * NTLM with explicit credentials: NTLMv2 messages built in ntlm-messages.ts (MS-NLMP), with the NT
 * hash of nt-hash.ts. Only message construction lives here: the CONNECT exchange is our own (tunnel.ts).
 */
import type { ProxyCredentials } from '../proxy-url.js';
import { ntHash } from './nt-hash.js';
import { authenticateMessage, negotiateMessage, parseChallenge } from './ntlm-messages.js';

/** A type 2 message is a few hundred bytes; a bigger one is not worth parsing. */
const MAX_TYPE2_CHARS = 8 * 1024;

export interface NtlmIdentity {
  domain: string;
  username: string;
}

/** `DOMAIN\user` → domain + user; `user@domain.example` stays whole (NTLM accepts the UPN as the user name). */
export function ntlmIdentity(user: string): NtlmIdentity {
  const slash = user.indexOf('\\');
  return slash > 0 ? { domain: user.slice(0, slash), username: user.slice(slash + 1) } : { domain: '', username: user };
}

/** The value of the first `Proxy-Authorization` header (type 1, "negotiate"). */
export function ntlmNegotiate(_auth: ProxyCredentials): string {
  return `NTLM ${negotiateMessage().toString('base64')}`;
}

/** The value of the second `Proxy-Authorization` header (type 3), from the proxy's type 2 token. */
export function ntlmAuthenticate(type2Token: string, auth: ProxyCredentials): string | { error: string } {
  if (type2Token.length > MAX_TYPE2_CHARS) return { error: 'the NTLM challenge is oversized' };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(type2Token)) return { error: 'the NTLM challenge is malformed' };
  const challenge = parseChallenge(Buffer.from(type2Token, 'base64'));
  if ('error' in challenge) return { error: `the NTLM challenge could not be read (${challenge.error})` };
  const { domain, username } = ntlmIdentity(auth.user);
  const type3 = authenticateMessage(challenge, negotiateMessage(), { domain, username, ntHash: ntHash(auth.password) });
  return Buffer.isBuffer(type3) ? `NTLM ${type3.toString('base64')}` : type3;
}
