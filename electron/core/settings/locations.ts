import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ToolId } from '../../../shared/guidance/tool-types.js';
import { onPath } from '../fs/on-path.js';
import { vscodeSettingsFile } from '../tool-config/vscode-settings.js';
import { findGitRepo } from './git-includes.js';
import { profileFiles, type ProfileFormat } from './shell-profiles.js';

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
  | 'go-env'
  | 'vscode-json'
  | 'cargo-toml'
  | ProfileFormat;

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

export const homeOf = (place: ScanPlace) =>
  place.env.HOME ?? (place.platform === 'win32' ? place.env.USERPROFILE : undefined) ?? os.homedir();

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
  files.push(path.join(await npmLocalPrefix(place.cwd), '.npmrc'));
  return files.map((file) => ({ file, format: 'npmrc' as const, tools: NPM_TOOLS }));
}

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** The folders from `cwd` up to (not including) the root, nearest first; bounded. */
function foldersUp(cwd: string): string[] {
  const out: string[] = [];
  for (let dir = path.resolve(cwd); out.length < 64;) {
    const up = path.dirname(dir);
    if (up === dir) break;
    out.push(dir);
    dir = up;
  }
  return out;
}

/** npm's project folder (its localPrefix): the nearest folder upwards holding package.json or node_modules, else `cwd`. */
async function npmLocalPrefix(cwd: string): Promise<string> {
  for (const dir of foldersUp(cwd))
    if ((await exists(path.join(dir, 'package.json'))) || (await exists(path.join(dir, 'node_modules')))) return dir;
  return cwd;
}

/**
 * Yarn 1's files (its NpmRegistry/YarnRegistry getPossibleConfigLocations): `.yarnrc` in the current
 * folder, the home one (`/usr/local/share` when run as root, unless FAKEROOTKEY is set, and then also the
 * account's own home), `{prefix}/etc/yarnrc`, and `.yarnrc` in every folder from the current one up.
 * Yarn 1 also reads the npmrc files the same way (`.npmrc` in those folders, the npm user config and
 * `{prefix}/etc/npmrc`) and takes `strict-ssl` and `cafile` from them when no .yarnrc sets them.
 */
async function yarn1Files(place: ScanPlace, home: string): Promise<SettingsFile[]> {
  const node = await onPath('node', place.env);
  const asRoot = place.platform !== 'win32' && process.getuid?.() === 0 && !place.env.FAKEROOTKEY;
  const yarnHome = asRoot ? '/usr/local/share' : home;
  const prefix = place.env.PREFIX ?? (node ? (place.platform === 'win32' ? path.dirname(node) : path.dirname(path.dirname(node))) : null);
  const homes = yarnHome === home ? [home] : [yarnHome, home];
  const folders = foldersUp(place.cwd);
  const yarnrc = [
    path.join(place.cwd, '.yarnrc'),
    ...homes.map((h) => path.join(h, '.yarnrc')),
    prefix && path.join(prefix, 'etc', 'yarnrc'),
  ];
  const npmrc = [
    path.join(place.cwd, '.npmrc'),
    npmEnv(place.env, 'userconfig')?.value ?? path.join(yarnHome, '.npmrc'),
    prefix && path.join(prefix, 'etc', 'npmrc'),
    ...(yarnHome === home ? [] : [path.join(home, '.npmrc')]),
  ];
  const list = (format: SettingsFormat, files: (string | null)[]) =>
    files.filter((f): f is string => Boolean(f)).map((file) => ({ file, format, tools: ['yarn'] as ToolId[] }));
  return [
    ...list('yarnrc', [...yarnrc, ...folders.map((d) => path.join(d, '.yarnrc'))]),
    ...list('npmrc', [...npmrc, ...folders.map((d) => path.join(d, '.npmrc'))]),
  ];
}

/**
 * RubyGems' files (rubygems/config_file.rb): the system-wide /etc/gemrc, the user's (GEMRC when set, else
 * ~/.gemrc, or $XDG_CONFIG_HOME/gem/gemrc when there is no ~/.gemrc), and each file GEMRC lists.
 * Bundler takes `ssl_verify_mode` from these too when its own settings have none.
 */
async function gemrcFiles(place: ScanPlace, home: string, config: string): Promise<string[]> {
  const system = place.platform === 'win32' ? [] : ['/etc/gemrc'];
  if (place.env.GEMRC) return [...system, ...place.env.GEMRC.split(path.delimiter).filter(Boolean)];
  const dotGemrc = path.join(home, '.gemrc');
  return [
    ...system,
    (await exists(dotGemrc)) ? dotGemrc : path.join(place.env.XDG_CONFIG_HOME ? config : path.join(home, '.config'), 'gem', 'gemrc'),
  ];
}

/**
 * Bundler's config files (bundle-config(1)): the global one (BUNDLE_USER_CONFIG, else
 * $BUNDLE_USER_HOME/config, else ~/.bundle/config) and the application's (BUNDLE_APP_CONFIG, else
 * .bundle/config beside the Gemfile: BUNDLE_GEMFILE's folder, else the nearest one upwards).
 */
async function bundlerFiles(place: ScanPlace, home: string): Promise<string[]> {
  const global = place.env.BUNDLE_USER_CONFIG || path.join(place.env.BUNDLE_USER_HOME || path.join(home, '.bundle'), 'config');
  if (place.env.BUNDLE_APP_CONFIG) return [global, path.join(path.resolve(place.cwd, place.env.BUNDLE_APP_CONFIG), 'config')];
  let root: string | null = place.env.BUNDLE_GEMFILE ? path.dirname(path.resolve(place.cwd, place.env.BUNDLE_GEMFILE)) : null;
  for (const dir of root ? [] : foldersUp(place.cwd))
    if ((await exists(path.join(dir, 'Gemfile'))) || (await exists(path.join(dir, 'gems.rb')))) {
      root = dir;
      break;
    }
  return [global, path.join(root ?? place.cwd, '.bundle', 'config')];
}

/**
 * Cargo's configuration files (cargo reference, "Configuration"): `.cargo/config.toml` (or the older
 * `.cargo/config`) in the current folder and every folder above it, then `$CARGO_HOME/config.toml`.
 */
function cargoFiles(place: ScanPlace, home: string): string[] {
  const cargoHome = place.env.CARGO_HOME || path.join(home, '.cargo');
  const dirs = [...foldersUp(place.cwd).map((d) => path.join(d, '.cargo')), cargoHome];
  return [...new Set(dirs)].flatMap((d) => [path.join(d, 'config.toml'), path.join(d, 'config')]);
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

/**
 * git's levels (git-config FILES): system, XDG and ~/.gitconfig (or GIT_CONFIG_GLOBAL), the repository's
 * (found upwards from the folder, as git does). Files they include are followed by the scan (git-includes.ts).
 */
async function gitFiles(place: ScanPlace, home: string): Promise<string[]> {
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
  const repo = await findGitRepo(place.cwd, place.env);
  if (repo) files.push(path.join(repo.commonDir, 'config'));
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
    ...(await yarn1Files(place, home)),
    // Yarn 2+ reads .yarnrc.yml in the project and the home folder.
    ...of('yarnrc-yml', ['yarn-3', 'yarn-4'], [path.join(home, '.yarnrc.yml'), path.join(place.cwd, '.yarnrc.yml')]),
    ...of('gitconfig', ['git'], await gitFiles(place, home)),
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
    ...of('gemrc', ['ruby'], await gemrcFiles(place, home, config)),
    ...of('bundler', ['ruby'], await bundlerFiles(place, home)),
    ...of(
      'composer-json',
      ['php'],
      [
        path.join(composerHome, 'config.json'),
        place.env.COMPOSER_HOME ? undefined : path.join(home, '.composer', 'config.json'),
        // COMPOSER names the project's file in place of composer.json (Composer docs, "Environment variables").
        path.join(place.cwd, place.env.COMPOSER || 'composer.json'),
      ],
    ),
    ...of('go-env', ['go'], [place.env.GOENV ?? path.join(config, 'go', 'env')]),
    ...of('vscode-json', ['vscode'], [vscodeSettingsFile(place.env, place.platform)]),
    ...of('cargo-toml', ['cargo'], cargoFiles(place, home)),
    ...(await profileFiles(place.env, home, place.platform)).map((p) => ({ ...p, tools: [] as ToolId[] })),
  ];
  // One entry per file and format (XDG defaults can repeat a path; npm and Yarn 1 share npmrc files): their tools merged.
  const seen = new Map<string, SettingsFile>();
  for (const f of list) {
    const key = `${f.format}\0${path.resolve(place.cwd, f.file)}`;
    const first = seen.get(key);
    if (first) first.tools = [...new Set([...first.tools, ...f.tools])];
    else seen.set(key, { ...f, tools: [...f.tools] });
  }
  return [...seen.values()];
}
