import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';

export interface ClientCertProblem {
  field: 'clientCertFile' | 'clientKeyFile';
  message: string;
}

async function read(field: ClientCertProblem['field'], file: string): Promise<Buffer | ClientCertProblem> {
  try {
    return await readUserFile(file);
  } catch (error) {
    return { field, message: error instanceof UserFileError ? error.message : `${file}: ${(error as Error).message}` };
  }
}

/**
 * Checks a client certificate and its key before any connection: a file that is not a PEM certificate,
 * not an unencrypted private key, or a key of another certificate would otherwise surface as an
 * OpenSSL "PEM routines" error from deep inside the handshake.
 */
export async function clientCertProblem(certFile: string, keyFile: string): Promise<ClientCertProblem | null> {
  const cert = await read('clientCertFile', certFile);
  if (!Buffer.isBuffer(cert)) return cert;
  const key = await read('clientKeyFile', keyFile);
  if (!Buffer.isBuffer(key)) return key;
  try {
    new X509Certificate(cert);
  } catch {
    return { field: 'clientCertFile', message: `${certFile}: not a certificate (expected PEM "-----BEGIN CERTIFICATE-----" or DER)` };
  }
  if (!cert.toString('latin1').includes('-----BEGIN CERTIFICATE-----'))
    return {
      field: 'clientCertFile',
      message: `${certFile}: a DER certificate; convert it to PEM (openssl x509 -inform der -in FILE -out FILE.pem)`,
    };
  try {
    createPrivateKey(key);
  } catch {
    return { field: 'clientKeyFile', message: `${keyFile}: not an unencrypted PEM private key (an encrypted key must be decrypted first)` };
  }
  try {
    createSecureContext({ cert, key });
  } catch {
    return { field: 'clientKeyFile', message: `${keyFile} is not the private key of the client certificate ${certFile}` };
  }
  return null;
}
