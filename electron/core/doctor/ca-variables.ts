import { readUserText, UserFileError } from '../fs/read-user-file.js';
import { homeOf, type ScanPlace } from '../settings/locations.js';
import { profileFiles, profileLines } from '../settings/shell-profiles.js';
import type { SettingSource } from '../../../shared/settings.js';
import type { Shell } from '../../../shared/guidance/quote.js';
import { defaultProfile } from '../guidance/defaults.js';
import { shellReadOrder } from '../settings/shell-order.js';

/**
 * The variables that hand tools their CA (the catalogue's session settings, which `apply --shell` writes
 * into a profile), and the rows each one serves. doctor reads them from the environment and from the
 * shell profiles (what a new shell will have), so that a tool whose CA comes from a variable counts as
 * having its CA setting in place, and one pointing at a missing file is a finding.
 */
export const CA_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  NODE_EXTRA_CA_CERTS: ['node', 'bun', 'claude-code', 'gemini-cli', 'copilot-cli'],
  SSL_CERT_FILE: ['openssl', 'go', 'ruby', 'php', 'uv'],
  REQUESTS_CA_BUNDLE: ['python-requests'],
  PIP_CERT: ['pip'],
  GIT_SSL_CAINFO: ['git'],
  CURL_CA_BUNDLE: ['curl'],
  NPM_CONFIG_CAFILE: ['npm', 'pnpm'],
  CARGO_HTTP_CAINFO: ['cargo'],
};

export interface CaVariable {
  name: string;
  value: string;
  tools: readonly string[];
  source: SettingSource;
}

const PROFILE_MAX_BYTES = 1024 * 1024;

/** `$HOME`, `${HOME}` and a leading `~/` in a profile's value, as the shell would expand them; other variables are left. */
export const expandHome = (value: string, home: string) =>
  value.replace(/^~(?=\/|$)/, home).replace(/\$\{HOME\}|\$HOME\b|\$env:(?:HOME|USERPROFILE)\b/gi, home);

export const caVariableOf = (name: string) =>
  Object.keys(CA_VARIABLES).find((known) => (known.startsWith('NPM_CONFIG_') ? known === name.toUpperCase() : known === name));

/** Every CA variable set in the environment or exported by a profile (the profile's last line wins per file). */
export async function caVariables(place: ScanPlace): Promise<CaVariable[]> {
  const out: CaVariable[] = [];
  for (const [name, value] of Object.entries(place.env)) {
    const known = value ? caVariableOf(name) : undefined;
    if (known && value) out.push({ name, value, tools: CA_VARIABLES[known]!, source: { kind: 'env', name } });
  }
  const home = homeOf(place);
  for (const { file, format } of await profileFiles(place.env, home, place.platform)) {
    let text: string;
    try {
      text = await readUserText(file, { maxBytes: PROFILE_MAX_BYTES, timeoutMs: 5_000 });
    } catch (error) {
      if (error instanceof UserFileError) continue;
      throw error;
    }
    for (const line of profileLines(format, text)) {
      const known = caVariableOf(line.key);
      if (known && line.value)
        out.push({
          name: line.key,
          value: expandHome(line.value, home),
          tools: CA_VARIABLES[known]!,
          source: { kind: 'file', file, line: line.line },
        });
    }
  }
  return out;
}

/** What a new terminal of one shell has: the startup files it reads (in order) and the CA variables they leave set. */
export interface ShellCaEnv {
  files: readonly string[];
  ca: Record<string, string>;
}

/** The shells a terminal runs: each has its own startup files (cmd has none). */
export const PROOF_SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish', 'powershell', 'cmd'];

/**
 * Per shell, the CA variables its own startup files give a new terminal (settings/shell-order.ts, shared
 * with verify's applied mode: only that shell's files, in its order, the last assignment winning), to stand
 * beside the environment in a proof.
 */
export async function shellCaEnvs(
  vars: readonly CaVariable[],
  home: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
): Promise<Record<Shell, ShellCaEnv>> {
  const out = {} as Record<Shell, ShellCaEnv>;
  for (const shell of PROOF_SHELLS) {
    // PowerShell's files sit beside the profile apply writes for it.
    const block = defaultProfile(shell, { ...env, HOME: home }, platform) ?? '';
    const files = (await shellReadOrder(shell, block, env, home)).map((f) => f.file);
    const ca: Record<string, string> = {};
    for (const file of files) for (const v of vars) if (v.source.kind === 'file' && v.source.file === file) ca[v.name] = v.value;
    out[shell] = { files, ca };
  }
  return out;
}
