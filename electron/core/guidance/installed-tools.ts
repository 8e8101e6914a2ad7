import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ToolId } from '../../../shared/guidance/tool-types.js';

/**
 * The programs whose presence on PATH says a row of the catalogue concerns this computer, so the interface
 * can list the user's own tools first. Every row has an entry (the type requires it): a row that only
 * counted as present for lack of one listed tools the user does not have.
 */
const PROGRAMS: Record<ToolId, readonly string[]> = {
  node: ['node'],
  'node-system-ca': ['node'],
  npm: ['npm'],
  pnpm: ['pnpm'],
  yarn: ['yarn'],
  'yarn-3': ['yarn'],
  'yarn-4': ['yarn'],
  bun: ['bun'],
  deno: ['deno'],
  openssl: ['openssl'],
  'python-requests': ['python3', 'python', 'py'],
  httpx: ['python3', 'python', 'py'],
  pip: ['pip3', 'pip'],
  uv: ['uv'],
  conda: ['conda', 'mamba', 'micromamba'],
  poetry: ['poetry'],
  aws: ['aws'],
  azure: ['az'],
  gcloud: ['gcloud'],
  go: ['go'],
  cargo: ['cargo'],
  ruby: ['ruby', 'gem'],
  php: ['php', 'composer'],
  java: ['keytool', 'java'],
  'java-windows-root': ['keytool', 'java'],
  'java-keychain': ['keytool', 'java'],
  maven: ['mvn'],
  gradle: ['gradle'],
  apt: ['apt-get'],
  homebrew: ['brew'],
  julia: ['julia'],
  'r-lang': ['R'],
  snap: ['snap'],
  flatpak: ['flatpak'],
  'android-studio': ['studio'],
  'go-clis': ['kubectl', 'helm', 'terraform'],
  dotnet: ['dotnet'],
  git: ['git'],
  'git-schannel': ['git'],
  curl: ['curl'],
  wget: ['wget'],
  docker: ['docker', 'podman'],
  'docker-desktop': ['docker'],
  devcontainer: ['devcontainer', 'code'],
  wsl: ['wsl'],
  vscode: ['code', 'code-insiders', 'codium'],
  // The launchers JetBrains Toolbox puts on PATH, one per IDE.
  jetbrains: ['jetbrains-toolbox', 'idea', 'pycharm', 'webstorm', 'goland', 'rider', 'clion', 'phpstorm', 'rubymine', 'datagrip'],
  'claude-code': ['claude'],
  codex: ['codex'],
  'gemini-cli': ['gemini'],
  'copilot-cli': ['copilot'],
};

/** At most this many PATH entries are looked at: a PATH is a few dozen folders, never thousands. */
const MAX_PATH_ENTRIES = 200;

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Ids of the catalogue's tools whose program is on PATH (PATHEXT on Windows); none with an empty PATH. */
export async function installedTools<T extends ToolId>(ids: readonly T[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<T[]> {
  const windows = platform === 'win32';
  const dirs = (env.PATH ?? env.Path ?? '')
    .split(windows ? ';' : ':')
    .filter(Boolean)
    .slice(0, MAX_PATH_ENTRIES);
  const extensions = windows ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean) : [''];
  const found = new Map<string, Promise<boolean>>();
  const onPath = (program: string) => {
    if (!found.has(program))
      found.set(
        program,
        Promise.all(dirs.flatMap((dir) => extensions.map((ext) => isFile(path.join(dir, program + ext))))).then((hits) =>
          hits.includes(true),
        ),
      );
    return found.get(program)!;
  };
  const present = await Promise.all(ids.map(async (id) => (await Promise.all(PROGRAMS[id].map(onPath))).includes(true)));
  return ids.filter((_, i) => present[i]);
}
