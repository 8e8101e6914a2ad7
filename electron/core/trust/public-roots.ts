import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { loadCertPath } from './load-pem.js';
import { TrustSet } from './trust-set.js';

/** Node's bundled Mozilla list, or a replacement file (the lab's fake public PKI, or a user's choice). */
export async function loadPublicRoots(file?: string, signal?: AbortSignal): Promise<TrustSet> {
  if (file) {
    const loaded = await loadCertPath(file, '--public-roots', signal);
    return new TrustSet('the public roots', loaded.certs);
  }
  return new TrustSet(
    'the public roots',
    tls.rootCertificates.map((pem) => ({ cert: new X509Certificate(pem), source: "Node's bundled Mozilla root list" })),
  );
}
