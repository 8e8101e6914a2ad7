import { parseArgs, type ParseArgsConfig } from 'node:util';
import { fill } from '../../shared/i18n/fill.js';
import { normalizeFingerprint } from '../../shared/status.js';
import { UsageError } from './io.js';
import type { Messages } from './language.js';
import { closest } from './suggest.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const YES = new Set(['yes', 'true', '1', 'on']);
const NO = new Set(['no', 'false', '0', 'off']);

/**
 * `--json=yes` and `--force=false`: a switch given a value the way scripts write it. Yes-like values
 * turn it on, no-like values leave it off; anything else is an error naming the two forms.
 */
function switchesWithValues(args: string[], options: Options): string[] {
  const out: string[] = [];
  for (const [i, arg] of args.entries()) {
    if (arg === '--') return [...out, ...args.slice(i)];
    const m = /^--([^=]+)=(.*)$/s.exec(arg);
    const option = m ? options[m[1]!] : undefined;
    if (!m || !option || option.type !== 'boolean') {
      out.push(arg);
      continue;
    }
    const value = m[2]!.toLowerCase();
    if (YES.has(value)) out.push(`--${m[1]}`);
    else if (!NO.has(value)) {
      const flag = `--${m[1]}`;
      throw new UsageError((w) => fill(w.cli.usageError.booleanValue, { flag, value: m[2]!.slice(0, 64) }));
    }
  }
  return out;
}

/** "unknown option --versoin" with "did you mean "--version"?" when one of the command's own flags is close. */
export function unknownOption(flag: string, known: readonly string[]): UsageError {
  const suggestion = closest(flag.replace(/=.*$/s, ''), known);
  return new UsageError(
    (w) => fill(w.cli.usageError.unknownOption, { flag }) + (suggestion ? `\n${fill(w.cli.usageError.didYouMean, { suggestion })}` : ''),
  );
}

/** node:util parseArgs in strict mode, with its errors reworded into one short line in the user's language. */
export function parseFlags<T extends Options>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: switchesWithValues(args, options), options, strict: true, allowPositionals });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const err = error as Error & { code?: string };
    const flag = /'(-{1,2}[^'\s]+)/.exec(err.message)?.[1] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw unknownOption(
        flag,
        Object.keys(options).map((name) => `--${name}`),
      );
    if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const arg = err.message.match(/'([^']*)'/)?.[1] ?? '';
      throw new UsageError((w) => fill(w.cli.usageError.unexpectedArgument, { arg }));
    }
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError((w) => fill(w.cli.usageError.needsValue, { flag }));
    throw new UsageError(err.message);
  }
}

export function integerFlag(name: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const flag = `--${name}`;
  if (!/^\d+$/.test(value)) throw new UsageError((w) => fill(w.cli.usageError.notWholeNumber, { flag, value }));
  const n = Number(value);
  if (n < min || n > max) throw new UsageError((w) => fill(w.cli.usageError.outOfRange, { flag, min, max, value: n }));
  return n;
}

/** A flag's text as a whole number; its bounds are the operation schema's to check. */
export function wholeNumberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw new UsageError((w) => fill(w.cli.usageError.notWholeNumber, { flag: `--${name}`, value }));
  return Number(value);
}

/**
 * `--expect-fingerprint` values, checked here so that a typo is a usage error in the user's language
 * (the schema checks them again); the values go on as typed, the engine normalises them.
 */
export function expectFingerprintFlag(values: string[] | undefined): string[] | undefined {
  const bad = values?.find((value) => normalizeFingerprint(value) === null);
  if (bad !== undefined) throw new UsageError((w) => fill(w.cli.usageError.badFingerprint, { value: bad }));
  return values;
}

type FlagName = keyof Messages['cli']['flag'];
/** What follows each flag in its help line; a flag that takes no value has none. */
const FLAG_ARGS: Partial<Record<FlagName, string>> = {
  targets: 'host[:port],...',
  proxy: 'URL|direct|system|pac+URL',
  'proxy-user': 'DOMAIN\\user',
  'connect-to': 'H:P:A:AP',
  'public-roots': 'FILE',
  'trust-store': 'PATH',
  timeout: 'MS',
  concurrency: 'N',
  lang: 'en|ja',
  out: 'DIR',
  from: 'FILE',
  dir: 'DIR',
  shell: 'bash|zsh|fish|powershell|cmd',
  tool: 'NAME',
  tools: 'installed',
  'confirm-proxy': 'HOST:PORT',
  profile: 'FILE',
  sni: 'NAME',
  ca: 'FILE',
  'client-cert': 'FILE',
  'client-key': 'FILE',
  detection: 'FILE',
  port: 'N',
  cwd: 'DIR',
  'expect-fingerprint': 'SHA256',
  relay: 'URL',
  prove: 'applied|session',
};

/**
 * A command's option list, generated from the very table its parser reads: a flag the parser accepts
 * without a help line in the catalogue (both languages) does not compile.
 */
export function optionsHelp<T extends Partial<Record<FlagName, unknown>>>(
  w: Messages,
  options: T & Record<Exclude<keyof T, FlagName>, never>,
  params: Record<string, string | number> = {},
  /** A command whose flag means something else than the shared text says (ui's presets). */
  texts: Partial<Record<FlagName, string>> = {},
): string {
  const names = [...(Object.keys(options) as FlagName[]), 'lang' as const].filter((name, i, all) => all.indexOf(name) === i);
  const heads = names.map((name) => `  --${name}${FLAG_ARGS[name] ? ` ${FLAG_ARGS[name]}` : ''}`);
  const width = Math.min(32, Math.max(...heads.map((h) => h.length)) + 2);
  return names
    .map((name, i) => {
      const head = heads[i]!;
      const text = fill(texts[name] ?? w.cli.flag[name], params);
      return head.length < width ? head.padEnd(width) + text : `${head}\n${' '.repeat(width)}${text}`;
    })
    .join('\n');
}
