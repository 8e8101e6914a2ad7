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
 */
export type Step =
  | { kind: 'env'; name: string; value: ExportFile | { literal: string }; shared?: boolean }
  | { kind: 'persist'; template: string; posix?: boolean; changes: Text; undo: string | Text; admin?: boolean }
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
  /** How the setting is proven: `verify` check name when it runs one, else how to prove it by hand. */
  verify: { check: string | null; how: string };
}
