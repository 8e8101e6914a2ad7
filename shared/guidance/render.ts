import { ENV_VARS, SAFETY_NOTES, SEMANTICS_TEXT, type EnvVarGuide, type ExportFile, type Semantics } from './env-vars.js';
import { cmdCannotQuote, quote, type Shell } from './quote.js';
import { ROW_WORDS } from './row-words.js';
import { SYSTEM_STORE_GUIDES } from './system-store.js';
import type { Language } from '../i18n/language.js';
import type { Text } from './text.js';
import type { Step, ToolGuide, ToolId } from './tool-types.js';

export interface ExportPaths {
  ca: string;
  bundle: string;
  der: string;
  /**
   * Every CA of the export (primary first) with its own DER file and trust-store name
   * (`ca-bridge-<fingerprint>`), for commands that add one entry per CA (keytool). Absent, only the primary is
   * known: such commands then name it `corporate-ca`, as before several CAs were exported.
   */
  cas?: readonly { der: string; alias: string }[];
}

export interface Jdk {
  home: string;
  keytool: string;
  cacerts: string;
}

export const fileFor = (paths: ExportPaths, file: ExportFile): string => paths[file];

/**
 * Whether a `#`-style comment survives being pasted into this shell. Interactive zsh without
 * `setopt interactivecomments` (the default) runs `#` lines as commands, so zsh output carries none.
 */
export const shellHasComments = (shell: Shell): boolean => shell !== 'zsh';

/** A comment line, or null for zsh. cmd's REM gets no `^` (line continuation) and no `%` (expanded when pasted). */
export function comment(shell: Shell, text: string): string | null {
  if (!shellHasComments(shell)) return null;
  const oneLine = text.replace(/[\r\n]+/g, ' ');
  return shell === 'cmd' ? `REM ${oneLine.replace(/[%^]/g, '')}` : `# ${oneLine}`;
}

const comments = (shell: Shell, texts: string[]): string[] => texts.flatMap((t) => comment(shell, t) ?? []);

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
      if (cmdCannotQuote(value)) return `REM ${name}: the path contains %, which cmd cannot quote; use the PowerShell snippet instead`;
      return persistent ? `setx ${name} ${quote(shell, value)}` : `set "${name}=${value}"`;
  }
}

const semanticsWord = (s: Semantics, lang: Language) =>
  s === 'add' ? (lang === 'ja' ? '追加' : 'ADD') : lang === 'ja' ? '置換' : 'REPLACE';

/** A variable's value in the block: the exported file it names, or its fixed value. */
const valueOf = (v: EnvVarGuide, paths: ExportPaths): string => (v.file ? fileFor(paths, v.file) : v.literal!);

/** A fixed item goes into a list in double quotes (bash, PowerShell) or cmd's own: it must hold nothing those expand. */
const SAFE_ITEM = /^[\w.=-]+$/;

/**
 * Adds `item` to a comma-separated list variable (GODEBUG) in the shell's syntax, keeping what the user
 * already has in it: the settings there keep working, and a later entry wins for the same key.
 */
export function appendAssignment(shell: Shell, name: string, item: string, persistent = false): string {
  if (!SAFE_ITEM.test(item) || !/^\w+$/.test(name)) throw new Error(`${name}=${item}: not a plain list item`);
  switch (shell) {
    case 'bash':
    case 'zsh':
      return `export ${name}="\${${name}:+\$${name},}${item}"`;
    case 'fish':
      return `set ${persistent ? '-Ux' : '-gx'} ${name} (string join , -- $${name} ${item})`;
    case 'powershell': {
      const value = `$(if ($env:${name}) { "$env:${name},${item}" } else { '${item}' })`;
      return persistent
        ? `$v = ${value}; [Environment]::SetEnvironmentVariable('${name}', $v, 'User'); $env:${name} = $v`
        : `$env:${name} = ${value}`;
    }
    case 'cmd':
      return persistent
        ? `if defined ${name} (setx ${name} "%${name}%,${item}") else (setx ${name} "${item}")`
        : `if defined ${name} (set "${name}=%${name}%,${item}") else (set "${name}=${item}")`;
  }
}

/**
 * The environment-variable block: each variable, with a comment saying ADD or REPLACE and what it serves
 * where the shell has comments. Used for the session snippet and for the block "apply" writes to a profile
 * (`withComments` forces comments there: a profile is a sourced file, where even zsh honours `#`).
 */
export function renderEnvBlock(
  shell: Shell,
  paths: ExportPaths,
  lang: Language = 'en',
  persistent = false,
  withComments = false,
  values: Readonly<Record<string, string | null>> = {},
): string {
  const lines: string[] = [];
  for (const v of ENV_VARS) {
    // A value of this machine's own (the merged bundle that keeps the user's roots), or null: left out, so the user's own value stays.
    const own = values[v.name];
    const what = v.literal ?? semanticsWord(v.semantics, lang);
    const kept = own === undefined ? '' : own === null ? MERGE_NOTE.omitted[lang] : MERGE_NOTE.merged[lang];
    const note = `${v.name}: ${what} — ${v.serves[lang]}${kept}`;
    const line = withComments && shell === 'zsh' ? `# ${note}` : comment(shell, note);
    if (line) lines.push(line);
    if (own === null) continue;
    lines.push(
      v.appendsTo
        ? appendAssignment(shell, v.name, v.literal!, persistent)
        : envAssignment(shell, v.name, own ?? valueOf(v, paths), persistent),
    );
  }
  return lines.join('\n') + '\n';
}

const MERGE_NOTE = {
  merged: { en: ' (the merged bundle: your own CA file’s roots are kept)', ja: '（統合バンドル: ご自身の CA ファイルのルートも残します）' },
  omitted: {
    en: ' (not set: your own CA file holds roots no exported file has; export again)',
    ja: '（設定しません: ご自身の CA ファイルに、エクスポートしたファイルにないルートがあります。再エクスポートしてください）',
  },
} as const;

/**
 * What each variable holds after the block runs in an environment that has `current` (a list variable
 * keeps the user's items before ours, unless ours is already there).
 */
export const envVarValues = (paths: ExportPaths, current: Readonly<Record<string, string | undefined>> = {}): Record<string, string> =>
  Object.fromEntries(
    ENV_VARS.map((v) => {
      const mine = valueOf(v, paths);
      const theirs = current[v.name];
      if (!v.appendsTo || !theirs) return [v.name, mine];
      return [v.name, theirs.split(',').includes(mine) ? theirs : `${theirs},${mine}`];
    }),
  );

function placeholderValues(paths: ExportPaths, jdk: Jdk | null): Record<string, string> {
  return {
    ca: paths.ca,
    bundle: paths.bundle,
    der: paths.der,
    ca_wsl: wslPath(paths.ca),
    keytool: jdk?.keytool ?? 'keytool',
    cacerts: jdk?.cacerts ?? '',
    // The user's own Java trust store lives beside the export, never inside a JDK.
    java_store: paths.der.replace(/[^\\/]*$/, 'java-truststore.p12'),
  };
}

/** Placeholders filled as plain text: for file fragments, prose and variable values (quoted as a whole later). */
export function fillRaw(template: string, paths: ExportPaths, jdk: Jdk | null = null): string {
  const values = placeholderValues(paths, jdk);
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** A command template with every placeholder quoted for the shell; null when cmd cannot quote a value. */
function fillCommand(template: string, shell: Shell, paths: ExportPaths, jdk: Jdk | null): string | null {
  const values = placeholderValues(paths, jdk);
  const used = [...template.matchAll(/\{(\w+)\}/g)].map((m) => values[m[1]!] ?? '');
  if (shell === 'cmd' && used.some(cmdCannotQuote)) return null;
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => quote(shell, values[key] ?? ''));
  // PowerShell runs a quoted program path only through the call operator.
  return shell === 'powershell' && /^['"]/.test(text) ? `& ${text}` : text;
}

/**
 * Removes a file CA Bridge builds (never one of the user's), in the shell's syntax, without failing when it is
 * not there yet: the command after it then creates it afresh.
 */
function removeFirst(shell: Shell, quoted: string): string {
  switch (shell) {
    case 'bash':
    case 'zsh':
    case 'fish':
      return `rm -f ${quoted}`;
    case 'powershell':
      return `Remove-Item -LiteralPath ${quoted} -ErrorAction SilentlyContinue`;
    case 'cmd':
      // Parenthesised: an unbracketed IF would take the `&` and the command after it as its own body.
      return `(if exist ${quoted} del /f /q ${quoted})`;
  }
}

export interface PersistentCommand {
  command: string;
  changes: string;
  undo: string;
  admin: boolean;
  /** The shell the command is written for: the user's, or a Linux shell (inside WSL). */
  shell: Shell;
}

export interface Fragment {
  format: string;
  /** The file and, in parentheses, an English hint (the CLI's line); `file` and `hint` are the page's, in its language. */
  path: string;
  file: string;
  hint: string | null;
  text: string;
}

export interface RenderedTool {
  id: ToolId;
  name: string;
  /** The row's name as the interface shows it: the name itself, or its words in the language (`nameIsData` false). */
  label: string;
  nameIsData: boolean;
  setting: string;
  /** The setting in the language: prose with the code in backticks (a plain setting is one code span). */
  settingText: string;
  semantics: Semantics;
  semanticsText: string;
  versions: string;
  file: string | null;
  /** Lines that set variables for the current session only, valid in the shell. */
  session: string[];
  /** Commands that change configuration beyond this session, each with what it changes and its undo. */
  persistent: PersistentCommand[];
  /** Text for files (Dockerfile, JSON, INI…), never shell commands. */
  fragments: Fragment[];
  /** Session lines, then persistent commands with their notes as comments: what the interface shows to copy. */
  commands: string[];
  caveats: string[];
  reference: string;
}

const textOf = (value: string | Text, lang: Language) => (typeof value === 'string' ? value : value[lang]);

function renderStep(step: Step, shell: Shell, paths: ExportPaths, lang: Language, jdk: Jdk | null, out: RenderedTool): void {
  switch (step.kind) {
    case 'env': {
      const value = typeof step.value === 'string' ? fileFor(paths, step.value) : fillRaw(step.value.literal, paths, jdk);
      out.session.push(step.appendsTo ? appendAssignment(shell, step.name, value) : envAssignment(shell, step.name, value));
      return;
    }
    case 'persist': {
      // One command per exported CA, each entry under its own name: two CAs never collide, and running the
      // commands again replaces exactly the same entries.
      if (step.template.includes('{ca_alias}')) {
        const named = (text: string, alias: string) => text.replaceAll('{ca_alias}', alias);
        for (const ca of paths.cas ?? [{ der: paths.der, alias: 'corporate-ca' }]) {
          const undo = typeof step.undo === 'string' ? named(step.undo, ca.alias) : step.undo;
          renderStep({ ...step, template: named(step.template, ca.alias), undo }, shell, { ...paths, der: ca.der }, lang, jdk, out);
        }
        return;
      }
      const target: Shell = step.posix ? 'bash' : shell;
      const built = fillCommand(step.template, target, paths, jdk);
      const recreated = step.recreates ? placeholderValues(paths, jdk)[step.recreates.slice(1, -1)] : undefined;
      const file = recreated === undefined ? null : quote(target, recreated);
      // `;` in PowerShell, `&` in cmd, `&&` elsewhere (fish 3+ too): the rebuild runs whether or not there was a file.
      const join = target === 'powershell' ? '; ' : target === 'cmd' ? ' & ' : ' && ';
      const command = built !== null && file !== null ? `${removeFirst(target, file)}${join}${built}` : built;
      const undoText = textOf(step.undo, lang);
      const undo = typeof step.undo === 'string' ? (fillCommand(undoText, target, paths, jdk) ?? undoText) : fillRaw(undoText, paths, jdk);
      if (command === null) return;
      out.persistent.push({ command, changes: fillRaw(step.changes[lang], paths, jdk), undo, admin: step.admin ?? false, shell: target });
      return;
    }
    case 'file': {
      const file = step.path.replace(/\s*\(.*\)$/, '');
      const hint = file === step.path ? null : (ROW_WORDS[out.id]?.fileHint?.[lang] ?? null);
      out.fragments.push({ format: step.format, path: step.path, file, hint, text: fillRaw(step.template, paths, jdk) });
      return;
    }
  }
}

export function renderTool(tool: ToolGuide, shell: Shell, paths: ExportPaths, lang: Language = 'en', jdks: Jdk[] = []): RenderedTool {
  const perJdk = tool.steps.some((s) => s.kind === 'persist' && s.template.includes('{keytool}'));
  const targets = perJdk && jdks.length > 0 ? jdks : [null];
  const steps = perJdk && jdks.length === 0 ? (tool.genericSteps ?? tool.steps) : tool.steps;
  const out: RenderedTool = {
    id: tool.id,
    name: tool.name,
    label: ROW_WORDS[tool.id]?.name?.[lang] ?? tool.name,
    nameIsData: !ROW_WORDS[tool.id]?.name,
    setting: tool.setting,
    settingText: ROW_WORDS[tool.id]?.setting?.[lang] ?? `\`${tool.setting}\``,
    semantics: tool.semantics,
    semanticsText: SEMANTICS_TEXT[tool.semantics][lang],
    versions: tool.versions,
    file: tool.file ? fileFor(paths, tool.file) : null,
    session: [],
    persistent: [],
    fragments: [],
    commands: [],
    caveats: tool.caveats.map((c) => c[lang]),
    reference: tool.reference,
  };
  for (const jdk of targets) for (const step of steps) renderStep(step, shell, paths, lang, jdk, out);
  out.session = [...new Set(out.session)];
  // Japanese ends a sentence with 。 and brackets with full-width （）: "を追加します. 元に戻す" reads as broken.
  const labels =
    lang === 'ja'
      ? { changes: '変更内容', undo: '元に戻す', admin: '（管理者権限が必要）', stop: '。' }
      : { changes: 'Changes', undo: 'Undo', admin: ' (needs administrator rights)', stop: '. ' };
  out.commands = [
    ...out.session,
    ...out.persistent.flatMap((p) => [
      ...comments(shell, [`${labels.changes}: ${p.changes}${p.admin ? labels.admin : ''}${labels.stop}${labels.undo}: ${p.undo}`]),
      p.command,
    ]),
  ];
  return out;
}

export function renderSystemStores(paths: ExportPaths, lang: Language = 'en') {
  return SYSTEM_STORE_GUIDES.map((g) => ({
    id: g.id,
    name: g.name,
    admin: g.admin,
    command:
      fillCommand(g.template, g.shell === 'posix' ? 'bash' : g.shell, paths, null) ??
      comment(g.shell === 'posix' ? 'bash' : g.shell, 'a path contains %, which cmd cannot quote; use the PowerShell snippet instead') ??
      '',
    note: g.note?.[lang] ?? null,
  }));
}

export const safetyNotes = (lang: Language = 'en'): string[] => SAFETY_NOTES.map((n) => n[lang]);

/**
 * Everything the CLI's `snippets` and the app's Configure step show, rendered once. `text` is the session
 * block: valid in the shell as a whole, changing nothing but this session's environment.
 */
/**
 * A variable added to the session block for this machine only: a setting of the user's outranks the shared
 * block for a tool (an npmrc `cafile` makes npm ignore NODE_EXTRA_CA_CERTS), so the environment, which npm
 * ranks above every npmrc, names the bundle. `because` is where that setting is (file:line).
 */
export interface SessionExtra {
  name: string;
  value: string;
  because: string;
}

/** Variables added after the shared block because a setting of the user's outranks it (each with the comment saying why). */
export function renderExtras(shell: Shell, extras: readonly SessionExtra[], lang: Language): string[] {
  return extras.flatMap((x) => [
    ...comments(shell, [
      lang === 'ja'
        ? `${x.name}: ${semanticsWord('replace', lang)} — ${x.because} が共通の設定より優先されるため`
        : `${x.name}: ${semanticsWord('replace', lang)} — because ${x.because} outranks the shared settings`,
    ]),
    envAssignment(shell, x.name, x.value),
  ]);
}

export function renderSnippets(
  shell: Shell,
  paths: ExportPaths,
  lang: Language,
  tools: readonly ToolGuide[],
  jdks: Jdk[] = [],
  extras: readonly SessionExtra[] = [],
  values: Readonly<Record<string, string | null>> = {},
) {
  const safety = safetyNotes(lang);
  const vars: Record<string, string> = { ...envVarValues(paths), ...Object.fromEntries(extras.map((x) => [x.name, x.value])) };
  for (const [name, value] of Object.entries(values))
    if (value === null) delete vars[name];
    else vars[name] = value;
  return {
    shell,
    vars,
    text:
      [
        ...comments(shell, safety),
        renderEnvBlock(shell, paths, lang, false, false, values).trimEnd(),
        ...renderExtras(shell, extras, lang),
      ].join('\n') + '\n',
    tools: tools.map((t) => renderTool(t, shell, paths, lang, jdks)),
    systemStores: renderSystemStores(paths, lang),
    safety,
  };
}
