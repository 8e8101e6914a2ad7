import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** Where a command on the given PATH lives, links followed (with PATHEXT on Windows); null when it is not there. */
export async function onPath(command: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  const extensions = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';')] : [''];
  for (const dir of (env.PATH ?? env.Path ?? '/usr/bin:/bin').split(path.delimiter).filter(Boolean))
    for (const ext of extensions) {
      const found = await realpath(path.join(dir, command + ext)).catch(() => null);
      if (found) return found;
    }
  return null;
}
