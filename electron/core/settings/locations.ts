import os from 'node:os';
import path from 'node:path';
import type { ToolId } from '../../../shared/guidance/tool-types.js';
import { onPath } from '../fs/on-path.js';

/** The formats the scanner reads; each has its own line reader (settings-lines.ts). */
export type SettingsFormat =
  | 'npmrc'
  | 'yarnrc'
  | 'yarnrc-yml'
  | 'gitconfig'
  | 'pip-ini'
  | 'curlrc'
  | 'wgetrc'
  | 'uv-toml'
  | 'pyproject'
  | 'condarc'
  | 'gemrc'
  | 'bundler'
  | 'composer-json'
  | 'go-env';

export interface SettingsFile {
  file: string;
  format: SettingsFormat;
  tools: ToolId[];
}

export interface ScanPlace {
  env: NodeJS.ProcessEnv;
  /** The folder the tools would run in: its project files (.npmrc, .git/config, uv.toml…) count, as for the tools. */
  cwd: string;
  platform: NodeJS.Platform;
}

const NPM_TOOLS: ToolId[] = ['npm', 'pnpm'];

/** npm reads its `npm_config_*` variables case-insensitively; the last one set wins, as in npm. */
export function npmEnv(env: NodeJS.ProcessEnv, key: string): { name: string; value: string } | null {
  const wanted = `npm_config_${key.replace(/-/g, '_')}`;
  let found: { name: string; value: string } | null = null;
  for (const [name, value] of Object.entries(env)) if (value !== undefined && name.toLowerCase() === wanted) found = { name, value };
  return found;
}

const homeOf = (place: ScanPlace) => place.env.HOME ?? (place.platform === 'win32' ? place.env.USERPROFILE : undefined) ?? os.homedir();

/**
 * npm's four levels (npm docs, "npmrc"): builtin (the npmrc inside npm's own folder), global
 * (`globalconfig`, default {prefix}/etc/npmrc, where prefix is the folder above node's bin on Unix and
 * node's folder on Windows), user (`userconfig`, default ~/.npmrc) and project (.npmrc of the current folder).
 * pnpm reads the same files.
 */
async function npmrcFiles(place: ScanPlace, home: string): Promise<SettingsFile[]> {
  const npm = await onPath('npm', place.env);
  const node = await onPath('node', place.env);
  const files: string[] = [];
  // npm-cli.js sits in <npm>/bin; the builtin npmrc is <npm>/npmrc.
  if (npm && /npm-cli\.js$/.test(npm)) files.push(path.join(path.dirname(path.dirname(npm)), 'npmrc'));
  else if (npm) files.push(path.join(path.dirname(npm), 'node_modules', 'npm', 'npmrc'));
  const prefix =
    npmEnv(place.env, 'prefix')?.value ??
    (place.platform === 'win32'
      ? place.env.APPDATA
        ? path.join(place.env.APPDATA, 'npm')
        : null
      : node
        ? path.dirname(path.dirname(node))
        : null);
  const global = npmEnv(place.env, 'globalconfig')?.value ?? (prefix ? path.join(prefix, 'etc', 'npmrc') : null);
  if (global) files.push(global);
  files.push(npmEnv(place.env, 'userconfig')?.value ?? path.join(home, '.npmrc'));
  files.push(path.join(place.cwd, '.npmrc'));
  return files.map((file) => ({ file, format: 'npmrc' as const, tools: NPM_TOOLS }));
}

/** XDG_CONFIG_HOME, else ~/.config (Linux) / ~/Library/Application Support (macOS) / %APPDATA% (Windows). */
function userConfigDir(place: ScanPlace, home: string): string {
  if (place.env.XDG_CONFIG_HOME) return place.env.XDG_CONFIG_HOME;
  if (place.platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  if (place.platform === 'win32') return place.env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  return path.join(home, '.config');
}

const xdgConfigDirs = (place: ScanPlace) => (place.env.XDG_CONFIG_DIRS || '/etc/xdg').split(path.delimiter).filter(Boolean);

/**
 * pip's files (pip docs, "Configuration"): PIP_CONFIG_FILE alone when it is set (os.devnull loads none),
 * else global (/etc/xdg/pip/pip.conf or each XDG_CONFIG_DIRS entry, /etc/pip.conf; C:\ProgramData\pip\pip.ini),
 * user (legacy ~/.pip/pip.conf, then the config dir's pip/pip.conf) and site ($VIRTUAL_ENV/pip.conf).
 */
function pipFiles(place: ScanPlace, home: string): string[] {
  const ini = place.platform === 'win32' ? 'pip.ini' : 'pip.conf';
  const explicit = place.env.PIP_CONFIG_FILE;
  const files: string[] = [];
  if (place.platform === 'win32') files.push(path.join(place.env.ProgramData ?? 'C:\\ProgramData', 'pip', ini));
  else files.push(...xdgConfigDirs(place).map((d) => path.join(d, 'pip', ini)), '/etc/pip.conf');
  files.push(path.join(home, place.platform === 'win32' ? 'pip' : '.pip', ini), path.join(userConfigDir(place, home), 'pip', ini));
  if (place.env.VIRTUAL_ENV) files.push(path.join(place.env.VIRTUAL_ENV, ini));
  // pip loads PIP_CONFIG_FILE on top of the others, unless it names os.devnull, which disables them all.
  if (explicit === os.devNull) return [];
  if (explicit) files.push(explicit);
  return files;
}

/** git's levels (git-config FILES): system, XDG and ~/.gitconfig (or GIT_CONFIG_GLOBAL), the repository's. */
function gitFiles(place: ScanPlace, home: string): string[] {
  const files: string[] = [];
  if (!place.env.GIT_CONFIG_NOSYSTEM)
    files.push(
      place.env.GIT_CONFIG_SYSTEM ??
        (place.platform === 'win32'
          ? path.join(place.env.ProgramFiles ?? 'C:\\Program Files', 'Git', 'etc', 'gitconfig')
          : '/etc/gitconfig'),
    );
  if (place.env.GIT_CONFIG_GLOBAL) files.push(place.env.GIT_CONFIG_GLOBAL);
  else files.push(path.join(place.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'git', 'config'), path.join(home, '.gitconfig'));
  files.push(path.join(place.cwd, '.git', 'config'));
  return files;
}

/** curl reads the first .curlrc it finds: CURL_HOME, XDG_CONFIG_HOME, HOME (Windows: _curlrc, also %APPDATA%). */
function curlrcFiles(place: ScanPlace, home: string): string[] {
  const name = place.platform === 'win32' ? '_curlrc' : '.curlrc';
  const dirs = [place.env.CURL_HOME, place.env.XDG_CONFIG_HOME, home, place.platform === 'win32' ? place.env.APPDATA : undefined];
  return dirs.filter((d): d is string => Boolean(d)).map((d) => path.join(d, name));
}

/** Every file, per tool, that may hold a setting the scanner looks for. Existence is checked by the reader. */
export async function settingsFiles(place: ScanPlace): Promise<SettingsFile[]> {
  const home = homeOf(place);
  const config = userConfigDir(place, home);
  const of = (format: SettingsFormat, tools: ToolId[], files: (string | undefined)[]) =>
    files.filter((f): f is string => Boolean(f)).map((file) => ({ file, format, tools }));
  const condaPrefix = place.env.CONDA_PREFIX;
  const composerHome = place.env.COMPOSER_HOME ?? path.join(config, 'composer');
  const list: SettingsFile[] = [
    ...(await npmrcFiles(place, home)),
    // Yarn 1 reads .yarnrc (and npmrc) from /etc, its home (/usr/local/share for root) and the project;
    // Yarn 2+ reads .yarnrc.yml in the project and the home folder.
    ...of(
      'yarnrc',
      ['yarn'],
      [
        place.platform === 'win32' ? undefined : '/etc/yarnrc',
        path.join(process.getuid?.() === 0 ? '/usr/local/share' : home, '.yarnrc'),
        path.join(place.cwd, '.yarnrc'),
      ],
    ),
    ...of('yarnrc-yml', ['yarn-3', 'yarn-4'], [path.join(home, '.yarnrc.yml'), path.join(place.cwd, '.yarnrc.yml')]),
    ...of('gitconfig', ['git'], gitFiles(place, home)),
    ...of('pip-ini', ['pip'], pipFiles(place, home)),
    ...of('curlrc', ['curl'], curlrcFiles(place, home)),
    ...of('wgetrc', ['wget'], [place.env.WGETRC, place.platform === 'win32' ? undefined : '/etc/wgetrc', path.join(home, '.wgetrc')]),
    ...of(
      'uv-toml',
      ['uv'],
      [
        ...xdgConfigDirs(place).map((d) => path.join(d, 'uv', 'uv.toml')),
        '/etc/uv/uv.toml',
        path.join(config, 'uv', 'uv.toml'),
        place.env.UV_CONFIG_FILE,
        path.join(place.cwd, 'uv.toml'),
      ],
    ),
    ...of('pyproject', ['uv'], [path.join(place.cwd, 'pyproject.toml')]),
    ...of(
      'condarc',
      ['conda'],
      [
        '/etc/conda/.condarc',
        '/etc/conda/condarc',
        path.join(config, 'conda', '.condarc'),
        path.join(config, 'conda', 'condarc'),
        path.join(home, '.conda', '.condarc'),
        path.join(home, '.condarc'),
        condaPrefix && path.join(condaPrefix, '.condarc'),
        place.env.CONDARC,
      ],
    ),
    ...of('gemrc', ['ruby'], ['/etc/gemrc', place.env.GEMRC ?? path.join(home, '.gemrc')]),
    ...of(
      'bundler',
      ['ruby'],
      [path.join(place.env.BUNDLE_USER_HOME ?? path.join(home, '.bundle'), 'config'), path.join(place.cwd, '.bundle', 'config')],
    ),
    ...of(
      'composer-json',
      ['php'],
      [
        path.join(composerHome, 'config.json'),
        place.env.COMPOSER_HOME ? undefined : path.join(home, '.composer', 'config.json'),
        path.join(place.cwd, 'composer.json'),
      ],
    ),
    ...of('go-env', ['go'], [place.env.GOENV ?? path.join(config, 'go', 'env')]),
  ];
  // One entry per file and format (XDG defaults can repeat a path).
  const seen = new Set<string>();
  return list.filter((f) => {
    const key = `${f.format}\0${path.resolve(place.cwd, f.file)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
