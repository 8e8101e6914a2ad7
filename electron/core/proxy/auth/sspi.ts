/**
 * Windows single sign-on to a proxy through SSPI: one security context per CONNECT exchange, fed the
 * proxy's tokens and producing ours, with the logon session's credentials (or, when the user gave
 * --proxy-user, an explicit identity). The same code serves Negotiate (Kerberos, falling back to NTLM
 * inside the package) and NTLM.
 *
 * Bounded: the tokens we accept and produce (64 KiB, above Windows' largest Kerberos MaxTokenSize),
 * the number of rounds, and the caller's deadline, which ends our wait for a native call (it cannot
 * be cancelled: it finishes on its worker thread, and whatever it created is released then).
 * Handles are always released: `dispose` frees the context and the credentials exactly once, after
 * any call still running has returned.
 */
import type { ProxyCredentials } from '../proxy-url.js';
import { ntlmIdentity } from './ntlm.js';
import {
  failed,
  HANDLE_BYTES,
  ISC_REQ_CONNECTION,
  SEC_I_COMPLETE_AND_CONTINUE,
  SEC_I_COMPLETE_NEEDED,
  SEC_I_CONTINUE_NEEDED,
  SEC_WINNT_AUTH_IDENTITY_UNICODE,
  SECBUFFER_TOKEN,
  SECBUFFER_VERSION,
  SECPKG_CRED_OUTBOUND,
  SECURITY_NATIVE_DREP,
  secur32,
  statusName,
  TIMESTAMP_BYTES,
  type AuthIdentity,
  type Secur32,
  type SspiPackage,
} from './sspi-binding.js';

/** Windows' Kerberos MaxTokenSize is 48,000 bytes by default and 65,535 at most. */
export const MAX_SSPI_TOKEN_BYTES = 64 * 1024;
/** Kerberos takes one round, NTLM two; Negotiate may add one for mutual authentication. */
export const MAX_SSPI_ROUNDS = 4;

export interface SspiFailure {
  error: string;
  /** The SECURITY_STATUS, when an SSPI call said no (absent for our own limits and the deadline). */
  status?: number;
}

export interface SspiToken {
  token: Buffer;
  /** The context is complete on our side: a further challenge means the proxy said no. */
  done: boolean;
}

/** Why SSPI cannot be used on this machine, or null when it can (Windows, and koffi loads secur32). */
export function sspiUnavailable(): string | null {
  if (process.platform !== 'win32') return 'Windows single sign-on (SSPI) exists only on Windows';
  const api = secur32();
  return typeof api === 'string' ? api : null;
}

/**
 * `DOMAIN\user` → domain and user. `user@REALM` → user and realm too: Windows accepts either that or
 * the whole UPN in User, while Wine's Kerberos builds the principal from User@Domain and needs the split.
 */
export function sspiUser(user: string): { domain: string; username: string } {
  const split = ntlmIdentity(user);
  if (split.domain) return split;
  const at = user.lastIndexOf('@');
  return at > 0 && at < user.length - 1 ? { domain: user.slice(at + 1), username: user.slice(0, at) } : split;
}

function identityOf(credentials: ProxyCredentials): AuthIdentity {
  const { domain, username } = sspiUser(credentials.user);
  return {
    User: username,
    UserLength: username.length,
    Domain: domain,
    DomainLength: domain.length,
    Password: credentials.password,
    PasswordLength: credentials.password.length,
    Flags: SEC_WINNT_AUTH_IDENTITY_UNICODE,
  };
}

/** Resolves with the call's result, or with a failure once the signal fires (the call itself runs on). */
function untilDeadline<T>(work: Promise<T>, signal: AbortSignal, what: string): Promise<T | SspiFailure> {
  const late: SspiFailure = { error: `the deadline passed while Windows was ${what}` };
  if (signal.aborted) return Promise.resolve(late);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(late);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

const isFailure = (value: unknown): value is SspiFailure => typeof value === 'object' && value !== null && 'error' in value;

export class SspiSession {
  private readonly credential = Buffer.alloc(HANDLE_BYTES);
  private readonly context = Buffer.alloc(HANDLE_BYTES);
  private readonly expiry = Buffer.alloc(TIMESTAMP_BYTES);
  private readonly attributes = Buffer.alloc(4);
  private haveCredential = false;
  private haveContext = false;
  private rounds = 0;
  private complete = false;
  private disposed = false;
  private released = false;
  /** The native call still running, if any: release waits for it. */
  private running: Promise<unknown> | null = null;

  private constructor(
    private readonly api: Secur32,
    readonly pkg: SspiPackage,
    private readonly target: string,
    private readonly maxToken: number,
  ) {}

  /** Our side of the context is complete: a further challenge means the proxy said no. */
  get finished(): boolean {
    return this.complete;
  }

  /**
   * Credentials for `pkg`: the logon session's when `credentials` is null, else that explicit
   * identity. The target is the proxy's service principal, `HTTP/<proxy host>`.
   */
  static async open(
    pkg: SspiPackage,
    proxyHost: string,
    credentials: ProxyCredentials | null,
    signal: AbortSignal,
  ): Promise<SspiSession | SspiFailure> {
    const unavailable = sspiUnavailable();
    if (unavailable) return { error: unavailable };
    const api = secur32() as Secur32;
    const size = api.maxTokenBytes(pkg);
    if ('status' in size) return { error: `Windows has no ${pkg} security package (${statusName(size.status)})`, status: size.status };
    const session = new SspiSession(api, pkg, `HTTP/${proxyHost}`, Math.min(Math.max(size.bytes, 1024), MAX_SSPI_TOKEN_BYTES));
    const call = api
      .AcquireCredentialsHandleW(
        null,
        pkg,
        SECPKG_CRED_OUTBOUND,
        credentials ? identityOf(credentials) : null,
        session.credential,
        session.expiry,
      )
      .then((status) => {
        if (!failed(status)) session.haveCredential = true;
        return status;
      });
    const status = await session.track(
      call,
      signal,
      `getting ${credentials ? 'the given user' : 'the logged-on user'}'s ${pkg} credentials`,
    );
    if (isFailure(status)) {
      session.dispose();
      return status;
    }
    if (failed(status)) {
      session.dispose();
      const whose = credentials ? 'for the given user' : 'for the logged-on user';
      return { error: `Windows has no ${pkg} credentials ${whose} (AcquireCredentialsHandle: ${statusName(status)})`, status };
    }
    return session;
  }

  /** Runs a native call, remembering it so that release waits for it; the deadline ends only our wait. */
  private async track(call: Promise<number>, signal: AbortSignal, what: string): Promise<number | SspiFailure> {
    const settled = call.then(
      () => undefined,
      () => undefined,
    );
    this.running = settled;
    void settled.then(() => {
      if (this.running === settled) this.running = null;
    });
    try {
      return await untilDeadline(call, signal, what);
    } catch (error) {
      return { error: `the SSPI call failed while Windows was ${what} (${(error as Error).message.split('\n')[0]!.slice(0, 200)})` };
    }
  }

  /**
   * The next token: the first one when `input` is null, else the answer to the proxy's token.
   * Native memory for the buffers is freed when the call returns, also after the deadline.
   */
  async step(input: Buffer | null, signal: AbortSignal): Promise<SspiToken | SspiFailure> {
    if (this.disposed) return { error: 'the SSPI context was already released' };
    if (this.running) return { error: 'an SSPI call is still running for this context' };
    if (this.complete) return { error: `the ${this.pkg} exchange was already complete` };
    if (++this.rounds > MAX_SSPI_ROUNDS) return { error: `the ${this.pkg} exchange did not finish in ${MAX_SSPI_ROUNDS} rounds` };
    if (input && (input.length === 0 || input.length > MAX_SSPI_TOKEN_BYTES))
      return { error: `the proxy's ${this.pkg} token is ${input.length === 0 ? 'empty' : 'oversized'}` };
    if (!input && this.haveContext) return { error: `the ${this.pkg} exchange was already started` };

    const api = this.api;
    const outBytes = api.allocBytes(this.maxToken);
    const outBuffer = api.allocSecBuffer({ cbBuffer: this.maxToken, BufferType: SECBUFFER_TOKEN, pvBuffer: outBytes });
    const inBytes = input ? api.allocBytes(input) : null;
    const inBuffer = input ? api.allocSecBuffer({ cbBuffer: input.length, BufferType: SECBUFFER_TOKEN, pvBuffer: inBytes }) : null;
    const outDesc = { ulVersion: SECBUFFER_VERSION, cBuffers: 1, pBuffers: outBuffer };
    const inDesc = inBuffer ? { ulVersion: SECBUFFER_VERSION, cBuffers: 1, pBuffers: inBuffer } : null;
    // Filled in when the call returns (also after our deadline, when nobody reads it).
    const produced: { token?: Buffer; failure?: SspiFailure } = {};
    const call = api
      .InitializeSecurityContextW(
        this.credential,
        this.haveContext ? this.context : null,
        this.target,
        ISC_REQ_CONNECTION,
        SECURITY_NATIVE_DREP,
        inDesc,
        this.context,
        outDesc,
        this.attributes,
        this.expiry,
      )
      .then((status) => {
        // The first call creates the context; later calls update it in place.
        if (!failed(status)) this.haveContext = true;
        if (!failed(status) && (status === SEC_I_COMPLETE_NEEDED || status === SEC_I_COMPLETE_AND_CONTINUE)) {
          const completed = api.CompleteAuthToken(this.context, outDesc);
          if (failed(completed)) return completed;
        }
        if (!failed(status)) {
          const written = api.readSecBuffer(outBuffer).cbBuffer;
          if (written > this.maxToken) produced.failure = { error: `Windows produced a ${this.pkg} token larger than its own maximum` };
          else produced.token = api.readBytes(outBytes, written);
        }
        return status;
      })
      .finally(() => {
        for (const pointer of [outBuffer, outBytes, inBuffer, inBytes]) if (pointer) api.free(pointer);
      });
    const status = await this.track(call, signal, `building the ${this.pkg} token for ${this.target}`);
    if (isFailure(status)) return status;
    if (failed(status)) {
      const answering = input ? `answering the proxy's ${this.pkg} challenge` : `starting ${this.pkg} for ${this.target}`;
      return { error: `Windows failed ${answering} (InitializeSecurityContext: ${statusName(status)})`, status };
    }
    if (produced.failure) return produced.failure;
    if (!produced.token) return { error: `Windows produced no ${this.pkg} token` };
    this.complete = status !== SEC_I_CONTINUE_NEEDED && status !== SEC_I_COMPLETE_AND_CONTINUE;
    return { token: produced.token, done: this.complete };
  }

  /** Frees the context and the credentials once, after any native call still running has returned. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const release = () => {
      if (this.released) return;
      this.released = true;
      if (this.haveContext) this.api.DeleteSecurityContext(this.context);
      if (this.haveCredential) this.api.FreeCredentialsHandle(this.credential);
    };
    if (this.running) void this.running.then(release);
    else release();
  }
}
