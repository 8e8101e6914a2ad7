import path from 'node:path';
import type { ToolId } from '../../../shared/guidance/tool-types.js';
import type { SettingFinding, SettingsScan, UnreadSettingsFile } from '../../../shared/settings.js';
import { readUserText, UserFileError } from '../fs/read-user-file.js';
import { npmEnv, settingsFiles, type ScanPlace, type SettingsFile } from './locations.js';
import { ENV_RULES, FILE_RULES } from './rules.js';
import { settingLines } from './settings-lines.js';

/** Settings files are small; anything larger is named as unread rather than read whole. */
const SETTINGS_FILE_MAX_BYTES = 1024 * 1024;
const SETTINGS_FILE_TIMEOUT_MS = 5_000;
const VALUE_MAX = 200;

const clip = (v: string) => (v.length > VALUE_MAX ? `${v.slice(0, VALUE_MAX)}…` : v);

async function scanFile(entry: SettingsFile, cwd: string, unread: UnreadSettingsFile[]): Promise<SettingFinding[]> {
  const file = path.resolve(cwd, entry.file);
  let text: string;
  try {
    text = await readUserText(file, { maxBytes: SETTINGS_FILE_MAX_BYTES, timeoutMs: SETTINGS_FILE_TIMEOUT_MS });
  } catch (error) {
    if (error instanceof UserFileError && error.problem === 'not-found') return [];
    unread.push({ file, problem: error instanceof UserFileError ? error.problem : 'unreadable' });
    return [];
  }
  const findings: SettingFinding[] = [];
  for (const line of settingLines(entry.format, text))
    for (const rule of FILE_RULES)
      if (rule.formats.includes(entry.format) && rule.matches(line))
        findings.push({
          effect: rule.effect,
          tools: rule.tools ?? entry.tools,
          setting: rule.setting,
          value: clip(line.value),
          source: { kind: 'file', file, line: line.line },
          outranksAdvice: rule.outranksAdvice ?? false,
        });
  return findings;
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
  const files = await settingsFiles(place);
  const fromFiles = await Promise.all(files.map((f) => scanFile(f, place.cwd, unread)));
  return { findings: [...scanEnv(place.env), ...fromFiles.flat()], unread };
}

/** The findings that concern one catalogue row. */
export const findingsFor = (scan: SettingsScan, tool: ToolId, effect?: SettingFinding['effect']): SettingFinding[] =>
  scan.findings.filter((f) => f.tools.includes(tool) && (!effect || f.effect === effect));
