import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { readUserFile, UserFileError } from '../core/fs/read-user-file.js';
import { UsageError } from './io.js';

async function readFlagFile(flag: string, file: string): Promise<Buffer> {
  try {
    return await readUserFile(file);
  } catch (error) {
    throw new UsageError(`--${flag} ${error instanceof UserFileError ? error.message : `${file}: ${(error as Error).message}`}`);
  }
}

/**
 * Checks --client-cert and --client-key before any connection: a file that is not a PEM certificate,
 * not an unencrypted private key, or a key of another certificate would otherwise surface as an
 * OpenSSL "PEM routines" error from deep inside the handshake.
 */
export async function checkClientCertFlags(certFile: string, keyFile: string): Promise<void> {
  const cert = await readFlagFile('client-cert', certFile);
  const key = await readFlagFile('client-key', keyFile);
  try {
    new X509Certificate(cert);
  } catch {
    throw new UsageError(`--client-cert ${certFile}: not a certificate (expected PEM "-----BEGIN CERTIFICATE-----" or DER)`);
  }
  if (!cert.toString('latin1').includes('-----BEGIN CERTIFICATE-----'))
    throw new UsageError(
      `--client-cert ${certFile}: a DER certificate; convert it to PEM (openssl x509 -inform der -in FILE -out FILE.pem)`,
    );
  try {
    createPrivateKey(key);
  } catch {
    throw new UsageError(`--client-key ${keyFile}: not an unencrypted PEM private key (an encrypted key must be decrypted first)`);
  }
  try {
    createSecureContext({ cert, key });
  } catch {
    throw new UsageError(`--client-key ${keyFile} is not the private key of --client-cert ${certFile}`);
  }
}
