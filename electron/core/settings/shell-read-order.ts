import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ProfileFormat } from './shell-profiles.js';

/**
 * The user's own startup files one shell reads, in the order it reads them (a later assignment wins), for
 * a new terminal of that shell: what its programs will have in their environment. Used to prove a setting
 * with exactly what that shell gives its tools, never with another shell's files (zsh never reads the
 * ~/.profile that bash's login reads).
 *
 * From the shells' manuals:
 *  - bash(1) INVOCATION: a login shell reads the first that exists of ~/.bash_profile, ~/.bash_login,
 *    ~/.profile; an interactive shell then reads ~/.bashrc (a new terminal is one or the other; both are
 *    taken, as most ~/.bash_profile files source ~/.bashrc and most desktops run a login first).
 *  - sh (dash(1), POSIX): a login shell reads ~/.profile (then $ENV, not followed here).
 *  - zsh(1) STARTUP/SHUTDOWN FILES: $ZDOTDIR (else HOME) .zshenv, .zprofile (login), .zshrc (interactive),
 *    .zlogin (login); never ~/.profile.
 *  - fish's "Configuration files": conf.d snippets (sorted by name) first, then config.fish.
 *  - PowerShell about_Profiles: CurrentUserAllHosts (profile.ps1) before CurrentUserCurrentHost
 *    (Microsoft.PowerShell_profile.ps1); PowerShell 7 under Documents\PowerShell (~/.config/powershell
 *    elsewhere), Windows PowerShell 5.1 under Documents\WindowsPowerShell.
 * System files (/etc/profile, /etc/zshenv) are not the user's and are not listed.
 */

export type ReadOrderShell = 'sh' | 'bash' | 'zsh' | 'fish' | 'powershell' | 'windows-powershell';

export const READ_ORDER_SHELLS: readonly ReadOrderShell[] = ['sh', 'bash', 'zsh', 'fish', 'powershell', 'windows-powershell'];

/** conf.d folders can hold many snippets; this many are read at most (as the settings scan). */
const MAX_FISH_SNIPPETS = 200;

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

export async function shellReadOrder(
  shell: ReadOrderShell,
  home: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Promise<{ file: string; format: ProfileFormat }[]> {
  const sh = (...names: string[]) => names.map((name) => ({ file: path.join(home, name), format: 'sh-profile' as const }));
  const config = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const ps = (dir: string) =>
    ['profile.ps1', 'Microsoft.PowerShell_profile.ps1'].map((name) => ({ file: path.join(dir, name), format: 'powershell' as const }));
  switch (shell) {
    case 'sh':
      return platform === 'win32' ? [] : sh('.profile');
    case 'bash': {
      if (platform === 'win32') return [];
      let login = '.profile';
      for (const name of ['.bash_profile', '.bash_login'])
        if (await exists(path.join(home, name))) {
          login = name;
          break;
        }
      return sh(login, '.bashrc');
    }
    case 'zsh': {
      if (platform === 'win32') return [];
      const zdot = env.ZDOTDIR || home;
      return ['.zshenv', '.zprofile', '.zshrc', '.zlogin'].map((name) => ({ file: path.join(zdot, name), format: 'sh-profile' as const }));
    }
    case 'fish': {
      if (platform === 'win32') return [];
      const confD = path.join(config, 'fish', 'conf.d');
      const snippets = (await readdir(confD).catch(() => [] as string[]))
        .filter((n) => n.endsWith('.fish'))
        .sort()
        .slice(0, MAX_FISH_SNIPPETS);
      return [
        ...snippets.map((name) => ({ file: path.join(confD, name), format: 'fish' as const })),
        { file: path.join(config, 'fish', 'config.fish'), format: 'fish' as const },
      ];
    }
    case 'powershell':
      return ps(platform === 'win32' ? path.join(home, 'Documents', 'PowerShell') : path.join(config, 'powershell'));
    case 'windows-powershell':
      return platform === 'win32' ? ps(path.join(home, 'Documents', 'WindowsPowerShell')) : [];
  }
}

/** The user's shell for a new terminal: SHELL's name on Unix (bash when unknown, as apply's default), PowerShell on Windows. */
export function userShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): ReadOrderShell {
  if (platform === 'win32') return 'powershell';
  const name = path.basename(env.SHELL ?? '');
  if (name === 'dash') return 'sh';
  return (READ_ORDER_SHELLS as readonly string[]).includes(name) ? (name as ReadOrderShell) : 'bash';
}
