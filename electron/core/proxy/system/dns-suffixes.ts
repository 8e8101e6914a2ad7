/**
 * The DNS domains a WPAD search looks under: the machine's own DNS domain and its search suffixes,
 * as each OS keeps them. Every source is bounded (a small file, a command with a time limit and an
 * output cap) and every name is checked to be a plain DNS name before it is used.
 */
import { hostname } from 'node:os';
import { readUserFile } from '../../fs/read-user-file.js';
import type { CommandRunner } from './types.js';
import { parseRegQuery } from './windows.js';

/** resolv.conf allows six search domains; Windows and macOS lists are as short in practice. */
const MAX_SUFFIXES = 8;
const RESOLV_CONF_MAX_BYTES = 64 * 1024;
const RESOLV_CONF_TIMEOUT_MS = 2000;
const TCPIP_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters';

export interface SuffixSources {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  run: CommandRunner;
  /** Linux and other Unix: the resolver configuration (tests give their own file). */
  resolvConfPath?: string;
  /** The machine's host name, whose domain part is a suffix when it has one. */
  hostName?: string;
}

/** A DNS name in presentation form, lower case, without a final dot; null for anything else. */
export function dnsName(text: string): string | null {
  const name = text.trim().toLowerCase().replace(/\.$/, '');
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split('.');
  return labels.every((l) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l)) ? name : null;
}

function unique(names: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const name of names) if (name && !out.includes(name) && out.length < MAX_SUFFIXES) out.push(name);
  return out;
}

/** resolv.conf(5): `search` and `domain` replace each other, the last one wins. */
export function parseResolvConf(text: string): string[] {
  let suffixes: string[] = [];
  for (const line of text.split(/\r?\n/).slice(0, 1000)) {
    const words = line
      .replace(/[#;].*$/, '')
      .trim()
      .split(/\s+/);
    if (words[0] === 'search') suffixes = words.slice(1, 1 + MAX_SUFFIXES);
    else if (words[0] === 'domain' && words[1]) suffixes = [words[1]];
  }
  return unique(suffixes.map(dnsName));
}

/**
 * `scutil --dns`: only the `search domain[N]` lines are search suffixes; a resolver's `domain : x`
 * line says which queries that resolver answers (mDNS's `local`, reverse zones), not where to search.
 */
export function parseScutilDns(output: string): string[] {
  const names: (string | null)[] = [];
  for (const line of output.split(/\r?\n/).slice(0, 2000)) {
    const match = /^\s*search domain\[\d+\]\s*:\s*(\S+)\s*$/.exec(line.slice(0, 512));
    if (match) names.push(dnsName(match[1]!));
  }
  return unique(names);
}

/**
 * Windows' TCP/IP parameters: SearchList (comma separated, replaces the default list when set), then
 * the primary DNS suffix (NV Domain: configured; Domain: in force), then the one DHCP handed out.
 */
export function parseTcpipParameters(output: string): string[] {
  const values = parseRegQuery(output);
  const searchList = (values.get('searchlist') ?? '').split(/[,\s]+/);
  return unique(
    [...searchList, values.get('nv domain'), values.get('domain'), values.get('dhcpdomain')].map((v) => (v ? dnsName(v) : null)),
  );
}

function hostDomain(name: string | undefined): string | null {
  const dot = name?.indexOf('.') ?? -1;
  return name && dot > 0 ? dnsName(name.slice(dot + 1)) : null;
}

/** Suffixes in the order the OS's own resolver would try them, at most eight. */
export async function readDnsSuffixes(sources: SuffixSources): Promise<string[]> {
  const own = hostDomain(sources.hostName ?? hostname());
  if (sources.platform === 'win32') {
    const output = await sources.run('reg', ['query', TCPIP_KEY], sources.env);
    return unique([...(output === null ? [] : parseTcpipParameters(output)), own]);
  }
  if (sources.platform === 'darwin') {
    const output = await sources.run('scutil', ['--dns'], sources.env);
    return unique([...(output === null ? [] : parseScutilDns(output)), own]);
  }
  let conf: string[] = [];
  try {
    const text = await readUserFile(sources.resolvConfPath ?? '/etc/resolv.conf', {
      maxBytes: RESOLV_CONF_MAX_BYTES,
      timeoutMs: RESOLV_CONF_TIMEOUT_MS,
    });
    conf = parseResolvConf(text.toString('utf8'));
  } catch {
    // No resolver configuration (containers, a file too large): only the host name's domain remains.
  }
  return unique([...conf, own]);
}
