/**
 * What the user should know about where the proxy came from, as codes with data: each front door
 * words them (the CLI in English with its flags, the page in the interface's language naming its
 * own controls), so no English sentence travels in a detection result.
 */

/** The OS or desktop setting that asked for automatic proxy detection. */
export type ProxySettingOrigin = 'windows' | 'macos' | 'gnome' | 'kde';

/**
 * Why a WPAD or PAC file could not be used; `certificate`: its https server could not be verified;
 * `script`: the script does not load or its FindProxyForURL threw; `script-timeout` and `memory`: it ran
 * past the evaluator's time or memory limit.
 */
export const WPAD_PROBLEMS = [
  'too-large',
  'http-status',
  'timeout',
  'unreachable',
  'script',
  'certificate',
  'script-timeout',
  'memory',
] as const;
export type WpadProblem = (typeof WPAD_PROBLEMS)[number];

export type ProxyNote =
  /** Automatic detection is on and a WPAD file was found and used (`url`). */
  | { code: 'wpad-found'; setting: ProxySettingOrigin; url: string }
  /** Automatic detection is on, no usable WPAD file at any of `tried` (names, in order); `timedOut`: the search ran out of time. */
  | { code: 'wpad-not-found'; setting: ProxySettingOrigin; tried: string[]; timedOut: boolean }
  /** Automatic detection is on, but this computer has no DNS domain or search suffix to look for WPAD under. */
  | { code: 'wpad-no-domain'; setting: ProxySettingOrigin }
  /** A WPAD name answered, but its file could not be used (the search went on). */
  | { code: 'wpad-file-failed'; url: string; problem: WpadProblem }
  /** WPAD through DHCP (option 252) needs privileges CA Bridge does not have: only DNS was searched. */
  | { code: 'wpad-dhcp-not-asked' }
  /** The PAC file the setting names (`url`) could not be fetched or loaded: every site goes direct, as browsers do. */
  | { code: 'pac-unusable'; url: string; problem: WpadProblem }
  /**
   * The PAC file (`url`) was loaded, but its FindProxyForURL gave no answer for `sites` (host:port): they
   * went direct, as Chromium does. One note per problem; the other sites followed the file's answer.
   */
  | { code: 'pac-failed'; url: string; problem: WpadProblem; sites: string[] };

export type ProxyNoteCode = ProxyNote['code'];
