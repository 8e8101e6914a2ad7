/**
 * The NT hash (MS-NLMP 3.3.1: MD4 of the password in UTF-16LE). node:crypto has no MD4 under OpenSSL 3
 * (it lives in the legacy provider, off by default, and Electron's BoringSSL lacks it), so js-md4 — a
 * small, dependency-free MD4 in plain JavaScript — computes it. NTLM needs nothing else from a library.
 */
import { createRequire } from 'node:module';

const md4 = createRequire(import.meta.url)('js-md4') as { arrayBuffer(message: Uint8Array): ArrayBuffer };

export function ntHash(password: string): Buffer {
  return Buffer.from(md4.arrayBuffer(Buffer.from(password, 'utf16le')));
}
