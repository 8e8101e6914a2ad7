import { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { TrustSet } from '../trust-set.js';
import type { StoreContents, StoreProblem } from './types.js';

/**
 * Windows system stores read here: Root = anchors, CA = chain material only, Disallowed = explicitly
 * distrusted. win-ca opens each with CertOpenSystemStore, i.e. the CurrentUser logical store, which
 * Windows composes from the user's own certificates, the user's Group Policy certificates and the whole
 * LocalMachine store (its own, Group Policy and Enterprise certificates): one read covers a root that
 * IT pushed by GPO or installed machine-wide. (Wine composes CurrentUser and LocalMachine only; the
 * Windows lane proves those two, see docs/windows.md.)
 */
export type WindowsStoreName = 'root' | 'ca' | 'disallowed';
export type WindowsStoreFetch = (store: WindowsStoreName) => Promise<Buffer[]>;

const STORE_LABEL: Record<WindowsStoreName, string> = {
  root: 'Windows store "Trusted Root Certification Authorities"',
  ca: 'Windows store "Intermediate Certification Authorities"',
  disallowed: 'Windows store "Untrusted Certificates"',
};

/**
 * Reads a store through win-ca's plain API: no `inject` (patches Node's globals) and no `save`
 * (writes files). In Electron win-ca uses its roots.exe fallback, which electron-builder unpacks
 * from the asar archive (build/electron-builder.yml).
 */
export const winCaFetch: WindowsStoreFetch = (store) =>
  new Promise((resolve, reject) => {
    const api = createRequire(import.meta.url)('win-ca/api') as (options: object) => void;
    const certs: Buffer[] = [];
    try {
      api({
        store,
        format: 0 /* der2.der */,
        unique: true,
        async: true,
        inject: false,
        save: false,
        ondata: (der: Buffer) => certs.push(der),
        onend: () => resolve(certs),
      });
    } catch (error) {
      reject(error);
    }
  });

function parseAll(ders: Buffer[], store: WindowsStoreName, problems: StoreProblem[]): X509Certificate[] {
  const certs: X509Certificate[] = [];
  ders.forEach((der, index) => {
    try {
      certs.push(new X509Certificate(der));
    } catch (error) {
      problems.push({ source: STORE_LABEL[store], index, reason: `unparseable entry (${der.length} bytes): ${(error as Error).message}` });
    }
  });
  return certs;
}

export async function readWindowsStore(fetch: WindowsStoreFetch = winCaFetch): Promise<StoreContents> {
  const problems: StoreProblem[] = [];
  const [root, ca, disallowed] = await Promise.all(
    (['root', 'ca', 'disallowed'] as const).map(async (store) => {
      try {
        return parseAll(await fetch(store), store, problems);
      } catch (error) {
        problems.push({ source: STORE_LABEL[store], index: -1, reason: `could not be read: ${(error as Error).message}` });
        return [];
      }
    }),
  );
  const distrusted = new Set(disallowed!.map((c) => c.fingerprint256));
  const anchors = new TrustSet('the Windows trust store');
  root!.forEach((cert, index) => {
    if (distrusted.has(cert.fingerprint256)) {
      problems.push({
        source: STORE_LABEL.root,
        index,
        reason: `"${cert.subject.replace(/\n/g, ', ')}" is also in Untrusted Certificates: not used as an anchor`,
      });
    } else anchors.add({ cert, source: STORE_LABEL.root });
  });
  const intermediates = new TrustSet(
    'the Windows intermediate store',
    ca!.filter((c) => !distrusted.has(c.fingerprint256)).map((cert) => ({ cert, source: STORE_LABEL.ca })),
  );
  return { backend: 'windows', anchors, intermediates, sources: [STORE_LABEL.root, STORE_LABEL.ca], problems };
}
