/**
 * Reads values out of a Wine registry file (user.reg / system.reg) as the wineserver saved it: a route
 * to the registry that shares nothing with the code under test (no reg.exe, no Win32 API, no koffi).
 *   [Environment] 1795622732
 *   "OLD"="C:\\Users\\\x5c71\x7530\\old.pem"        REG_SZ, UTF-16 code units above 127 as \xNNNN
 *   "HOMEY"=str(2):"%USERPROFILE%\\ca.pem"           REG_EXPAND_SZ
 */
export interface RegistryFileValue {
  type: 'REG_SZ' | 'REG_EXPAND_SZ' | 'other';
  value: string;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', v: '\v', f: '\f', e: '\x1b', '0': '\0' };

/** Undoes Wine's string escaping, from `text[start]` up to the closing quote; returns the text and the index after the quote. */
function unescape(text: string, start: number): [string, number] {
  let out = '';
  let i = start;
  while (i < text.length && text[i] !== '"') {
    if (text[i] !== '\\') {
      out += text[i++];
      continue;
    }
    const next = text[i + 1]!;
    if (next === 'x') {
      const hex = /^[0-9a-fA-F]{1,4}/.exec(text.slice(i + 2, i + 6))![0];
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2 + hex.length;
    } else {
      out += SIMPLE_ESCAPES[next] ?? next;
      i += 2;
    }
  }
  return [out, i + 1];
}

/** The values of one key (its name as regedit shows it, e.g. `Environment`), or null if the key is absent. */
export function registryKeyValues(file: string, key: string): Map<string, RegistryFileValue> | null {
  const header = `[${key.replace(/\\/g, '\\\\')}] `;
  const lines = file.split('\n');
  const start = lines.findIndex((l) => l.startsWith(header));
  if (start === -1) return null;
  const values = new Map<string, RegistryFileValue>();
  for (let i = start + 1; i < lines.length && !lines[i]!.startsWith('['); i++) {
    const line = lines[i]!;
    if (!line.startsWith('"')) continue;
    const [name, afterName] = unescape(line, 1);
    const data = line.slice(afterName + 1); // skip '='
    if (data.startsWith('"')) values.set(name, { type: 'REG_SZ', value: unescape(data, 1)[0] });
    else if (data.startsWith('str(2):"')) values.set(name, { type: 'REG_EXPAND_SZ', value: unescape(data, 8)[0] });
    else values.set(name, { type: 'other', value: data });
  }
  return values;
}
