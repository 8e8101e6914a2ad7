/** The proxy settings an OS or desktop holds, reduced to what matters for HTTPS traffic. */
export interface SystemProxySettings {
  origin: 'windows' | 'macos' | 'gnome' | 'kde';
  /** Where the setting was read, for the user ("Windows Internet Settings (HKCU)", "GNOME (gsettings)"). */
  where: string;
  pacUrl: string | null;
  /** Automatic proxy detection is on: a WPAD file is searched for through DNS (wpad.ts) before the rest. */
  autoDetect: boolean;
  /**
   * The proxy for https:// URLs as a URL with its scheme (`http://h:p`, `socks4://h:p`,
   * `socks5h://h:p`), chosen among the setting's entries as Chromium does; null for none.
   */
  proxyUrl: string | null;
  /** Hosts that bypass the proxy: names with `*` wildcards, `.domain` suffixes, IP ranges as written. */
  bypass: string[];
  /** Plain host names (no dot) bypass the proxy (`<local>`, ExcludeSimpleHostnames). */
  bypassSimpleNames: boolean;
}

/** Runs a command with a time limit and an output cap; injectable so tests replay recorded output. */
export type CommandRunner = (command: string, args: string[], env: NodeJS.ProcessEnv) => Promise<string | null>;
