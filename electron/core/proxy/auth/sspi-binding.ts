/**
 * The few secur32.dll (SSPI) functions single sign-on needs, bound through koffi on Windows only.
 * koffi is a maintained FFI whose npm package carries prebuilt win32 x64/ia32/arm64 binaries, so
 * nothing is compiled on install; it is required lazily, so that no native code is ever loaded on
 * Linux or macOS. Every call that may talk to a domain controller (acquiring credentials, building a
 * Kerberos token) runs through koffi's `async` on a worker thread: the event loop keeps running and
 * the caller's deadline can end the wait.
 */
import { createRequire } from 'node:module';

export type SspiPackage = 'Negotiate' | 'NTLM';

/** SECURITY_STATUS values the code acts on or names in messages. */
export const SEC_I_CONTINUE_NEEDED = 0x00090312;
export const SEC_I_COMPLETE_NEEDED = 0x00090313;
export const SEC_I_COMPLETE_AND_CONTINUE = 0x00090314;

const STATUS_NAMES: Record<number, string> = {
  0x80090300: 'SEC_E_INSUFFICIENT_MEMORY',
  0x80090301: 'SEC_E_INVALID_HANDLE',
  0x80090302: 'SEC_E_UNSUPPORTED_FUNCTION',
  0x80090303: 'SEC_E_TARGET_UNKNOWN',
  0x80090304: 'SEC_E_INTERNAL_ERROR',
  0x80090305: 'SEC_E_SECPKG_NOT_FOUND',
  0x80090308: 'SEC_E_INVALID_TOKEN',
  0x8009030c: 'SEC_E_LOGON_DENIED',
  0x8009030e: 'SEC_E_NO_CREDENTIALS',
  0x80090311: 'SEC_E_NO_AUTHENTICATING_AUTHORITY',
  0x80090318: 'SEC_E_INCOMPLETE_MESSAGE',
  0x80090321: 'SEC_E_BUFFER_TOO_SMALL',
  0x80090322: 'SEC_E_WRONG_PRINCIPAL',
  0x80090324: 'SEC_E_TIME_SKEW',
  0x8009030d: 'SEC_E_UNKNOWN_CREDENTIALS',
};

/** `SEC_E_NO_CREDENTIALS (0x8009030E)`: the name where known, always the number (searchable). */
export function statusName(status: number): string {
  const unsigned = status >>> 0;
  const hex = `0x${unsigned.toString(16).toUpperCase().padStart(8, '0')}`;
  const name = STATUS_NAMES[unsigned];
  return name ? `${name} (${hex})` : hex;
}

/** Failed SSPI calls return a negative SECURITY_STATUS (the severity bit). */
export const failed = (status: number) => status < 0;

export const SECPKG_CRED_OUTBOUND = 2;
/** One connection, one context: what HTTP proxy authentication is. */
export const ISC_REQ_CONNECTION = 0x800;
export const SECURITY_NATIVE_DREP = 0x10;
export const SECBUFFER_VERSION = 0;
export const SECBUFFER_TOKEN = 2;
export const SEC_WINNT_AUTH_IDENTITY_UNICODE = 2;

/** CredHandle and CtxtHandle: two pointer-sized words. TimeStamp: a 64-bit integer. */
export const HANDLE_BYTES = 16;
export const TIMESTAMP_BYTES = 8;

export interface AuthIdentity {
  User: string;
  UserLength: number;
  Domain: string;
  DomainLength: number;
  Password: string;
  PasswordLength: number;
  Flags: number;
}

export interface SecBuffer {
  cbBuffer: number;
  BufferType: number;
  pvBuffer: unknown;
}

type Async<A extends unknown[]> = (...args: [...A, (error: unknown, status: number) => void]) => void;

/** A native function, called on a worker thread; resolves to its SECURITY_STATUS. */
export type AsyncCall<A extends unknown[]> = (...args: A) => Promise<number>;

export interface Secur32 {
  AcquireCredentialsHandleW: AsyncCall<
    [principal: null, pkg: string, use: number, identity: AuthIdentity | null, cred: Buffer, expiry: Buffer]
  >;
  InitializeSecurityContextW: AsyncCall<
    [
      cred: Buffer,
      context: Buffer | null,
      target: string,
      flags: number,
      dataRep: number,
      input: { ulVersion: number; cBuffers: number; pBuffers: unknown } | null,
      newContext: Buffer,
      output: { ulVersion: number; cBuffers: number; pBuffers: unknown },
      attributes: Buffer,
      expiry: Buffer,
    ]
  >;
  CompleteAuthToken(context: Buffer, output: { ulVersion: number; cBuffers: number; pBuffers: unknown }): number;
  /** Size of the largest token the package makes (cbMaxToken of QuerySecurityPackageInfoW), or the failed status. */
  maxTokenBytes(pkg: SspiPackage): { bytes: number } | { status: number };
  DeleteSecurityContext(context: Buffer): number;
  FreeCredentialsHandle(cred: Buffer): number;
  /** Native memory for a SecBuffer and for token bytes; freed with `free`. */
  allocSecBuffer(value: SecBuffer): unknown;
  readSecBuffer(pointer: unknown): SecBuffer;
  allocBytes(bytes: Buffer | number): unknown;
  readBytes(pointer: unknown, length: number): Buffer;
  free(pointer: unknown): void;
}

let bound: Secur32 | string | undefined;

/** The binding, or why it cannot be had (not Windows, koffi missing, secur32 not loadable). */
export function secur32(): Secur32 | string {
  if (bound === undefined) {
    try {
      bound = bind();
    } catch (error) {
      bound = `Windows single sign-on (SSPI) is not available: ${(error as Error).message.split('\n')[0]!.slice(0, 200)}`;
    }
  }
  return bound;
}

function bind(): Secur32 {
  if (process.platform !== 'win32') throw new Error('SSPI exists only on Windows');
  const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
  const lib = koffi.load('secur32.dll');
  const SecBufferType = koffi.struct('CaBridgeSecBuffer', { cbBuffer: 'uint32', BufferType: 'uint32', pvBuffer: 'void *' });
  koffi.struct('CaBridgeSecBufferDesc', {
    ulVersion: 'uint32',
    cBuffers: 'uint32',
    pBuffers: koffi.pointer(SecBufferType),
  });
  koffi.struct('CaBridgeAuthIdentityW', {
    User: 'str16',
    UserLength: 'uint32',
    Domain: 'str16',
    DomainLength: 'uint32',
    Password: 'str16',
    PasswordLength: 'uint32',
    Flags: 'uint32',
  });
  const SecPkgInfoW = koffi.struct('CaBridgeSecPkgInfoW', {
    fCapabilities: 'uint32',
    wVersion: 'uint16',
    wRPCID: 'uint16',
    cbMaxToken: 'uint32',
    Name: 'void *',
    Comment: 'void *',
  });
  // Handles, expiry and attributes are plain Buffers: SSPI writes into them in place.
  const acquire = lib.func(
    'int32 __stdcall AcquireCredentialsHandleW(void *principal, str16 pkg, uint32 use, void *logonId, CaBridgeAuthIdentityW *identity, void *getKey, void *getKeyArg, void *cred, void *expiry)',
  );
  const initialize = lib.func(
    'int32 __stdcall InitializeSecurityContextW(void *cred, void *context, str16 target, uint32 flags, uint32 reserved1, uint32 dataRep, CaBridgeSecBufferDesc *input, uint32 reserved2, void *newContext, CaBridgeSecBufferDesc *output, void *attributes, void *expiry)',
  );
  const complete = lib.func('int32 __stdcall CompleteAuthToken(void *context, CaBridgeSecBufferDesc *token)');
  const query = lib.func('int32 __stdcall QuerySecurityPackageInfoW(str16 pkg, _Out_ void **info)');
  const freeContextBuffer = lib.func('int32 __stdcall FreeContextBuffer(void *buffer)');
  const deleteContext = lib.func('int32 __stdcall DeleteSecurityContext(void *context)');
  const freeCredentials = lib.func('int32 __stdcall FreeCredentialsHandle(void *cred)');

  const promised =
    <A extends unknown[]>(fn: { async: Async<A> }): AsyncCall<A> =>
    (...args: A) =>
      new Promise<number>((resolve, reject) =>
        fn.async(...args, (error: unknown, status: number) => (error ? reject(error) : resolve(status))),
      );

  return {
    AcquireCredentialsHandleW: (principal, pkg, use, identity, cred, expiry) =>
      promised<unknown[]>(acquire)(principal, pkg, use, null, identity, null, null, cred, expiry),
    InitializeSecurityContextW: (cred, context, target, flags, dataRep, input, newContext, output, attributes, expiry) =>
      promised<unknown[]>(initialize)(cred, context, target, flags, 0, dataRep, input, 0, newContext, output, attributes, expiry),
    CompleteAuthToken: (context, output) => complete(context, output) as number,
    maxTokenBytes: (pkg) => {
      const info: unknown[] = [null];
      const status = query(pkg, info) as number;
      if (failed(status) || !info[0]) return { status };
      try {
        return { bytes: (koffi.decode(info[0], SecPkgInfoW) as { cbMaxToken: number }).cbMaxToken };
      } finally {
        freeContextBuffer(info[0]);
      }
    },
    DeleteSecurityContext: (context) => deleteContext(context) as number,
    FreeCredentialsHandle: (cred) => freeCredentials(cred) as number,
    allocSecBuffer: (value) => {
      const pointer = koffi.alloc(SecBufferType, 1);
      koffi.encode(pointer, SecBufferType, value);
      return pointer;
    },
    readSecBuffer: (pointer) => koffi.decode(pointer, SecBufferType) as SecBuffer,
    allocBytes: (bytes) => {
      const length = typeof bytes === 'number' ? bytes : bytes.length;
      const pointer = koffi.alloc('uint8_t', Math.max(1, length));
      if (typeof bytes !== 'number' && length > 0) koffi.encode(pointer, koffi.array('uint8_t', length), bytes);
      return pointer;
    },
    readBytes: (pointer, length) => Buffer.from(koffi.decode(pointer, koffi.array('uint8_t', length, 'Typed')) as Uint8Array),
    free: (pointer) => koffi.free(pointer),
  };
}
