import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { FOLDER_MAX_FILES, loadCertPath, type LoadedCerts } from '../load-pem.js';
import { TrustSet } from '../trust-set.js';
import type { StoreContents } from './types.js';
import { pathExists } from '../../fs/path-exists.js';

/** Where each distribution keeps the compiled bundle that OpenSSL-based tools read. */
export const DISTRIBUTION_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu
  '/etc/pki/tls/certs/ca-bundle.crt', // RHEL, Fedora
  '/etc/ssl/cert.pem', // Alpine, Arch
  '/var/lib/ca-certificates/ca-bundle.pem', // SUSE
];

/** Debian's drop-in folder: `update-ca-certificates` compiles its `*.crt` files into the bundle. */
export const LOCAL_CA_DIR = '/usr/local/share/ca-certificates';

/** Every file is then read through loadCertPath (regular files only, size-capped); the count is capped here. */
async function crtFilesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((e) => !e.isDirectory() && e.name.endsWith('.crt'))
    .slice(0, FOLDER_MAX_FILES)
    .map((e) => path.join(e.parentPath ?? dir, e.name));
}

export interface LinuxStoreOptions {
  env: NodeJS.ProcessEnv;
  bundles?: readonly string[];
  localCaDir?: string;
}

/**
 * The anchors OpenSSL on this machine would use: `SSL_CERT_FILE` if set, else the distribution
 * bundle; plus `SSL_CERT_DIR` and certificates dropped into the local CA folder (also when
 * `update-ca-certificates` has not yet been run, since an administrator put them there on purpose).
 */
export async function readLinuxStore(options: LinuxStoreOptions): Promise<StoreContents> {
  const { env } = options;
  const files: string[] = [];
  if (env.SSL_CERT_FILE) files.push(env.SSL_CERT_FILE);
  else {
    const seen = new Set<string>();
    for (const bundle of options.bundles ?? DISTRIBUTION_BUNDLES) {
      if (!(await pathExists(bundle))) continue;
      const real = await realpath(bundle);
      if (!seen.has(real)) files.push(bundle);
      seen.add(real);
    }
  }
  const dirs = (env.SSL_CERT_DIR ?? '').split(path.delimiter).filter(Boolean);
  files.push(...(await crtFilesBelow(options.localCaDir ?? LOCAL_CA_DIR)));

  const contents: StoreContents = {
    backend: 'linux',
    anchors: new TrustSet('the OS trust store'),
    intermediates: new TrustSet('the intermediate store'),
    sources: [],
    problems: [],
  };
  const take = (loaded: LoadedCerts) => {
    for (const entry of loaded.certs) contents.anchors.add(entry);
    for (const problem of loaded.problems) contents.problems.push(problem); // a spread of 150,000 problems overflows the stack
  };
  for (const source of [...files, ...dirs]) {
    try {
      take(await loadCertPath(source, 'trust store'));
      contents.sources.push(source);
    } catch (error) {
      contents.problems.push({ source, index: -1, reason: (error as Error).message });
    }
  }
  return contents;
}
