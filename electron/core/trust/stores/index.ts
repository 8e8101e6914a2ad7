import { loadCertPath } from '../load-pem.js';
import { TrustSet } from '../trust-set.js';
import { readLinuxStore } from './linux.js';
import { readMacStoreCached } from './macos.js';
import { readWindowsStore } from './windows.js';
import type { StoreContents } from './types.js';

export interface StoreOptions {
  /** `--trust-store PATH`: a PEM file or a folder of certificates that replaces the OS store. */
  overridePath?: string;
  platform?: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The operation's cancellation: a file or folder named by `overridePath` stops being read. */
  signal?: AbortSignal;
}

export async function readTrustStore(options: StoreOptions): Promise<StoreContents> {
  if (options.overridePath) {
    const loaded = await loadCertPath(options.overridePath, '--trust-store', options.signal);
    return {
      backend: 'file',
      anchors: new TrustSet('the trust store', loaded.certs),
      intermediates: new TrustSet('the intermediate store'),
      sources: [options.overridePath],
      problems: loaded.problems,
    };
  }
  const platform = options.platform ?? process.platform;
  const backend = platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : 'linux';
  const read =
    backend === 'windows' ? readWindowsStore : backend === 'macos' ? readMacStoreCached : () => readLinuxStore({ env: options.env });
  try {
    return await read();
  } catch (error) {
    // A store that cannot be read leaves detection working: chains are then simply not anchored.
    return {
      backend,
      anchors: new TrustSet('the OS trust store'),
      intermediates: new TrustSet('the intermediate store'),
      sources: [],
      problems: [{ source: backend, index: -1, reason: `the OS trust store could not be read: ${(error as Error).message}` }],
    };
  }
}
