import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The program whose presence on PATH says a tool of the catalogue is installed here, so the interface
 * can show the user's own tools first. A tool without an entry is always shown.
 */
const PROGRAMS: Record<string, readonly string[]> = {
  node: ['node'],
  'node-system-ca': ['node'],
  npm: ['npm'],
  pnpm: ['pnpm'],
  yarn: ['yarn'],
  'yarn-berry': ['yarn'],
  'python-requests': ['python3', 'python', 'az'],
  pip: ['pip3', 'pip'],
  uv: ['uv'],
  conda: ['conda'],
  openssl: ['openssl', 'ruby'],
  curl: ['curl'],
  git: ['git'],
  cargo: ['cargo'],
  gcloud: ['gcloud'],
  aws: ['aws'],
  go: ['go'],
  java: ['keytool', 'java'],
  deno: ['deno'],
  docker: ['docker', 'podman'],
  wsl: ['wsl'],
  vscode: ['code'],
};

/** At most this many PATH entries are looked at: a PATH is a few dozen folders, never thousands. */
const MAX_PATH_ENTRIES = 200;

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Ids of the catalogue's tools whose program is on PATH (PATHEXT on Windows). */
export async function installedTools(ids: readonly string[], env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Promise<string[]> {
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
  const present = await Promise.all(ids.map(async (id) => !PROGRAMS[id] || (await Promise.all(PROGRAMS[id].map(onPath))).includes(true)));
  return ids.filter((_, i) => present[i]);
}
