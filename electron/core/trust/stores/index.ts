import { loadCertPath } from '../load-pem.js';
import { TrustSet } from '../trust-set.js';
import { readLinuxStore } from './linux.js';
import type { StoreContents } from './types.js';

export interface StoreOptions {
  /** `--trust-store PATH`: a PEM file or a folder of certificates that replaces the OS store. */
  overridePath?: string;
  platform?: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export async function readTrustStore(options: StoreOptions): Promise<StoreContents> {
  if (options.overridePath) {
    const loaded = await loadCertPath(options.overridePath, '--trust-store');
    return {
      backend: 'file',
      anchors: new TrustSet('the trust store', loaded.certs),
      intermediates: [],
      sources: [options.overridePath],
      problems: loaded.problems,
    };
  }
  const platform = options.platform ?? process.platform;
  if (platform === 'win32' || platform === 'darwin') {
    // Windows and macOS backends land with the export work; until then say so instead of guessing.
    return {
      backend: platform,
      anchors: new TrustSet('the OS trust store'),
      intermediates: [],
      sources: [],
      problems: [{ source: platform, index: -1, reason: `reading the ${platform} trust store is not supported yet; use --trust-store` }],
    };
  }
  return readLinuxStore({ env: options.env });
}
