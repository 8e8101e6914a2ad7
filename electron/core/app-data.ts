import os from 'node:os';
import path from 'node:path';
import type { ErrorDetail } from '../../shared/error-detail.js';
import { ProfileError } from './guidance/profile-snapshot.js';

/** A folder variable that is set to something (an empty one counts as unset, as the XDG rules say). */
const named = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

/**
 * The folders ca-bridge keeps its own files in, resolved in one place. `cache` may be wiped by the
 * user or the OS without harm (the last detection); `state` must survive (the ledger: what apply
 * changed, so revert can restore it). On Windows both live under %LOCALAPPDATA%.
 *
 * Only an absolute folder is ever used: an empty or relative HOME (or LOCALAPPDATA, XDG_CACHE_HOME)
 * would put the ledger under whatever the working directory happens to be, so `revert` run from another
 * folder would read another ledger, or none. `cache` then has no folder (null: nothing is remembered);
 * `state` is refused by `stateDir` with a sentence naming the variable.
 */
export function appDataDir(kind: 'cache' | 'state', env: NodeJS.ProcessEnv): string | null {
  return kind === 'cache' ? cacheDir(env) : stateBase(env).dir;
}

function cacheDir(env: NodeJS.ProcessEnv): string | null {
  // XDG: a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = named(env.XDG_CACHE_HOME);
  const local = named(env.LOCALAPPDATA);
  const base = xdg && path.isAbsolute(xdg) ? xdg : local && path.isAbsolute(local) ? local : homeCache(env.HOME);
  return base ? path.join(base, 'ca-bridge') : null;
}

const homeCache = (home: string | undefined) => (home && path.isAbsolute(home) ? path.join(home, '.cache') : null);

/** The state folder, or the variable that made it unusable. */
function stateBase(env: NodeJS.ProcessEnv): { dir: string | null; variable: string; value: string } {
  const local = named(env.LOCALAPPDATA);
  if (local !== undefined)
    return { dir: path.isAbsolute(local) ? path.join(local, 'ca-bridge') : null, variable: 'LOCALAPPDATA', value: local };
  // HOME unset: the account's home, as every tool does. HOME set but empty is not "unset": it is refused.
  const home = env.HOME ?? os.homedir();
  return { dir: path.isAbsolute(home) ? path.join(home, '.config', 'ca-bridge') : null, variable: 'HOME', value: home };
}

/**
 * The state folder (where the ledger lives). An empty or relative HOME or LOCALAPPDATA is refused before
 * anything is read or written: it is the user's to correct (the CLI exits 2).
 */
export function stateDir(env: NodeJS.ProcessEnv): string {
  const { dir, variable, value } = stateBase(env);
  if (dir === null) throw new StateFolderError(variable, value);
  return dir;
}

/** The refusal, with its catalogue key and parameters so each front door words it in the user's language. */
export class StateFolderError extends ProfileError {
  readonly detail: ErrorDetail;
  constructor(variable: string, value: string) {
    super(
      `${variable} is ${JSON.stringify(value)}, not an absolute folder: CA Bridge keeps its record of changes (the ledger) there, ` +
        `and would otherwise read or write one under the current folder. Set ${variable} to your own folder; nothing was read or changed`,
    );
    this.detail = { key: 'state-folder-not-absolute', params: { variable, value } };
  }
}
