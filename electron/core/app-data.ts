import os from 'node:os';
import path from 'node:path';

/**
 * The folders ca-bridge keeps its own files in, resolved in one place. `cache` may be wiped by the
 * user or the OS without harm (the last detection); `state` must survive (what apply changed, so revert
 * can restore it). On Windows both live under %LOCALAPPDATA%.
 */
export function appDataDir(kind: 'cache' | 'state', env: NodeJS.ProcessEnv): string | null {
  if (kind === 'cache') {
    const base = env.XDG_CACHE_HOME ?? env.LOCALAPPDATA ?? (env.HOME ? path.join(env.HOME, '.cache') : null);
    return base ? path.join(base, 'ca-bridge') : null;
  }
  return path.join(env.LOCALAPPDATA ?? path.join(env.HOME ?? os.homedir(), '.config'), 'ca-bridge');
}
