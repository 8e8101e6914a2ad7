import type * as Jsonc from 'jsonc-parser';
import { jsonc } from '../tool-config/vscode-settings.js';
import type { SettingsFormat } from './locations.js';
import { profileLines } from './shell-profiles.js';

/**
 * One setting as a file states it. `section` is the INI/TOML table (`http`, `http "https://x/"`,
 * `global`, `tool.uv`), empty at the top. `key` keeps the file's spelling; rules compare normalized.
 */
export interface SettingLine {
  section: string;
  key: string;
  value: string;
  /** 1-based line number in the file. */
  line: number;
}

/**
 * Hand-written readers, one per format, because each tool's file is only read for a handful of keys and
 * must never be executed or fully interpreted (no YAML/TOML library evaluates a user's file here): each
 * reader takes lines of the form `key = value` the way its tool does, and skips everything else.
 */

const unquote = (v: string) =>
  v
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .replace(/^'(.*)'$/s, '$1');

/** `key = value` / `key: value` files with `[section]` headers and `#`/`;` comments (npmrc, pip, wgetrc, gitconfig, go env). */
function iniLines(
  text: string,
  opts: { colon: boolean; continuation: boolean; bareKeys: boolean; inlineComments: boolean },
): SettingLine[] {
  const out: SettingLine[] = [];
  let section = '';
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!trimmed || /^[#;]/.test(trimmed)) return;
    const header = /^\[([^\]]*)\]\s*(.*)$/.exec(trimmed);
    if (header) {
      section = header[1]!.trim();
      // git allows "[http] sslVerify = false" on one line.
      if (!header[2] || /^[#;]/.test(header[2])) return;
      return pushKey(header[2], i);
    }
    // pip (configparser): an indented line continues the previous value ("trusted-host =\n  a.example\n  b.example").
    if (opts.continuation && /^\s/.test(raw) && out.length && out[out.length - 1]!.line <= i) {
      const last = out[out.length - 1]!;
      last.value = `${last.value} ${trimmed}`.trim();
      return;
    }
    pushKey(trimmed, i);
  });
  function pushKey(text: string, i: number) {
    const m = (opts.colon ? /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/ : /^([^=\s][^=]*?)\s*=\s*(.*)$/).exec(text);
    let value: string;
    let key: string;
    if (m) {
      key = m[1]!;
      value = m[2]!;
      if (opts.inlineComments && !/^["']/.test(value.trim())) value = value.replace(/\s[#;].*$/, '');
    } else if (opts.bareKeys && /^[\w.-]+$/.test(text)) {
      // git: a key with no "=" is true.
      key = text;
      value = 'true';
    } else return;
    out.push({ section, key: key.trim(), value: unquote(value), line: i + 1 });
  }
  return out;
}

/** .curlrc: one option per line, with or without leading dashes, its value after whitespace, "=" or ":". */
function curlrcLines(text: string): SettingLine[] {
  const out: SettingLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const m = /^(-{1,2})?([A-Za-z0-9][\w-]*)(?:\s*[=:\s]\s*(.*))?$/.exec(trimmed);
    if (!m) return;
    // A single dash is a short option: "-k" is --insecure.
    const key = m[1] === '-' && m[2] === 'k' ? 'insecure' : m[2]!;
    out.push({ section: '', key, value: unquote(m[3] ?? ''), line: i + 1 });
  });
  return out;
}

/** Yarn 1's .yarnrc: `key value`, either may be quoted. */
function yarnrcLines(text: string): SettingLine[] {
  const out: SettingLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^\s*("[^"]+"|[^\s#"]+)\s+(.+?)\s*$/.exec(raw);
    if (m && !raw.trim().startsWith('#')) out.push({ section: '', key: unquote(m[1]!), value: unquote(m[2]!), line: i + 1 });
  });
  return out;
}

/** Top-level `key: value` lines of a YAML file (.yarnrc.yml, .condarc, .gemrc, bundler's config); nested ones are not settings read here. */
function yamlTopLines(text: string): SettingLine[] {
  const out: SettingLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const m = /^(:?["']?[A-Za-z_][\w.-]*["']?)\s*:\s*(.*?)\s*$/.exec(raw);
    if (!m) return;
    const value = /^["']/.test(m[2]!) ? m[2]! : m[2]!.replace(/\s+#.*$/, '');
    out.push({ section: '', key: unquote(m[1]!.replace(/^:/, '')), value: unquote(value), line: i + 1 });
  });
  return out;
}

/** TOML `key = value` lines with their `[table]`; an array's value is its first line (enough to name it). */
function tomlLines(text: string): SettingLine[] {
  const out: SettingLine[] = [];
  let section = '';
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    const header = /^\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$/.exec(trimmed);
    if (header) {
      section = header[1]!.replace(/\s/g, '');
      return;
    }
    const m = /^([A-Za-z0-9_."-]+)\s*=\s*(.*?)\s*$/.exec(trimmed);
    if (m) out.push({ section, key: unquote(m[1]!), value: m[2]!.replace(/\s+#.*$/, ''), line: i + 1 });
  });
  return out;
}

/** 1-based line of a character offset, for many offsets: line starts found once, each offset by binary search. */
export function lineFinder(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * The properties of a JSON (or JSON-with-comments) object, each with the line its key is on, read with
 * Microsoft's jsonc-parser: `under` names the nested object (`config` of composer.json), empty for the
 * top level (VS Code's settings.json). Values are given as JSON text.
 */
function jsonProperties(text: string, under: string): SettingLine[] {
  const errors: Jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text.replace(/^\uFEFF/, ' '), errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return [];
  const object = under ? jsonc.findNodeAtLocation(root, [under]) : root;
  if (!object || object.type !== 'object') return [];
  const lineAt = lineFinder(text);
  return (object.children ?? []).flatMap((property) => {
    const [key, value] = property.children ?? [];
    if (!key || !value || typeof key.value !== 'string') return [];
    const json =
      value.type === 'object' || value.type === 'array'
        ? text.slice(value.offset, value.offset + value.length)
        : JSON.stringify(value.value);
    return [{ section: under, key: key.value, value: json, line: lineAt(property.offset) }];
  });
}

export function settingLines(format: SettingsFormat, text: string): SettingLine[] {
  switch (format) {
    case 'npmrc':
      return iniLines(text, { colon: false, continuation: false, bareKeys: false, inlineComments: false });
    case 'pip-ini':
      return iniLines(text, { colon: true, continuation: true, bareKeys: false, inlineComments: false });
    case 'gitconfig':
      return iniLines(text, { colon: false, continuation: false, bareKeys: true, inlineComments: true });
    case 'wgetrc':
    case 'go-env':
      return iniLines(text, { colon: false, continuation: false, bareKeys: false, inlineComments: false });
    case 'curlrc':
      return curlrcLines(text);
    case 'yarnrc':
      return yarnrcLines(text);
    case 'yarnrc-yml':
    case 'condarc':
    case 'gemrc':
    case 'bundler':
      return yamlTopLines(text);
    case 'uv-toml':
    case 'pyproject':
    case 'cargo-toml':
      return tomlLines(text);
    case 'composer-json':
      return jsonProperties(text, 'config');
    case 'vscode-json':
      return jsonProperties(text, '');
    case 'sh-profile':
    case 'fish':
    case 'powershell':
      return profileLines(format, text);
  }
}
