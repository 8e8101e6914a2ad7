import path from 'node:path';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import { userHome } from './home.js';
import { NssError } from './nssdb.js';

/**
 * Firefox on Linux keeps its own NSS database (cert9.db) in each profile folder and, unlike Chromium,
 * does not read ~/.pki/nssdb. The profiles are listed in profiles.ini: `[ProfileN]` sections with
 * `Path=` and `IsRelative=1` (relative to the folder of profiles.ini) or `IsRelative=0` (absolute).
 * Places: the classic ~/.mozilla/firefox, the Snap's ~/snap/firefox/common/.mozilla/firefox and the
 * Flatpak's ~/.var/app/org.mozilla.firefox/.mozilla/firefox.
 * https://support.mozilla.org/kb/profiles-where-firefox-stores-user-data and
 * https://kb.mozillazine.org/Profiles.ini_file describe the file.
 */

const PROFILES_INI_MAX_BYTES = 1024 * 1024;
const MAX_PROFILES = 64;

export const firefoxRoots = (env: NodeJS.ProcessEnv): string[] => {
  const home = userHome(env);
  return [
    path.join(home, '.mozilla', 'firefox'),
    path.join(home, 'snap', 'firefox', 'common', '.mozilla', 'firefox'),
    path.join(home, '.var', 'app', 'org.mozilla.firefox', '.mozilla', 'firefox'),
  ];
};

/** The profile folders one profiles.ini names (text in any line ending; sections other than [Profile…] ignored). */
export function profilesFromIni(text: string, root: string): string[] {
  const folders: string[] = [];
  let current: { path?: string; relative?: boolean } | null = null;
  const flush = () => {
    if (current?.path) folders.push(current.relative === false ? path.resolve(current.path) : path.resolve(root, current.path));
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    const section = /^\[([^\]]*)\]$/.exec(line);
    if (section) {
      flush();
      current = /^Profile\d+$/i.test(section[1]!) ? {} : null;
      continue;
    }
    const pair = /^([^=]+)=(.*)$/.exec(line);
    if (!current || !pair) continue;
    if (pair[1]!.trim() === 'Path') current.path = pair[2]!.trim();
    if (pair[1]!.trim() === 'IsRelative') current.relative = pair[2]!.trim() !== '0';
  }
  flush();
  return [...new Set(folders)].slice(0, MAX_PROFILES);
}

/** Every Firefox profile folder the user has, from each profiles.ini that exists. */
export async function firefoxProfiles(env: NodeJS.ProcessEnv): Promise<string[]> {
  const found: string[] = [];
  for (const root of firefoxRoots(env)) {
    let text: string;
    try {
      text = (await readUserFile(path.join(root, 'profiles.ini'), { maxBytes: PROFILES_INI_MAX_BYTES })).toString('utf8');
    } catch (error) {
      if (error instanceof UserFileError && error.problem === 'not-found') continue;
      throw new NssError(`${(error as Error).message}: nothing was changed`);
    }
    found.push(...profilesFromIni(text, root));
  }
  return found;
}
