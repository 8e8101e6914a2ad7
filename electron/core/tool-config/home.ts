import os from 'node:os';
import path from 'node:path';
import { ProfileError } from '../guidance/profile-snapshot.js';

/**
 * The run's home folder for the files `apply --tool` writes. An empty or relative HOME is refused: it
 * would name files under the working directory (and nothing the tools read). Without HOME, USERPROFILE
 * (Windows), then the account's home.
 */
export function userHome(env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  if (!path.isAbsolute(home)) throw new ProfileError(`HOME is ${JSON.stringify(home)}, not a folder: nothing was changed`);
  return home;
}
