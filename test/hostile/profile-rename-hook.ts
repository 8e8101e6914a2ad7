import { createRequire, syncBuiltinESMExports } from 'node:module';

/** node:fs/promises as the code under test sees it (its named imports follow this object after a sync). */
export const fsPromises = createRequire(import.meta.url)('node:fs/promises') as typeof import('node:fs/promises');

/**
 * Runs `run` with every rename of node:fs/promises wrapped: `around(from, to, rename)` decides what
 * happens around the real rename (another program writing just before or after it, a lying disk).
 */
export async function withRenameHook<T>(
  around: (from: string, to: string, rename: () => Promise<void>) => Promise<void>,
  run: () => Promise<T>,
): Promise<T> {
  const real = fsPromises.rename;
  fsPromises.rename = (from, to) => around(String(from), String(to), () => real(from, to));
  syncBuiltinESMExports();
  try {
    return await run();
  } finally {
    fsPromises.rename = real;
    syncBuiltinESMExports();
  }
}
