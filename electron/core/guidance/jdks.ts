import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Jdk } from '../../../shared/guidance/render.js';
import { pathExists } from '../fs/path-exists.js';

/** A JDK's trust store: `lib/security/cacerts` since Java 9, `jre/lib/security/cacerts` before. */
async function jdkAt(home: string, exe: string): Promise<Jdk | null> {
  for (const rel of ['lib/security/cacerts', 'jre/lib/security/cacerts']) {
    const cacerts = path.join(home, rel);
    if (await pathExists(cacerts)) return { home, keytool: path.join(home, 'bin', `keytool${exe}`), cacerts };
  }
  return null;
}

function whichJava(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(platform === 'win32' ? 'where' : 'which', ['java'], { env }, (error, stdout) =>
      resolve(error ? null : stdout.split(/\r?\n/)[0]!.trim() || null),
    );
  });
}

/** The JDKs the user runs: JAVA_HOME, and whatever `java` on PATH resolves to (symlinks followed). */
export async function findJdks(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<Jdk[]> {
  const exe = platform === 'win32' ? '.exe' : '';
  const homes: string[] = [];
  if (env.JAVA_HOME) homes.push(env.JAVA_HOME);
  const java = await whichJava(env, platform);
  if (java) {
    const real = await realpath(java).catch(() => java);
    homes.push(path.dirname(path.dirname(real)));
  }
  const found: Jdk[] = [];
  for (const home of homes) {
    const canonical = await realpath(home).catch(() => home);
    if (found.some((j) => j.home === canonical)) continue;
    const jdk = await jdkAt(canonical, exe);
    if (jdk) found.push(jdk);
  }
  return found;
}
