import type { ExportFile, Semantics } from './env-vars.js';
import type { Text } from './text.js';

export type Platform = 'linux' | 'macos' | 'windows';
export const ALL_PLATFORMS: readonly Platform[] = ['linux', 'macos', 'windows'];

/** Every row of the catalogue: guidance, explain and verify name tools by these ids only. */
export const TOOL_IDS = [
  'node',
  'node-system-ca',
  'npm',
  'pnpm',
  'yarn',
  'yarn-3',
  'yarn-4',
  'bun',
  'deno',
  'openssl',
  'python-requests',
  'httpx',
  'pip',
  'uv',
  'conda',
  'poetry',
  'aws',
  'azure',
  'gcloud',
  'go',
  'cargo',
  'ruby',
  'php',
  'java',
  'java-windows-root',
  'java-keychain',
  'maven',
  'gradle',
  'dotnet',
  'git',
  'git-schannel',
  'curl',
  'wget',
  'docker',
  'docker-desktop',
  'devcontainer',
  'wsl',
  'vscode',
  'jetbrains',
  'claude-code',
  'codex',
  'gemini-cli',
  'copilot-cli',
  'apt',
  'homebrew',
  'julia',
  'r-lang',
  'snap',
  'flatpak',
  'android-studio',
  'go-clis',
] as const;
export type ToolId = (typeof TOOL_IDS)[number];
export const isToolId = (value: string): value is ToolId => (TOOL_IDS as readonly string[]).includes(value);

/**
 * One way to configure a tool. Placeholders: {ca} {bundle} {der} (exported files), {ca_wsl} (the CA as seen
 * from inside WSL), {keytool} {cacerts} (per JDK found), {java_store} (a user-owned Java trust store next to
 * the export).
 * - `env`: a variable for the current session; `shared` ones form the block `snippets --shell` prints.
 * - `persist`: a command that changes configuration beyond this session, with what it changes and its undo;
 *   printed only per tool. `posix` ones always run in a Linux shell (WSL distros, containers).
 * - `file`: text to put in a file (Dockerfile, JSON, INI…), never mixed into shell output.
 * A `persist` step with `recreates` (a placeholder naming a file CA Bridge itself builds, such as {java_store})
 * first removes that file in the shell's own syntax, so running the commands again after IT renews the CA
 * rebuilds it holding the current CA only, instead of stopping at "alias already exists".
 */
export type Step =
  | {
      kind: 'env';
      name: string;
      value: ExportFile | { literal: string };
      shared?: boolean;
      /** A comma-separated list variable (GODEBUG): the value is added to what the user has, never replacing it. */
      appendsTo?: 'comma-list';
    }
  | { kind: 'persist'; template: string; posix?: boolean; changes: Text; undo: string | Text; admin?: boolean; recreates?: '{java_store}' }
  | { kind: 'file'; format: 'Dockerfile' | 'JSON' | 'INI' | 'YAML' | 'TOML' | 'text'; path: string; template: string };

export interface ToolGuide {
  id: ToolId;
  name: string;
  setting: string;
  semantics: Semantics;
  file: ExportFile | null;
  platforms: readonly Platform[];
  /** Which versions the setting works on, as checked against the reference. */
  versions: string;
  steps: Step[];
  /** Used instead of `steps` when they need a JDK ({keytool}, {cacerts}) and none was found. */
  genericSteps?: Step[];
  caveats: Text[];
  /** The documentation page the row was checked against. */
  reference: string;
  /** Real error texts this tool prints without the setting; `explain` must map each to this row. */
  errors: string[];
  /** How the setting is proven: the requests `verify` makes with it (none when it cannot run one), and how, in words. */
  verify: { probes: readonly VerifyProbe[]; how: string };
}

/**
 * What in a tool's output shows the site's own answer, received over the verified connection (the engine
 * holds the pattern for each kind). Never the mere absence of certificate words: a proxy answering 407
 * or hanging up produces none either.
 */
export type ProofKind =
  | 'status-line' // a line "HTTP 200" or "HTTP/1.1 200 OK" the tool or its script prints
  | 'curl' // curl's -w "HTTP %{response_code}" line, not 000
  | 'git-trace' // git's curl trace: the GET inside the tunnel, then a response status line
  | 'cargo-trace' // cargo's libcurl debug log, the same way: the GET inside the tunnel, then a status line
  | 'openssl' // s_client's "Verification: OK", then the site's status line
  | 'npm-http-log' // Node's TLS debug line of a verified handshake, and npm's "npm http fetch GET 200 https://…"
  | 'urllib3-log' // pip's -vv log line: "GET /simple/six/ HTTP/1.1" 200
  | 'uv-trace' // uv's "Received response … with status 200" trace line
  | 'aws-status' // the AWS CLI succeeding, or naming the HTTP status of the site's answer
  | 'wget-headers'; // wget -S printing the site's response headers

/**
 * One real HTTPS request `verify` makes with a row's setting, and nothing else of the user's trust changed.
 * Argument placeholders: {url} (https://host[:port]/), {host}, {authority} (where to connect: host:port, or
 * where --connect-to sends it), {seconds} (the time limit), {ms}, {tmp} (a folder of this run, removed
 * after), {file} (the export file), {script} (the program the engine keeps for this probe, by `name`),
 * {script-file} (that program written to a file in {tmp});
 * whole arguments {proxy-args} (openssl's -proxy options) and {connect-to-args} (curl's --connect-to)
 * expand to zero or more. In `extraEnv`, {proxy} is the proxy URL with its credentials.
 */
export interface VerifyProbe {
  /** The name in verify's report. */
  name: string;
  command: string;
  args: readonly string[];
  /** The setting under test: this variable pointed at `file`, or null when a {file} argument is the setting. */
  env: string | null;
  file: ExportFile;
  /** The variable's value when it is not the file's path ({file}, {tmp} filled in). */
  envValue?: string;
  /**
   * Commands run first, in order, to build what the setting points at (Java's user copy of the JDK's
   * trust store); {cacerts} is the trust store of the JDK whose `java` is on PATH.
   */
  prepare?: readonly (readonly string[])[];
  proof: ProofKind;
  /** Exit statuses that, with the proof, mean success (a tool may fail after the TLS step, on the lab's plain-text answer). */
  exits: readonly number[];
  /** Whether it follows --connect-to without a proxy ({authority}, {connect-to-args} or CA_BRIDGE_DIAL). */
  followsConnectTo: boolean;
  /** Run first; when it fails, the tool counts as not found (e.g. a Python module). */
  available?: readonly string[];
  /** Written to standard input ({host} filled in). */
  input?: string;
  /**
   * Text an installed version too old for this request prints (a regular expression): the tool is then
   * `skipped` with `why`, never failed, since its setting was not what stopped it.
   */
  tooOld?: { pattern: string; why: string };
  /**
   * Output that says the tool could not start its work at all (e.g. rustup with no toolchain for this
   * user): `skipped` with `why` and the tool's own text, never failed, since no TLS was attempted.
   */
  cannotRun?: { pattern: string; why: string };
  /** Variables the probe needs besides the setting (tracing, no prompts). */
  extraEnv?: Readonly<Record<string, string>>;
  /**
   * The user's own config files a run's folder must carry: the probe points the tool's home at the run's
   * folder (so caches and indexes land there), and these files of the user's home (`env`, else `home`
   * under HOME) are copied into `into` ({tmp} filled in) first, so the user's settings still count.
   */
  carries?: { env: string; home: string; files: readonly string[]; into: string };
}
