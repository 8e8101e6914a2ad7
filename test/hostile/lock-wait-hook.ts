/**
 * Loaded (--import) into CLI processes a test starts: the first time a process finds a profile's lock held
 * (creating the lock file fails with EEXIST), it appends its pid to $CA_BRIDGE_TEST_LOCK_WAITS. The test
 * then knows, by an event rather than a sleep, that every process is waiting on the lock.
 */
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const fsPromises = createRequire(import.meta.url)('node:fs/promises') as typeof import('node:fs/promises');
const marks = process.env.CA_BRIDGE_TEST_LOCK_WAITS;
const real = fsPromises.open;
let told = false;
fsPromises.open = (async (file: Parameters<typeof real>[0], ...rest: unknown[]) => {
  try {
    return await (real as (...args: unknown[]) => ReturnType<typeof real>)(file, ...rest);
  } catch (error) {
    if (marks && !told && (error as NodeJS.ErrnoException).code === 'EEXIST' && String(file).endsWith('.ca-bridge.lock')) {
      told = true;
      appendFileSync(marks, `${process.pid}\n`);
    }
    throw error;
  }
}) as typeof real;
syncBuiltinESMExports();
