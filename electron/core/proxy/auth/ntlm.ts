/**
 * NTLM with explicit credentials, through httpntlm's message builder (the NTLM code most Node
 * clients rely on; it answers with NTLMv2 when the proxy's challenge carries target information).
 * Only message construction is used: the CONNECT exchange is our own (tunnel.ts).
 */
import { createRequire } from 'node:module';
import type { ProxyCredentials } from '../proxy-url.js';

interface Type2 {
  type: number;
}
interface NtlmMessages {
  createType1Message(options: { domain: string; workstation: string }): string;
  parseType2Message(raw: string, onError: (error: Error) => void): Type2 | null;
  createType3Message(type2: Type2, options: { username: string; password: string; domain: string; workstation: string }): string;
}

const ntlm = createRequire(import.meta.url)('httpntlm/ntlm.js') as NtlmMessages;

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
export function ntlmNegotiate(auth: ProxyCredentials): string {
  const { domain } = ntlmIdentity(auth.user);
  // httpntlm escape()s these into an ASCII field; the workstation name is optional and we send none.
  return ntlm.createType1Message({ domain, workstation: '' });
}

/** The value of the second `Proxy-Authorization` header (type 3), from the proxy's type 2 token. */
export function ntlmAuthenticate(type2Token: string, auth: ProxyCredentials): string | { error: string } {
  if (type2Token.length > MAX_TYPE2_CHARS) return { error: 'the NTLM challenge is oversized' };
  let problem: string | null = null;
  try {
    const type2 = ntlm.parseType2Message(`NTLM ${type2Token}`, (error) => (problem = error.message));
    if (!type2 || problem) return { error: `the NTLM challenge could not be read${problem ? ` (${problem})` : ''}` };
    const { domain, username } = ntlmIdentity(auth.user);
    return ntlm.createType3Message(type2, { username, password: auth.password, domain, workstation: '' });
  } catch {
    return { error: 'the NTLM challenge is malformed' };
  }
}
