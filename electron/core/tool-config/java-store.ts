import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Jdk } from '../../../shared/guidance/render.js';
import { readUserFile } from '../fs/read-user-file.js';
import { ProfileError } from '../guidance/profile-snapshot.js';

/** The password Java's own cacerts uses; the copy holds only public certificates, so it protects nothing. */
export const JAVA_STORE_PASSWORD = 'changeit';
const KEYTOOL_TIMEOUT_MS = 120_000;

function keytool(jdk: Jdk, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // JAVA_TOOL_OPTIONS of an earlier apply must not steer keytool itself.
    const clean = { ...env, JAVA_TOOL_OPTIONS: undefined };
    execFile(jdk.keytool, args, { env: clean, timeout: KEYTOOL_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) =>
      error
        ? reject(new ProfileError(`keytool failed (${jdk.keytool} ${args[0]}): ${`${stdout}${stderr}`.trim() || error.message}`))
        : resolve(),
    );
  });
}

/**
 * The user's Java trust store, rebuilt from the JDK's own cacerts each time (so a JDK update's new roots
 * are in it) plus the exported CA: built in a temporary folder and returned as bytes, for the ledger to
 * write byte-exactly. The JDK is never touched.
 */
export async function buildJavaStore(jdk: Jdk, caDer: string, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ca-bridge-java-'));
  try {
    const store = path.join(dir, 'store.p12');
    const pass = JAVA_STORE_PASSWORD;
    await keytool(
      jdk,
      [
        '-importkeystore',
        '-noprompt',
        '-srckeystore',
        jdk.cacerts,
        '-srcstorepass',
        pass,
        '-destkeystore',
        store,
        '-deststoretype',
        'PKCS12',
        '-deststorepass',
        pass,
      ],
      env,
    );
    await keytool(jdk, ['-importcert', '-noprompt', '-alias', 'corporate-ca', '-file', caDer, '-keystore', store, '-storepass', pass], env);
    return await readUserFile(store, { maxBytes: 16 * 1024 * 1024 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
