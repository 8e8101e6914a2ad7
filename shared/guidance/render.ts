import { ENV_VARS, SAFETY_NOTES, SEMANTICS_TEXT, type ExportFile } from './env-vars.js';
import { cmdCannotQuote, quote, type Shell } from './quote.js';
import { SYSTEM_STORE_GUIDES } from './system-store.js';
import type { Lang } from './text.js';
import type { Step, ToolGuide } from './tools.js';

export interface ExportPaths {
  ca: string;
  bundle: string;
  der: string;
}

export interface Jdk {
  home: string;
  keytool: string;
  cacerts: string;
}

export const fileFor = (paths: ExportPaths, file: ExportFile): string => paths[file];

const comment = (shell: Shell, text: string) => `${shell === 'cmd' ? 'REM' : '#'} ${text}`;

/** `C:\Users\山田 太郎\x.pem` as WSL sees it: `/mnt/c/Users/山田 太郎/x.pem`; other paths unchanged. */
export function wslPath(windowsPath: string): string {
  const drive = /^([A-Za-z]):[\\/](.*)$/.exec(windowsPath);
  return drive ? `/mnt/${drive[1]!.toLowerCase()}/${drive[2]!.replace(/\\/g, '/')}` : windowsPath;
}

/** One variable assignment in the shell's own syntax; `persistent` makes it survive new sessions. */
export function envAssignment(shell: Shell, name: string, value: string, persistent = false): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `export ${name}=${quote(shell, value)}`;
    case 'fish':
      return `set ${persistent ? '-Ux' : '-gx'} ${name} ${quote(shell, value)}`;
    case 'powershell':
      return persistent
        ? `[Environment]::SetEnvironmentVariable('${name}', ${quote(shell, value)}, 'User'); $env:${name} = ${quote(shell, value)}`
        : `$env:${name} = ${quote(shell, value)}`;
    case 'cmd':
      if (cmdCannotQuote(value))
        return comment(shell, `${name}: the path contains %, which cmd cannot quote; use the PowerShell snippet instead`);
      return persistent ? `setx ${name} ${quote(shell, value)}` : `set "${name}=${value}"`;
  }
}

/** The environment-variable block: each variable with a one-line comment saying ADD or REPLACE and what it serves. */
export function renderEnvBlock(shell: Shell, paths: ExportPaths, lang: Lang = 'en', persistent = false): string {
  const lines: string[] = [];
  for (const v of ENV_VARS) {
    const semantics = v.semantics === 'add' ? (lang === 'ja' ? '追加' : 'ADD') : lang === 'ja' ? '置換' : 'REPLACE';
    lines.push(comment(shell, `${v.name}: ${semantics} — ${v.serves[lang]}`));
    lines.push(envAssignment(shell, v.name, fileFor(paths, v.file), persistent));
  }
  return lines.join('\n') + '\n';
}

export const envVarValues = (paths: ExportPaths): Record<string, string> =>
  Object.fromEntries(ENV_VARS.map((v) => [v.name, fileFor(paths, v.file)]));

function fill(template: string, shell: Shell, paths: ExportPaths, jdk: Jdk | null): string {
  const values: Record<string, string> = {
    ca: paths.ca,
    bundle: paths.bundle,
    der: paths.der,
    ca_wsl: wslPath(paths.ca),
    keytool: jdk?.keytool ?? 'keytool',
    cacerts: jdk?.cacerts ?? '',
  };
  const used = [...template.matchAll(/\{(\w+)\}/g)].map((m) => values[m[1]!] ?? '');
  if (shell === 'cmd' && used.some(cmdCannotQuote))
    return comment(shell, 'a path contains %, which cmd cannot quote; use the PowerShell snippet instead');
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => quote(shell, values[key] ?? ''));
  // PowerShell runs a quoted program path only through the call operator.
  return shell === 'powershell' && /^['"]/.test(text) ? `& ${text}` : text;
}

export function renderStep(step: Step, shell: Shell, paths: ExportPaths, jdk: Jdk | null = null): string {
  switch (step.kind) {
    case 'shell':
      return fill(step.template, shell, paths, jdk);
    case 'posix':
      return fill(step.template, 'bash', paths, jdk);
    case 'file':
      return `${comment(shell, `in ${step.path}:`)}\n${step.template}`;
    case 'env':
      return envAssignment(shell, step.name, typeof step.value === 'string' ? fileFor(paths, step.value) : step.value.literal);
  }
}

export interface RenderedTool {
  id: string;
  name: string;
  setting: string;
  semantics: 'add' | 'replace';
  semanticsText: string;
  file: string | null;
  commands: string[];
  caveats: string[];
  reference: string;
}

export function renderTool(tool: ToolGuide, shell: Shell, paths: ExportPaths, lang: Lang = 'en', jdks: Jdk[] = []): RenderedTool {
  const perJdk = tool.steps.some((s) => 'template' in s && s.template.includes('{keytool}'));
  const targets = perJdk && jdks.length > 0 ? jdks : [null];
  const steps = perJdk && jdks.length === 0 ? (tool.genericSteps ?? tool.steps) : tool.steps;
  return {
    id: tool.id,
    name: tool.name,
    setting: tool.setting,
    semantics: tool.semantics,
    semanticsText: SEMANTICS_TEXT[tool.semantics][lang],
    file: tool.file ? fileFor(paths, tool.file) : null,
    commands: targets.flatMap((jdk) =>
      steps.map((step) => (jdk ? `${comment(shell, jdk.home)}\n` : '') + renderStep(step, shell, paths, jdk)),
    ),
    caveats: tool.caveats.map((c) => c[lang]),
    reference: tool.reference,
  };
}

export function renderSystemStores(paths: ExportPaths, lang: Lang = 'en') {
  return SYSTEM_STORE_GUIDES.map((g) => ({
    id: g.id,
    name: g.name,
    admin: g.admin,
    command: fill(g.template, g.shell === 'posix' ? 'bash' : g.shell, paths, null),
    note: g.note?.[lang] ?? null,
  }));
}

export const safetyNotes = (lang: Lang = 'en'): string[] => SAFETY_NOTES.map((n) => n[lang]);

/** Everything the CLI's `snippets` and the app's Configure step show, rendered once. */
export function renderSnippets(shell: Shell, paths: ExportPaths, lang: Lang, tools: readonly ToolGuide[], jdks: Jdk[] = []) {
  const safety = safetyNotes(lang);
  return {
    shell,
    vars: envVarValues(paths),
    text: safety.map((n) => comment(shell, n)).join('\n') + '\n' + renderEnvBlock(shell, paths, lang),
    tools: tools.map((t) => renderTool(t, shell, paths, lang, jdks)),
    systemStores: renderSystemStores(paths, lang),
    safety,
  };
}
