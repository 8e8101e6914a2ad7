import type { X509Certificate } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCertificates, type ParseProblem } from '../cert/x509.js';

/** A user-supplied certificate path that cannot be used; front doors turn it into a usage error. */
export class CertPathError extends Error {
  constructor(
    readonly code: 'unreadable' | 'no-certificates',
    message: string,
  ) {
    super(message);
  }
}

export interface LoadedCerts {
  certs: { cert: X509Certificate; source: string }[];
  problems: (ParseProblem & { source: string })[];
}

/** Files that hold certificates in a directory: PEM/CRT/CER, and OpenSSL's hashed names (`5ad8a5d6.0`). */
const CERT_FILE = /\.(pem|crt|cer)$|^[0-9a-f]{8}\.\d+$/i;

async function readOne(file: string, into: LoadedCerts): Promise<void> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    throw new CertPathError('unreadable', `cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = parseCertificates(data);
  into.certs.push(...parsed.certs.map((cert) => ({ cert, source: file })));
  into.problems.push(...parsed.problems.map((p) => ({ ...p, source: file })));
}

/** Loads a PEM/DER file, or every certificate file in a directory. */
export async function loadCertPath(target: string, what: string): Promise<LoadedCerts> {
  const loaded: LoadedCerts = { certs: [], problems: [] };
  let info;
  try {
    info = await stat(target);
  } catch (error) {
    throw new CertPathError(
      'unreadable',
      `${what} ${target}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`,
    );
  }
  if (info.isDirectory()) {
    const names = (await readdir(target)).filter((n) => CERT_FILE.test(n)).sort();
    for (const name of names) await readOne(path.join(target, name), loaded);
  } else {
    await readOne(target, loaded);
  }
  if (loaded.certs.length === 0) {
    const why =
      loaded.problems.length > 0
        ? `${loaded.problems.length} entries could not be parsed (${loaded.problems[0]!.reason})`
        : 'no PEM or DER certificate found';
    throw new CertPathError('no-certificates', `${what} ${target}: ${why}`);
  }
  return loaded;
}
