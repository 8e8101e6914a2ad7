import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Jdk } from '../../../shared/guidance/render.js';
import { readUserFile } from '../fs/read-user-file.js';
import { ProfileError } from '../guidance/profile-snapshot.js';
import { javaAlias, type ExportCa } from './export-cas.js';

/** The password Java's own cacerts uses; the copy holds only public certificates, so it protects nothing. */
export const JAVA_STORE_PASSWORD = 'changeit';
const KEYTOOL_TIMEOUT_MS = 120_000;

function keytool(jdk: Jdk, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    // JAVA_TOOL_OPTIONS of an earlier apply must not steer keytool itself.
    const clean = { ...env, JAVA_TOOL_OPTIONS: undefined };
    execFile(jdk.keytool, args, { env: clean, timeout: KEYTOOL_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) =>
      error
        ? reject(new ProfileError(`keytool failed (${jdk.keytool} ${args[0]}): ${`${stdout}${stderr}`.trim() || error.message}`))
        : resolve(stdout),
    );
  });
}

/** The SHA-256 fingerprints a store holds, sorted: what a trust store means (its bytes differ on every build, PKCS#12 salts). */
async function fingerprints(jdk: Jdk, store: string, env: NodeJS.ProcessEnv): Promise<string> {
  const listed = await keytool(jdk, ['-list', '-keystore', store, '-storepass', JAVA_STORE_PASSWORD], env);
  return [...listed.matchAll(/\(SHA-256\):\s*([0-9A-F:]+)/g)]
    .map((m) => m[1])
    .sort()
    .join('\n');
}

/**
 * The user's Java trust store, rebuilt from the JDK's own cacerts each time (so a JDK update's new roots
 * are in it) plus every exported CA, each under its own alias (`ca-bridge-<fingerprint>`): built in a temporary
 * folder and returned as bytes, for the ledger to write byte-exactly. Being rebuilt, a rotated CA's entry is
 * gone with the next apply. The JDK is never touched. Null when `existing` already holds exactly the same
 * certificates: rewriting it would change nothing but the salt, and add its bytes to the ledger each run.
 */
export async function buildJavaStore(jdk: Jdk, cas: readonly ExportCa[], env: NodeJS.ProcessEnv, existing: string): Promise<Buffer | null> {
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
    for (const ca of cas)
      await keytool(
        jdk,
        ['-importcert', '-noprompt', '-alias', javaAlias(ca), '-file', ca.der, '-keystore', store, '-storepass', pass],
        env,
      );
    const built = await fingerprints(jdk, store, env);
    const current = await fingerprints(jdk, existing, env).catch(() => null);
    return built !== '' && current === built ? null : await readUserFile(store, { maxBytes: 16 * 1024 * 1024 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
