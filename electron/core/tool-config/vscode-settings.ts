import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Jsonc from 'jsonc-parser';
import { ProfileError } from '../guidance/profile-snapshot.js';
import { userHome } from './home.js';

/**
 * VS Code's user settings.json: `"http.systemCertificatesNode": true` makes its Node-based requests
 * (the extension host) load the operating system's store, where the inspection CA is
 * (https://code.visualstudio.com/docs/setup/network; the catalogue's VS Code row). The file is JSON
 * with comments and trailing commas; it is located with Microsoft's jsonc-parser (the parser VS Code
 * itself uses) and changed by hand at the located offsets: only the one value, or one new line after
 * the opening brace, so every comment, trailing comma and line ending stays byte for byte
 * (jsonc-parser's own `modify` re-formats neighbouring properties and moves comments).
 */

// The package's ESM build has extension-less imports Node cannot load; its UMD build is the `main`.
export const jsonc = createRequire(import.meta.url)('jsonc-parser') as typeof Jsonc;

export const VSCODE_KEY = 'http.systemCertificatesNode';
const UTF8_BOM = '\xEF\xBB\xBF';

/** The user settings.json of VS Code (stable) on each platform. */
export function vscodeSettingsFile(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string {
  const home = userHome(env);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Code', 'User', 'settings.json');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Code', 'User', 'settings.json');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Code', 'User', 'settings.json');
}

/** The indentation the file already uses (that of its first indented line), four spaces by default as VS Code writes. */
const indentOf = (body: string) => /\n([ \t]+)\S/.exec(body)?.[1] ?? '    ';

/**
 * The file with the key set to true; the text unchanged when it already is. Texts are byte strings
 * (one char per byte), so any encoding of the user's comments passes through. A file VS Code could not
 * read as settings (not an object, syntax errors) is refused, nothing changed.
 */
export function setVscodeKey(original: string | null): string {
  const bom = original?.startsWith(UTF8_BOM) ? UTF8_BOM : '';
  const body = (original ?? '').slice(bom.length);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  if (body.trim() === '') return `${bom}{${eol}    "${VSCODE_KEY}": true${eol}}${eol}`;
  const errors: Jsonc.ParseError[] = [];
  const root = jsonc.parseTree(body, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root || root.type !== 'object')
    throw new ProfileError(
      `settings.json is not a JSON object VS Code can read (${errors.length > 0 ? jsonc.printParseErrorCode(errors[0]!.error) : 'not an object'} at offset ${errors[0]?.offset ?? 0}): nothing was changed`,
    );
  const properties = root.children ?? [];
  // The last one counts, as in VS Code's own reading of duplicate keys.
  const existing = properties.filter((p) => p.children?.[0]?.value === VSCODE_KEY).at(-1)?.children?.[1];
  if (existing) {
    if (existing.type === 'boolean' && existing.value === true) return original!;
    return bom + body.slice(0, existing.offset) + 'true' + body.slice(existing.offset + existing.length);
  }
  const brace = root.offset + 1;
  const line = `${eol}${indentOf(body)}"${VSCODE_KEY}": true`;
  // Before every other property (a comma follows when there are any), right after the opening brace.
  const insert = properties.length > 0 ? `${line},` : `${line}${body.slice(brace).startsWith(eol) ? '' : eol}`;
  return bom + body.slice(0, brace) + insert + body.slice(brace);
}
