/**
 * Negotiate (SPNEGO/Kerberos) with the user's existing ticket, through MongoDB's `kerberos` binding
 * (GSSAPI on Linux and macOS, SSPI on Windows). It is a native module, installed as an optional
 * dependency: where it could not be built, Negotiate is reported as unavailable, with what to do.
 */
import { createRequire } from 'node:module';

interface KerberosClient {
  step(challenge: string): Promise<string>;
}
interface KerberosModule {
  GSS_MECH_OID_SPNEGO: number;
  initializeClient(service: string, options: { mechOID: number }): Promise<KerberosClient>;
}

let loaded: KerberosModule | string | undefined;

function kerberosModule(): KerberosModule | string {
  if (loaded === undefined) {
    try {
      loaded = createRequire(import.meta.url)('kerberos') as KerberosModule;
    } catch (error) {
      loaded = `the kerberos module is not available in this build (${(error as Error).message.split('\n')[0]})`;
    }
  }
  return loaded;
}

export interface NegotiateStart {
  /** Value for `Proxy-Authorization`. */
  header: string;
  client: KerberosClient;
}

/** GSSAPI messages are long and multi-line; the first line says what is missing (e.g. no credentials cache). */
function gssReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

/**
 * First Negotiate token for `HTTP@proxyHost`. The ticket comes from the user's credentials cache
 * (KRB5CCNAME, or the logon session on Windows); the password is never involved.
 */
export async function negotiateStart(proxyHost: string, signal: AbortSignal): Promise<NegotiateStart | { error: string }> {
  const krb = kerberosModule();
  if (typeof krb === 'string') return { error: krb };
  const work = (async () => {
    const client = await krb.initializeClient(`HTTP@${proxyHost}`, { mechOID: krb.GSS_MECH_OID_SPNEGO });
    const token = await client.step('');
    return { header: `Negotiate ${token}`, client };
  })();
  work.catch(() => undefined); // a late failure after the deadline must not become an unhandled rejection
  // The library call cannot be cancelled; the deadline still ends our wait for it.
  const aborted = new Promise<{ error: string }>((resolve) => {
    if (signal.aborted) resolve({ error: 'the deadline passed while asking Kerberos for a ticket' });
    signal.addEventListener('abort', () => resolve({ error: 'the deadline passed while asking Kerberos for a ticket' }), { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } catch (error) {
    return { error: `no Kerberos ticket for HTTP@${proxyHost} could be obtained: ${gssReason(error)}` };
  }
}
