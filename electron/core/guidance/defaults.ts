import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Shell } from '../../../shared/guidance/quote.js';

/** The user's shell: from SHELL on Unix, PowerShell on Windows. */
export function defaultShell(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Shell {
  const name = path.basename(env.SHELL ?? '');
  if (name === 'zsh' || name === 'fish' || name === 'bash') return name;
  return platform === 'win32' ? 'powershell' : 'bash';
}

/**
 * Where apply writes for each shell: files every new session of that shell reads, so tools started
 * from a terminal see the variables (login shells and desktop sessions included).
 */
export function defaultProfile(shell: Shell, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | null {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  switch (shell) {
    case 'bash': {
      // A login bash reads ~/.bash_profile when it exists and then skips ~/.profile.
      const bashProfile = path.join(home, '.bash_profile');
      return existsSync(bashProfile) ? bashProfile : path.join(home, '.profile');
    }
    case 'zsh':
      // ~/.zshenv is read by every zsh, interactive or not.
      return path.join(env.ZDOTDIR ?? home, '.zshenv');
    case 'fish':
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'fish', 'conf.d', 'ca-bridge.fish');
    case 'powershell':
      return platform === 'win32'
        ? path.join(home, 'Documents', 'PowerShell', 'Microsoft.PowerShell_profile.ps1')
        : path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'powershell', 'Microsoft.PowerShell_profile.ps1');
    case 'cmd':
      return null; // cmd has no profile file: the user environment is the place (see user-environment.ts)
  }
}
