import { access } from 'node:fs/promises';
import path from 'node:path';
import { envVarValues, type ExportPaths } from '../../../shared/guidance/render.js';
import { ProfileError } from '../guidance/profile-snapshot.js';
import { userHome } from './home.js';
import type { LineSetting } from './line-edit.js';

/**
 * The persistent settings `apply --tool` writes for real: for each row, the user-level file the tool
 * reads (where the tool's own documentation puts it, honouring the variables that move it) and the line
 * that hands it the exported CA. None needs administrator rights: every file is the user's own.
 * Each value is the bundle: these settings REPLACE the tool's own list of roots (npm's cafile, pip's
 * cert, git's sslCAInfo, curl's cacert, wget's ca_certificate, cargo's http.cainfo, the AWS CLI's
 * ca_bundle, Yarn's cafile/httpsCaFilePath).
 */

export interface FileSettingRow {
  id: string;
  /** The file the tool reads, from the environment CA Bridge runs in. */
  file: (env: NodeJS.ProcessEnv, platform: NodeJS.Platform) => Promise<string>;
  /** The lines to set, given the file's current text (the AWS CLI: one per profile found). */
  lines: (paths: ExportPaths, current: string | null) => LineSetting[];
  /** The setting, in words, for the ledger and the report. */
  setting: string;
  /** Documentation the file location and syntax were checked against. */
  reference: string;
}

const home = userHome;
const xdgConfig = (env: NodeJS.ProcessEnv) => env.XDG_CONFIG_HOME || path.join(home(env), '.config');
const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** Double-quoted with backslash escapes: git config, curlrc, TOML basic strings and YAML all read this form. */
const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const keyLine = (key: string, separator = '[=:\\s]', flags = '') => new RegExp(`^\\s*${key}\\s*(?:${separator}|$)`, flags);

const npmrcRow = (id: 'npm' | 'pnpm'): FileSettingRow => ({
  id,
  // npm and pnpm read the same user config; npm_config_userconfig moves it.
  file: async (env) => env.npm_config_userconfig || env.NPM_CONFIG_USERCONFIG || path.join(home(env), '.npmrc'),
  lines: (paths) => [{ section: null, keyLine: keyLine('cafile', '='), line: `cafile=${paths.bundle}` }],
  setting: 'cafile in the user .npmrc',
  reference: id === 'npm' ? 'https://docs.npmjs.com/cli/v10/using-npm/config#cafile' : 'https://pnpm.io/npmrc#cafile',
});

/** Sections of an AWS config file: `default` and every `profile NAME`. */
function awsProfiles(current: string | null): string[] {
  const found = new Set<string>(['default']);
  for (const match of (current ?? '').matchAll(/^\s*\[\s*(profile\s+[^\]]+?|default)\s*\]/gm)) found.add(match[1]!);
  return [...found];
}

export const FILE_SETTING_ROWS: readonly FileSettingRow[] = [
  npmrcRow('npm'),
  npmrcRow('pnpm'),
  {
    id: 'yarn',
    // Yarn 1's "home" is /usr/local/share for root (unless under fakeroot, FAKEROOTKEY), as in its user-home-dir.js.
    file: async (env, platform) =>
      path.join(platform !== 'win32' && process.getuid?.() === 0 && !env.FAKEROOTKEY ? '/usr/local/share' : home(env), '.yarnrc'),
    lines: (paths) => [{ section: null, keyLine: keyLine('cafile', '\\s'), line: `cafile ${quoted(paths.bundle)}` }],
    setting: 'cafile in ~/.yarnrc (Yarn 1)',
    reference: 'https://classic.yarnpkg.com/lang/en/docs/cli/config/',
  },
  {
    id: 'yarn-4',
    file: async (env) => path.join(home(env), '.yarnrc.yml'),
    lines: (paths) => [{ section: null, keyLine: keyLine('httpsCaFilePath', ':'), line: `httpsCaFilePath: ${quoted(paths.bundle)}` }],
    setting: 'httpsCaFilePath in ~/.yarnrc.yml (Yarn 2+)',
    reference: 'https://yarnpkg.com/configuration/yarnrc#httpsCaFilePath',
  },
  {
    id: 'pip',
    // pip's per-user file: %APPDATA%\pip\pip.ini on Windows, $XDG_CONFIG_HOME/pip/pip.conf elsewhere.
    file: async (env, platform) =>
      platform === 'win32'
        ? path.join(env.APPDATA ?? path.join(home(env), 'AppData', 'Roaming'), 'pip', 'pip.ini')
        : path.join(xdgConfig(env), 'pip', 'pip.conf'),
    lines: (paths) => [{ section: 'global', keyLine: keyLine('cert', '[=:]'), line: `cert = ${paths.bundle}` }],
    setting: 'cert in the user pip.conf [global]',
    reference: 'https://pip.pypa.io/en/stable/topics/configuration/#location',
  },
  {
    id: 'git',
    // Where `git config --global` writes: ~/.gitconfig, or the XDG file when only that one exists.
    file: async (env) => {
      const classic = path.join(home(env), '.gitconfig');
      const xdg = path.join(xdgConfig(env), 'git', 'config');
      return !(await exists(classic)) && (await exists(xdg)) ? xdg : classic;
    },
    lines: (paths) => [{ section: 'http', keyLine: keyLine('sslcainfo', '=|\\s', 'i'), line: `\tsslCAInfo = ${quoted(paths.bundle)}` }],
    setting: 'http.sslCAInfo in the global git config',
    reference: 'https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslCAInfo',
  },
  {
    id: 'curl',
    // curl reads $CURL_HOME/.curlrc, then $XDG_CONFIG_HOME/.curlrc, then ~/.curlrc (_curlrc on Windows).
    file: async (env, platform) => {
      const name = platform === 'win32' ? '_curlrc' : '.curlrc';
      if (env.CURL_HOME) return path.join(env.CURL_HOME, name);
      const xdg = path.join(xdgConfig(env), name);
      return (await exists(xdg)) ? xdg : path.join(home(env), name);
    },
    lines: (paths) => [{ section: null, keyLine: /^\s*-{0,2}cacert\b/, line: `cacert = ${quoted(paths.bundle)}` }],
    setting: 'cacert in .curlrc',
    reference: 'https://curl.se/docs/manpage.html#-K',
  },
  {
    id: 'wget',
    file: async (env) => env.WGETRC || path.join(home(env), '.wgetrc'),
    lines: (paths) => [{ section: null, keyLine: /^\s*ca_?-?certificate\s*=/i, line: `ca_certificate = ${paths.bundle}` }],
    setting: 'ca_certificate in ~/.wgetrc',
    reference: 'https://www.gnu.org/software/wget/manual/wget.html#Wgetrc-Commands',
  },
  {
    id: 'cargo',
    file: async (env) => {
      const cargoHome = env.CARGO_HOME || path.join(home(env), '.cargo');
      // Cargo still reads the extension-less `config` when config.toml is absent.
      const legacy = path.join(cargoHome, 'config');
      const toml = path.join(cargoHome, 'config.toml');
      return !(await exists(toml)) && (await exists(legacy)) ? legacy : toml;
    },
    lines: (paths) => [{ section: 'http', keyLine: keyLine('cainfo', '='), line: `cainfo = ${quoted(paths.bundle)}` }],
    setting: 'http.cainfo in Cargo config.toml',
    reference: 'https://doc.rust-lang.org/cargo/reference/config.html#httpcainfo',
  },
  {
    id: 'aws',
    file: async (env) => env.AWS_CONFIG_FILE || path.join(home(env), '.aws', 'config'),
    lines: (paths, current) =>
      awsProfiles(current).map((section) => ({ section, keyLine: keyLine('ca_bundle', '='), line: `ca_bundle = ${paths.bundle}` })),
    setting: 'ca_bundle in every profile of ~/.aws/config',
    reference: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html#cli-config-ca_bundle',
  },
  {
    id: 'conda',
    // ~/.condarc; CONDARC names another file. ssl_verify takes a CA bundle path (it replaces certifi's list).
    file: async (env) => env.CONDARC || path.join(home(env), '.condarc'),
    lines: (paths) => [{ section: null, keyLine: keyLine('ssl_verify', ':'), line: `ssl_verify: ${quoted(paths.bundle)}` }],
    setting: 'ssl_verify in ~/.condarc',
    reference: 'https://docs.conda.io/projects/conda/en/latest/user-guide/configuration/settings.html#ssl-verify',
  },
];

/** The file the desktop session reads on Linux (systemd's environment.d), shared by the environment.d and java rows. */
export const environmentDFile = (env: NodeJS.ProcessEnv) => path.join(xdgConfig(env), 'environment.d', '60-ca-bridge.conf');

/**
 * environment.d expands `$VAR` and `\` and strips quotes that open a value: a path holding one of those
 * (or a line break) is refused rather than written in a form the session would read differently.
 */
export function environmentDLine(name: string, value: string): LineSetting {
  if (/[$\\`\n\r]/.test(value) || /^["']/.test(value))
    throw new ProfileError(
      `${name}: the value ${JSON.stringify(value)} holds characters environment.d would read differently; export to a simpler path`,
    );
  return { section: null, keyLine: new RegExp(`^\\s*${name}\\s*=`), line: `${name}=${value}` };
}

/**
 * The Linux desktop session (apps started from the menu: VS Code, Chromium-based apps, Claude Desktop)
 * never reads shell profiles; systemd's user environment generator reads ~/.config/environment.d.
 * The same variables as the profile block.
 */
export const ENVIRONMENT_D_ROW: FileSettingRow = {
  id: 'environment.d',
  file: async (env, platform) => {
    if (platform !== 'linux') throw new ProfileError('environment.d is the Linux desktop session; on this system use apply --shell');
    return environmentDFile(env);
  },
  lines: (paths) => Object.entries(envVarValues(paths)).map(([name, value]) => environmentDLine(name, value)),
  setting: 'the CA variables in ~/.config/environment.d/60-ca-bridge.conf (desktop session)',
  reference: 'https://www.freedesktop.org/software/systemd/man/latest/environment.d.html',
};

export const fileSettingRow = (id: string) => [...FILE_SETTING_ROWS, ENVIRONMENT_D_ROW].find((row) => row.id === id);
