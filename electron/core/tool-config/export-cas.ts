import { createHash, X509Certificate } from 'node:crypto';
import path from 'node:path';
import type { ExportPaths } from '../../../shared/guidance/render.js';
import { isSelfIssued, parseCertificates } from '../cert/x509.js';
import { otherDerName } from '../export/write.js';
import { readUserFile } from '../fs/read-user-file.js';
import { ProfileError } from '../guidance/profile-file.js';

/** One CA an export holds: its DER file and the name trust stores give it. */
export interface ExportCa {
  der: string;
  /** First 16 hex digits of the SHA-256 of the DER: names the entry, so two CAs never collide and a re-run finds its own. */
  short: string;
  sha256: string;
}

export const shortFingerprint = (der: Buffer) => createHash('sha256').update(der).digest('hex').slice(0, 16);

/** The keytool alias of a CA: per fingerprint, so several CAs sit side by side and re-running replaces the same ones. */
export const javaAlias = (ca: Pick<ExportCa, 'short'>) => `ca-bridge-${ca.short}`;

/**
 * Every CA of an export, primary first: `corporate-ca.crt` and the DER file export wrote for each further
 * root in corporate-ca.pem (`corporate-ca-<fingerprint>.crt`). A root without its DER file (an export older
 * than several-CA support, or edited since) is refused: writing only some of them would leave a route failing.
 */
export async function exportCas(paths: ExportPaths): Promise<ExportCa[]> {
  const primaryDer = await readUserFile(paths.der, { maxBytes: 64 * 1024 });
  const primary = new X509Certificate(primaryDer);
  const cas = parseCertificates(await readUserFile(paths.ca, { maxBytes: 8 * 1024 * 1024 })).certs.filter((c) => c.ca);
  const roots = cas.filter(isSelfIssued);
  const of = (der: string, bytes: Buffer): ExportCa => ({
    der,
    short: shortFingerprint(bytes),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  });
  const found = [of(paths.der, primaryDer)];
  for (const root of roots) {
    if (root.fingerprint256 === primary.fingerprint256) continue;
    const file = path.join(path.dirname(paths.der), otherDerName(root));
    const bytes = await readUserFile(file, { maxBytes: 64 * 1024 }).catch(() => null);
    if (!bytes || new X509Certificate(bytes).fingerprint256 !== root.fingerprint256)
      throw new ProfileError(
        `${file} is missing or holds another certificate (export again: ca-bridge export --force); nothing was changed`,
      );
    found.push(of(file, bytes));
  }
  return found;
}
