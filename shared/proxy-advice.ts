/**
 * Advice for a proxy that asks for NTLM or Negotiate (Kerberos), which most developer tools cannot
 * answer (npm, pip, git and curl builds without SSPI or GSSAPI, Docker, WSL): run a local
 * relay that authenticates for them, and point each tool at the relay. Data only (codes, parameters,
 * and code blocks that are valid file contents or valid commands in the shell they are labelled
 * with); each front door words the rest in its language. The relay changes nothing about TLS
 * inspection: the tools still need the inspection CA.
 *
 * Three kinds of output, kept apart because they differ in what pasting them does:
 * - `session`: variables for the current shell only, per shell; nothing persistent changes;
 * - `persistent`: commands that change a tool's own configuration, each with the command that undoes it;
 * - files (the relay's settings, Docker's and WSL's): complete contents with their path, how they are
 *   merged into an existing file, and what undoes them.
 */
import { envAssignment } from './guidance/render.js';
import type { Shell } from './guidance/quote.js';

export const RELAY_PORT = 3128;

/** The user's operating system decides the relay's sign-in (SSPI on Windows), the shells and the files. */
export type AdvicePlatform = 'windows' | 'macos' | 'linux';

/** Tokens in file lines that the user replaces with their own sign-in name; the advice never carries it. */
export type Placeholder = 'DOMAIN' | 'USER';

/** Lines valid in each of `shells` (identical blocks for several shells are given once). */
export interface ShellBlock {
  shells: Shell[];
  lines: string[];
}

export type AdviceFileCode = 'px-ini' | 'cntlm-conf' | 'docker-client-config' | 'docker-daemon-config' | 'wslconfig';

export interface AdviceFile {
  code: AdviceFileCode;
  /** Where the file goes, as the user's OS spells it (`~` and `%UserProfile%` are the home folder). */
  path: string;
  /** The file's complete contents (`new-file`), or the part to merge into an existing one. */
  lines: string[];
  /**
   * `new-file`: a file of its own (undo: delete it). `json-key`: if the file exists, add this top-level
   * key and keep the rest (undo: remove the key). `ini-key`: if the file exists, add the line under its
   * section (undo: remove the line).
   */
  merge: 'new-file' | 'json-key' | 'ini-key';
  placeholders: Placeholder[];
  /** Commands that make the change (and its undo) take effect, valid in every shell of the platform. */
  apply: string[];
}

export type RelayName = 'px' | 'cntlm';

/** How the relay signs in: the front door explains what the user does. */
export type RelaySignIn = 'windows-logon' | 'kerberos-ticket' | 'password-typed-at-start' | 'password-hash-in-file';

export interface RelaySetting {
  relay: RelayName;
  /** Why this relay fits (e.g. only px speaks Kerberos). */
  fits: 'sso-and-ntlm-and-kerberos' | 'ntlm-only';
  signIn: RelaySignIn;
  file: AdviceFile;
  /** Run once before the first start: cntlm prints the password hash to add to its file. */
  prepare: { code: 'cntlm-hash'; command: string } | null;
  /** Starts the relay in the foreground (Ctrl+C stops it), per shell. */
  start: ShellBlock[];
}

export type PersistentTool = 'npm' | 'pip' | 'git';

/** A change to a tool's own configuration: valid in every shell; `show` prints the value it replaces. */
export interface PersistentCommand {
  tool: PersistentTool;
  show: string[];
  set: string[];
  undo: string[];
}

export type AdviceCaveat = 'container-loopback' | 'wsl-nat-loopback';

export interface ProxyRelayAdvice {
  code: 'use-local-relay';
  /** The upstream proxy, host:port (never credentials). */
  proxy: string;
  /** Schemes the proxy offered. */
  schemes: string[];
  platform: AdvicePlatform;
  port: number;
  /** Where the relay listens. */
  relayUrl: string;
  relays: RelaySetting[];
  /** The proxy variables for this shell session only, the platform's shells first. */
  session: ShellBlock[];
  persistent: PersistentCommand[];
  /** Docker (client, and the Linux daemon) and WSL settings. */
  files: AdviceFile[];
  /** Docker Desktop (Windows, macOS) takes its daemon proxy in its own settings screen. */
  dockerDesktopSetting: boolean;
  caveats: AdviceCaveat[];
  /** Always true: the relay authenticates, the inspecting proxy behind it still re-signs TLS. */
  inspectionCaStillNeeded: true;
}

export interface RelayAdviceOptions {
  platform: AdvicePlatform;
  port?: number;
}

/**
 * Whether the advice applies: the proxy asks for NTLM or Negotiate, which npm, pip and Docker cannot
 * answer by themselves, and for which the px and cntlm settings below are written and were checked.
 * Any other scheme (Digest, Bearer, a vendor's own) gets no advice: the settings would be wrong for it
 * (px would be told it signs in with a Kerberos ticket or the Windows logon), and advice is right or absent.
 */
export function needsRelay(schemes: readonly string[]): boolean {
  return schemes.some((s) => /^(ntlm|negotiate)$/i.test(s));
}

export function advicePlatform(platform: string): AdvicePlatform {
  return platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : 'linux';
}

/** Shells that run on the platform itself (PowerShell also runs on macOS and Linux): the relay starts there. */
const relayShellsFor = (platform: AdvicePlatform): Shell[] =>
  platform === 'windows' ? ['powershell', 'cmd'] : ['bash', 'zsh', 'fish', 'powershell'];
/** For the proxy variables, the platform's shells first; on Windows also the Unix shells, for use inside WSL. */
const shellsFor = (platform: AdvicePlatform): Shell[] =>
  platform === 'windows' ? ['powershell', 'cmd', 'bash', 'zsh', 'fish'] : relayShellsFor(platform);

/** Groups shells whose lines are identical, keeping the first shell's position. */
function byShell(shells: Shell[], linesFor: (shell: Shell) => string[]): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  for (const shell of shells) {
    const lines = linesFor(shell);
    const same = blocks.find((b) => b.lines.join('\n') === lines.join('\n'));
    if (same) same.shells.push(shell);
    else blocks.push({ shells: [shell], lines });
  }
  return blocks;
}

/**
 * Lower-case names: curl reads `http_proxy` only in lower case, and pip (urllib), npm, git (libcurl)
 * and Go programs such as Docker's CLI read the lower-case names too. Windows names ignore case.
 */
export function proxyVariables(relayUrl: string): [string, string][] {
  return [
    ['https_proxy', relayUrl],
    ['http_proxy', relayUrl],
    ['no_proxy', 'localhost,127.0.0.1,::1'],
  ];
}

/**
 * px reads its upstream password from PX_PASSWORD (or the OS keyring). Read it without echo inside a
 * subshell or block, so it reaches px and nothing else, and is gone when px stops.
 */
function pxStart(shell: Shell, withPassword: boolean): string[] {
  // PowerShell splits an unquoted argument that starts with - at its first period: quote it there
  // (also where cmd hands the line to a PowerShell child, below).
  const inPowerShell = "px '--config=px.ini'";
  const start = shell === 'powershell' ? inPowerShell : 'px --config=px.ini';
  if (!withPassword) return [start];
  switch (shell) {
    case 'bash':
    case 'zsh':
      return [`(read -rs PX_PASSWORD && export PX_PASSWORD && ${start})`];
    case 'fish':
      return [`begin; read -s -l -x PX_PASSWORD; and ${start}; end`];
    case 'powershell':
      // finally also runs when Ctrl+C stops px, so the variable does not outlive it in the session.
      return [
        `try { $env:PX_PASSWORD = [Net.NetworkCredential]::new('', (Read-Host -AsSecureString)).Password; ${start} } finally { Remove-Item Env:PX_PASSWORD -ErrorAction Ignore }`,
      ];
    case 'cmd':
      // cmd cannot read a line without echoing it: a PowerShell child reads it, and the variable dies with that child.
      return [
        `powershell -NoProfile -Command "$env:PX_PASSWORD = [Net.NetworkCredential]::new('', (Read-Host -AsSecureString)).Password; ${inPowerShell}"`,
      ];
  }
}

function pxSetting(proxy: string, schemes: readonly string[], platform: AdvicePlatform, port: number): RelaySetting {
  const kerberos = schemes.some((s) => /^negotiate$/i.test(s));
  const ntlm = schemes.some((s) => /^ntlm$/i.test(s));
  // On Windows px signs in as the logged-on user (SSPI) and needs no name. Elsewhere NTLM needs a name
  // and password; Kerberos alone uses the user's ticket (kinit) through GSS-API and needs neither.
  const needsName = platform !== 'windows' && ntlm;
  const lines = [
    '[proxy]',
    `server = ${proxy}`,
    'listen = 127.0.0.1',
    `port = ${port}`,
    `auth = ${kerberos && ntlm ? 'ANY' : kerberos ? 'NEGOTIATE' : ntlm ? 'NTLM' : 'ANY'}`,
  ];
  if (needsName) lines.push('username = DOMAIN\\USER');
  return {
    relay: 'px',
    fits: 'sso-and-ntlm-and-kerberos',
    signIn: platform === 'windows' ? 'windows-logon' : needsName ? 'password-typed-at-start' : 'kerberos-ticket',
    file: { code: 'px-ini', path: 'px.ini', lines, merge: 'new-file', placeholders: needsName ? ['DOMAIN', 'USER'] : [], apply: [] },
    prepare: null,
    start: byShell(relayShellsFor(platform), (shell) => pxStart(shell, needsName)),
  };
}

function cntlmSetting(proxy: string, platform: AdvicePlatform, port: number): RelaySetting {
  return {
    relay: 'cntlm',
    fits: 'ntlm-only',
    signIn: 'password-hash-in-file',
    file: {
      code: 'cntlm-conf',
      path: platform === 'windows' ? 'cntlm.ini' : 'cntlm.conf',
      lines: ['Username USER', 'Domain DOMAIN', `Proxy ${proxy}`, `Listen 127.0.0.1:${port}`, 'Auth NTLMv2'],
      merge: 'new-file',
      placeholders: ['DOMAIN', 'USER'],
      apply: [],
    },
    // -H asks for the password and prints hashes; only the PassNTLMv2 line goes into the file.
    prepare: { code: 'cntlm-hash', command: `cntlm -H -c ${platform === 'windows' ? 'cntlm.ini' : 'cntlm.conf'}` },
    start: [{ shells: relayShellsFor(platform), lines: [`cntlm -c ${platform === 'windows' ? 'cntlm.ini' : 'cntlm.conf'} -f`] }],
  };
}

function persistentCommands(relayUrl: string): PersistentCommand[] {
  return [
    {
      tool: 'npm',
      show: ['npm config get proxy', 'npm config get https-proxy'],
      set: [`npm config set proxy ${relayUrl}`, `npm config set https-proxy ${relayUrl}`],
      undo: ['npm config delete proxy', 'npm config delete https-proxy'],
    },
    {
      tool: 'pip',
      show: ['pip config get global.proxy'],
      set: [`pip config set global.proxy ${relayUrl}`],
      undo: ['pip config unset global.proxy'],
    },
    {
      tool: 'git',
      show: ['git config --global --get http.proxy'],
      set: [`git config --global http.proxy ${relayUrl}`],
      undo: ['git config --global --unset http.proxy'],
    },
  ];
}

function dockerAndWslFiles(platform: AdvicePlatform, port: number, relayUrl: string): AdviceFile[] {
  // Containers reach the host as host.docker.internal; their 127.0.0.1 is the container itself.
  const forContainers = `http://host.docker.internal:${port}`;
  const noProxy = 'localhost,127.0.0.1,::1';
  const files: AdviceFile[] = [
    {
      code: 'docker-client-config',
      path: platform === 'windows' ? '%UserProfile%\\.docker\\config.json' : '~/.docker/config.json',
      lines: JSON.stringify({ proxies: { default: { httpProxy: forContainers, httpsProxy: forContainers, noProxy } } }, null, 2).split(
        '\n',
      ),
      merge: 'json-key',
      placeholders: [],
      apply: [],
    },
  ];
  if (platform === 'linux') {
    // Docker Engine's daemon pulls images itself; it runs on the host, so the relay's 127.0.0.1 works.
    files.push({
      code: 'docker-daemon-config',
      path: '/etc/docker/daemon.json',
      lines: JSON.stringify({ proxies: { 'http-proxy': relayUrl, 'https-proxy': relayUrl, 'no-proxy': noProxy } }, null, 2).split('\n'),
      merge: 'json-key',
      placeholders: [],
      apply: ['sudo systemctl restart docker'],
    });
  }
  if (platform === 'windows') {
    files.push({
      code: 'wslconfig',
      path: '%UserProfile%\\.wslconfig',
      lines: ['[wsl2]', 'networkingMode=mirrored'],
      merge: 'ini-key',
      placeholders: [],
      apply: ['wsl --shutdown'],
    });
  }
  return files;
}

/** User names stay placeholders: credentials never reach output, and the relay asks for its own. */
export function relayAdvice(proxy: string, schemes: readonly string[], options: RelayAdviceOptions): ProxyRelayAdvice {
  const { platform } = options;
  const port = options.port ?? RELAY_PORT;
  const relayUrl = `http://127.0.0.1:${port}`;
  const relays = [pxSetting(proxy, schemes, platform, port)];
  if (schemes.some((s) => /^ntlm$/i.test(s))) relays.push(cntlmSetting(proxy, platform, port));
  const session = byShell(shellsFor(platform), (shell) =>
    proxyVariables(relayUrl).map(([name, value]) => envAssignment(shell, name, value)),
  );
  return {
    code: 'use-local-relay',
    proxy,
    schemes: [...schemes],
    platform,
    port,
    relayUrl,
    relays,
    session,
    persistent: persistentCommands(relayUrl),
    files: dockerAndWslFiles(platform, port, relayUrl),
    dockerDesktopSetting: platform !== 'linux',
    caveats: platform === 'windows' ? ['container-loopback', 'wsl-nat-loopback'] : ['container-loopback'],
    inspectionCaStillNeeded: true,
  };
}
