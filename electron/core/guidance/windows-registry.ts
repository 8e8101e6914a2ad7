/**
 * HKCU\Environment through the Win32 registry API itself (koffi FFI), not through `setx` or `reg query`:
 * - `setx` truncates at 1,024 characters, turns REG_EXPAND_SZ into REG_SZ, and is a no-op under Wine;
 * - `reg query` prints in the console code page, so `C:\Users\山田\…` comes back as `C:\Users\??\…`
 *   and would be written back corrupted by revert.
 * The *W functions take and return UTF-16, so every character survives, and the value type is read
 * and written explicitly. koffi ships prebuilt binaries for Windows x64/ia32/arm64 in its package.
 */
import { createRequire } from 'node:module';

export type RegistryTextType = 'REG_SZ' | 'REG_EXPAND_SZ';
export interface RegistryText {
  value: string;
  type: RegistryTextType;
}

const REG_SZ = 1;
const REG_EXPAND_SZ = 2;
/** HKEY_CURRENT_USER is the 32-bit constant 0x80000001 sign-extended to a 64-bit handle. */
const HKEY_CURRENT_USER = -0x7fffffff;
const RRF_RT_REG_SZ = 0x2;
const RRF_RT_REG_EXPAND_SZ = 0x4;
/** Return REG_EXPAND_SZ text as stored: `%USERPROFILE%` must stay unexpanded. */
const RRF_NOEXPAND = 0x10000000;
const ERROR_SUCCESS = 0;
const ERROR_FILE_NOT_FOUND = 2;
const ERROR_MORE_DATA = 234;
const ERROR_UNSUPPORTED_TYPE = 1630;
const HWND_BROADCAST = 0xffff;
const WM_SETTINGCHANGE = 0x001a;
const SMTO_ABORTIFHUNG = 0x0002;
/** A window that does not answer within this time is skipped, as Explorer itself does. */
const BROADCAST_TIMEOUT_MS = 5000;
/** Environment values are far smaller; anything bigger is not ours to rewrite. */
const MAX_VALUE_BYTES = 1 << 20;

export class RegistryError extends Error {}

interface Win32 {
  RegGetValueW(hkey: number, subKey: string, value: string, flags: number, type: number[], data: Buffer | null, cb: number[]): number;
  RegSetKeyValueW(hkey: number, subKey: string, value: string, type: number, data: Buffer, cb: number): number;
  RegDeleteKeyValueW(hkey: number, subKey: string, value: string): number;
  SendMessageTimeoutW(hwnd: number, msg: number, wParam: number, lParam: string, flags: number, timeout: number, result: number[]): number;
}

let win32: Win32 | undefined;
function load(): Win32 {
  if (win32) return win32;
  if (process.platform !== 'win32') throw new RegistryError('the Windows registry exists only on Windows');
  // Loaded on first use only, so that nothing native is loaded on other platforms.
  const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
  const advapi32 = koffi.load('advapi32.dll');
  const user32 = koffi.load('user32.dll');
  win32 = {
    RegGetValueW: advapi32.func(
      'int32 __stdcall RegGetValueW(intptr hkey, str16 subKey, str16 value, uint32 flags, _Out_ uint32 *type, _Out_ uint8_t *data, _Inout_ uint32 *cb)',
    ),
    RegSetKeyValueW: advapi32.func(
      'int32 __stdcall RegSetKeyValueW(intptr hkey, str16 subKey, str16 value, uint32 type, const uint8_t *data, uint32 cb)',
    ),
    RegDeleteKeyValueW: advapi32.func('int32 __stdcall RegDeleteKeyValueW(intptr hkey, str16 subKey, str16 value)'),
    SendMessageTimeoutW: user32.func(
      'intptr __stdcall SendMessageTimeoutW(intptr hwnd, uint32 msg, uintptr wParam, str16 lParam, uint32 flags, uint32 timeout, _Out_ uintptr *result)',
    ),
  } as Win32;
  return win32;
}

const ENVIRONMENT = 'Environment';

/** Decodes REG_SZ data: UTF-16LE, up to the first NUL (the terminator, or garbage after it). */
function decode(data: Buffer): string {
  const text = data.toString('utf16le', 0, data.length - (data.length % 2));
  const nul = text.indexOf('\0');
  return nul === -1 ? text : text.slice(0, nul);
}

/** Reads one HKCU\Environment value exactly as stored; null when it does not exist. */
export function readUserEnvironmentValue(name: string): RegistryText | null {
  const api = load();
  const flags = RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND;
  // The size is asked first; the value may grow in between, hence a few tries.
  for (let attempt = 0; attempt < 3; attempt++) {
    const type = [0];
    const cb = [0];
    let status = api.RegGetValueW(HKEY_CURRENT_USER, ENVIRONMENT, name, flags, type, null, cb);
    if (status === ERROR_FILE_NOT_FOUND) return null;
    if (status === ERROR_UNSUPPORTED_TYPE) throw new RegistryError(`${name} in HKCU\\Environment is not text (REG_SZ or REG_EXPAND_SZ)`);
    if (status !== ERROR_SUCCESS) throw new RegistryError(`reading ${name} from HKCU\\Environment failed (Win32 error ${status})`);
    if (cb[0]! > MAX_VALUE_BYTES) throw new RegistryError(`${name} in HKCU\\Environment is larger than ${MAX_VALUE_BYTES} bytes`);
    const data = Buffer.alloc(cb[0]! + 2);
    cb[0] = data.length;
    status = api.RegGetValueW(HKEY_CURRENT_USER, ENVIRONMENT, name, flags, type, data, cb);
    if (status === ERROR_MORE_DATA) continue;
    if (status === ERROR_FILE_NOT_FOUND) return null;
    if (status !== ERROR_SUCCESS) throw new RegistryError(`reading ${name} from HKCU\\Environment failed (Win32 error ${status})`);
    return { value: decode(data.subarray(0, cb[0])), type: type[0] === REG_EXPAND_SZ ? 'REG_EXPAND_SZ' : 'REG_SZ' };
  }
  throw new RegistryError(`${name} in HKCU\\Environment kept changing while it was read`);
}

export function writeUserEnvironmentValue(name: string, text: RegistryText): void {
  const data = Buffer.from(`${text.value}\0`, 'utf16le');
  const status = load().RegSetKeyValueW(
    HKEY_CURRENT_USER,
    ENVIRONMENT,
    name,
    text.type === 'REG_EXPAND_SZ' ? REG_EXPAND_SZ : REG_SZ,
    data,
    data.length,
  );
  if (status !== ERROR_SUCCESS) throw new RegistryError(`writing ${name} to HKCU\\Environment failed (Win32 error ${status})`);
}

export function deleteUserEnvironmentValue(name: string): void {
  const status = load().RegDeleteKeyValueW(HKEY_CURRENT_USER, ENVIRONMENT, name);
  if (status !== ERROR_SUCCESS && status !== ERROR_FILE_NOT_FOUND)
    throw new RegistryError(`removing ${name} from HKCU\\Environment failed (Win32 error ${status})`);
}

/**
 * WM_SETTINGCHANGE with "Environment": Explorer re-reads the user environment, so terminals opened
 * from then on see the change (what `setx` and the System Properties dialog do). True when delivered.
 */
export function broadcastEnvironmentChange(): boolean {
  const result = [0];
  return load().SendMessageTimeoutW(HWND_BROADCAST, WM_SETTINGCHANGE, 0, ENVIRONMENT, SMTO_ABORTIFHUNG, BROADCAST_TIMEOUT_MS, result) !== 0;
}
