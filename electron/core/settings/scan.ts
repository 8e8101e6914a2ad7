import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ToolId } from '../../../shared/guidance/tool-types.js';
import type { SettingFinding, SettingsScan, UnreadSettingsFile } from '../../../shared/settings.js';
import { readUserText, UserFileError } from '../fs/read-user-file.js';
import { findGitRepo, GIT_INCLUDE_DEPTH, includedFiles, type GitRepo } from './git-includes.js';
import { homeOf, npmEnv, settingsFiles, type ScanPlace, type SettingsFile, type SettingsFormat } from './locations.js';
import { ENV_RULES, FILE_RULES } from './rules.js';
import { settingLines, type SettingLine } from './settings-lines.js';

/** Settings files are small; anything larger is named as unread rather than read whole. */
const SETTINGS_FILE_MAX_BYTES = 1024 * 1024;
const SETTINGS_FILE_TIMEOUT_MS = 5_000;
const VALUE_MAX = 200;

/** At most this many files reached through git's includes are read in one scan (a bound; real setups use a handful). */
const GIT_INCLUDED_FILES_MAX = 50;

const clip = (v: string) => (v.length > VALUE_MAX ? `${v.slice(0, VALUE_MAX)}…` : v);

/**
 * npm's `${VAR}` in .npmrc keys and values (@npmcli/config env-replace): replaced from the environment;
 * an unset variable stays as written, `${VAR?}` becomes empty; a backslash before `$` escapes it.
 */
export function npmEnvReplace(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g, (orig, esc: string, name: string, modifier?: string) => {
    const fallback = modifier === '?' ? '' : `\${${name}}`;
    const value = env[name] !== undefined ? env[name]! : fallback;
    if (esc.length % 2) return orig.slice((esc.length + 1) / 2);
    return esc.slice(esc.length / 2) + value;
  });
}

/** The keys the scanner reads whose type is Boolean in npm's config definitions. */
const NPM_BOOLEAN_KEYS = ['strict-ssl'];

const PROFILE_FORMATS: readonly SettingsFormat[] = ['sh-profile', 'fish', 'powershell'];

/** The environment rule a variable falls under (npm's names in any case, as npm reads them). */
const envRuleFor = (name: string) =>
  ENV_RULES.find((rule) => (rule.name.startsWith('npm_config_') ? rule.name === name.toLowerCase() : rule.name === name));

function findingsOf(entry: SettingsFile, file: string, lines: SettingLine[]): SettingFinding[] {
  const findings: SettingFinding[] = [];
  const push = (
    rule: { effect: SettingFinding['effect']; outranksAdvice?: boolean },
    tools: ToolId[],
    setting: string,
    line: SettingLine,
  ) =>
    findings.push({
      effect: rule.effect,
      tools,
      setting,
      value: clip(line.value),
      source: { kind: 'file', file, line: line.line },
      outranksAdvice: rule.outranksAdvice ?? false,
    });
  for (const line of lines) {
    // A profile exports variables: the environment's rules apply, with the file and line as the place.
    if (PROFILE_FORMATS.includes(entry.format)) {
      const rule = envRuleFor(line.key);
      if (rule?.matches(line.value)) push(rule, rule.tools, line.key, line);
      continue;
    }
    for (const rule of FILE_RULES) {
      if (!rule.formats.includes(entry.format) || !rule.matches(line)) continue;
      const tools = (rule.tools ?? entry.tools).filter((t) => !rule.onlyFor || rule.onlyFor.includes(t));
      if (tools.length > 0) push(rule, tools, rule.setting, line);
    }
  }
  return findings;
}

/** A file's real path (links resolved), or its resolved path when it cannot be resolved (missing). */
const realFile = (place: ScanPlace, file: string) => realpath(path.resolve(place.cwd, file)).catch(() => path.resolve(place.cwd, file));

/** One finding per setting and place (the same file can be reached twice, e.g. as a top-level file and through an include). */
function uniqueFindings(findings: SettingFinding[]): SettingFinding[] {
  const keys = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.effect, f.setting, f.value, f.source, f.tools]);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

interface ReadFile {
  findings: SettingFinding[];
  /** Files this one includes (git's include and includeIf), to be read next. */
  includes: string[];
}

async function scanFile(entry: SettingsFile, place: ScanPlace, repo: GitRepo | null, unread: UnreadSettingsFile[]): Promise<ReadFile> {
  const file = path.resolve(place.cwd, entry.file);
  let text: string;
  try {
    text = await readUserText(file, { maxBytes: SETTINGS_FILE_MAX_BYTES, timeoutMs: SETTINGS_FILE_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof UserFileError && error.problem === 'not-found') return { findings: [], includes: [] };
    unread.push({ file, problem: error instanceof UserFileError ? error.problem : 'unreadable' });
    return { findings: [], includes: [] };
  }
  let lines = settingLines(entry.format, text);
  if (entry.format === 'npmrc')
    lines = lines.map((l) => {
      const key = npmEnvReplace(l.key, place.env);
      // npm turns "true"/"false" into booleans before it replaces variables: a replaced "false" stays a
      // string, which npm's agent takes as true (strict-ssl=${X} with X=false verifies; seen with npm 11).
      return { ...l, key, value: NPM_BOOLEAN_KEYS.includes(key) ? l.value : npmEnvReplace(l.value, place.env) };
    });
  const includes =
    entry.format === 'gitconfig'
      ? await includedFiles(lines, file, repo, homeOf(place), () => unread.push({ file, problem: 'too-large' }))
      : [];
  return { findings: findingsOf(entry, file, lines), includes };
}

/** git's GIT_CONFIG_COUNT / GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n (git 2.31+): config given through the environment. */
function gitEnvConfig(env: NodeJS.ProcessEnv): SettingFinding[] {
  const count = Number(env.GIT_CONFIG_COUNT ?? 0);
  const out: SettingFinding[] = [];
  for (let i = 0; i < Math.min(Number.isInteger(count) ? count : 0, 1000); i++) {
    const key = env[`GIT_CONFIG_KEY_${i}`] ?? '';
    const value = env[`GIT_CONFIG_VALUE_${i}`] ?? '';
    if (/^http\.(?:.*\.)?sslverify$/i.test(key) && (value === '' || /^(false|no|off|0)$/i.test(value)))
      out.push({
        effect: 'verification-off',
        tools: ['git'] as ToolId[],
        setting: 'http.sslVerify',
        value,
        source: { kind: 'env', name: `GIT_CONFIG_KEY_${i}` },
        outranksAdvice: false,
      });
  }
  return out;
}

function scanEnv(env: NodeJS.ProcessEnv): SettingFinding[] {
  const out: SettingFinding[] = [];
  for (const rule of ENV_RULES) {
    const found = rule.name.startsWith('npm_config_')
      ? npmEnv(env, rule.name.slice('npm_config_'.length))
      : env[rule.name] !== undefined
        ? { name: rule.name, value: env[rule.name]! }
        : null;
    if (found && rule.matches(found.value))
      out.push({
        effect: rule.effect,
        tools: rule.tools,
        setting: rule.name,
        value: clip(found.value),
        source: { kind: 'env', name: found.name },
        outranksAdvice: rule.outranksAdvice ?? false,
      });
  }
  return [...out, ...gitEnvConfig(env)];
}

/**
 * Reads (never writes, never runs a tool) the places each tool takes its settings from, at every level
 * it reads, and returns each setting that switches certificate verification off or names the tool's own
 * CA file, with where it is: variable, or file and line. Every read is bounded; a file that cannot be
 * read is listed in `unread`, never skipped in silence.
 */
export async function scanSettings(place: ScanPlace): Promise<SettingsScan> {
  const unread: UnreadSettingsFile[] = [];
  const [files, repo] = await Promise.all([settingsFiles(place), findGitRepo(place.cwd, place.env)]);
  const scanned = await Promise.all(files.map((f) => scanFile(f, place, repo, unread)));
  const findings = scanned.flatMap((r) => r.findings);
  // git's includes, level by level, as deep as git follows them. A file already read (by its real path)
  // is not read again: a config including itself, or two files including each other, would otherwise
  // multiply the reads (and the findings) at every level; the total is capped as well.
  const seen = new Set(await Promise.all(files.filter((f) => f.format === 'gitconfig').map((f) => realFile(place, f.file))));
  let included = 0;
  let pending = scanned.flatMap((r, i) => r.includes.map((file) => ({ ...files[i]!, file })));
  for (let depth = 0; depth < GIT_INCLUDE_DEPTH && pending.length > 0; depth++) {
    const fresh: SettingsFile[] = [];
    for (const f of pending) {
      const real = await realFile(place, f.file);
      if (seen.has(real)) continue;
      seen.add(real);
      if (++included > GIT_INCLUDED_FILES_MAX) {
        unread.push({ file: path.resolve(place.cwd, f.file), problem: 'too-large' });
        break;
      }
      fresh.push(f);
    }
    const next = await Promise.all(fresh.map((f) => scanFile(f, place, repo, unread)));
    findings.push(...next.flatMap((r) => r.findings));
    pending = next.flatMap((r, i) => r.includes.map((file) => ({ ...fresh[i]!, file })));
  }
  return { findings: [...scanEnv(place.env), ...uniqueFindings(findings)], unread };
}

/** The findings that concern one catalogue row. */
export const findingsFor = (scan: SettingsScan, tool: ToolId, effect?: SettingFinding['effect']): SettingFinding[] =>
  scan.findings.filter((f) => f.tools.includes(tool) && (!effect || f.effect === effect));
