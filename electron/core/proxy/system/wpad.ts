/**
 * WPAD through DNS: when the OS says "detect proxy settings automatically", ask for wpad.<suffix> under
 * each DNS suffix of this machine (devolved, never to a public suffix: wpad-candidates.ts), and fetch
 * http://wpad.<suffix>/wpad.dat from the address that answered, through no proxy. The first file that
 * downloads and loads as a PAC script decides, as in browsers; a name that does not resolve quickly, or
 * whose file is missing, too large, hanging or broken, is skipped.
 *
 * DHCP option 252 (the other WPAD source) needs a DHCP request that only a privileged process or the
 * OS's own DHCP client can make; CA Bridge does not ask for it and says so in the result.
 *
 * Bounds: each name 2 s to resolve, each file the PAC fetch limits (10 s, 1 MB) and never past the
 * whole search's 10 s, so a run with auto-detect on waits at most about 10 s for WPAD.
 */
import { Resolver } from 'node:dns';
import { lookup as systemLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { ProxyNote, ProxySettingOrigin } from '../../../../shared/proxy-notes.js';
import { createPacEngine, type PacEngine } from '../pac/pac-engine.js';
import { fetchPac, PAC_FETCH_TIMEOUT_MS, pacProblem } from '../pac/fetch-pac.js';
import { readDnsSuffixes } from './dns-suffixes.js';
import type { CommandRunner } from './types.js';
import { wpadCandidates } from './wpad-candidates.js';

export const WPAD_SEARCH_TIMEOUT_MS = 10_000;
export const WPAD_NAME_TIMEOUT_MS = 2000;

/** What a WPAD search may use of the world; every field has the real machine's default. */
export interface WpadContext {
  /** DNS servers to ask ("127.0.0.1:5353"); the system's when absent. */
  dnsServers?: string[];
  /** Linux and other Unix: where the search suffixes are read. */
  resolvConfPath?: string;
  /** This machine's host name (its domain part is a suffix). */
  hostName?: string;
  /**
   * TEST ONLY: the port the file is fetched from. WPAD is port 80 on every real network; the tests use
   * port 80 on a loopback address of their own when they may bind it, and this override otherwise.
   */
  port?: number;
  searchTimeoutMs?: number;
  nameTimeoutMs?: number;
}

export type WpadOutcome = { found: true; url: string; engine: PacEngine; notes: ProxyNote[] } | { found: false; notes: ProxyNote[] };

interface Address {
  address: string;
  family: 4 | 6;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      onTimeout();
      resolve(null);
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

/** The first A (else AAAA) address of `name`, or null when it does not resolve within `ms`. */
async function resolveQuickly(resolver: Resolver, name: string, ms: number): Promise<Address | null> {
  const deadline = Date.now() + ms;
  const ask = (family: 4 | 6) =>
    withTimeout(
      new Promise<string[]>((resolve, reject) => {
        const done = (error: Error | null, addresses: string[]) => (error ? reject(error) : resolve(addresses));
        if (family === 4) resolver.resolve4(name, done);
        else resolver.resolve6(name, done);
      }),
      Math.max(1, deadline - Date.now()),
      () => resolver.cancel(),
    );
  const v4 = await ask(4);
  if (v4?.[0]) return { address: v4[0], family: 4 };
  if (Date.now() >= deadline) return null;
  const v6 = await ask(6);
  return v6?.[0] ? { address: v6[0], family: 6 } : null;
}

/** Connects to the address the WPAD resolver answered for `name` (a redirect elsewhere resolves as usual). */
function pinnedLookup(name: string, pinned: Address): LookupFunction {
  return (hostname, options, callback) => {
    if (hostname.toLowerCase() !== name) return systemLookup(hostname, options, callback);
    if (options.all) (callback as (e: null, a: Address[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

export interface WpadSearch {
  setting: ProxySettingOrigin;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  run: CommandRunner;
  wpad?: WpadContext;
  /** Where the found script's alert() text goes (the --verbose log). */
  onAlert?: (text: string) => void;
}

export async function searchWpad(search: WpadSearch): Promise<WpadOutcome> {
  const ctx = search.wpad ?? {};
  const dhcp: ProxyNote = { code: 'wpad-dhcp-not-asked' };
  const suffixes = await readDnsSuffixes({
    platform: search.platform,
    env: search.env,
    run: search.run,
    resolvConfPath: ctx.resolvConfPath,
    hostName: ctx.hostName,
  });
  const candidates = wpadCandidates(suffixes);
  if (candidates.length === 0) return { found: false, notes: [{ code: 'wpad-no-domain', setting: search.setting }, dhcp] };

  const nameMs = ctx.nameTimeoutMs ?? WPAD_NAME_TIMEOUT_MS;
  const resolver = new Resolver({ timeout: nameMs, tries: 1 });
  if (ctx.dnsServers) resolver.setServers(ctx.dnsServers);
  const deadline = Date.now() + (ctx.searchTimeoutMs ?? WPAD_SEARCH_TIMEOUT_MS);
  const failures: ProxyNote[] = [];
  const tried: string[] = [];
  let timedOut = false;
  for (const name of candidates) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      timedOut = true;
      break;
    }
    tried.push(name);
    const address = await resolveQuickly(resolver, name, Math.min(nameMs, remaining));
    if (!address) continue;
    const url = `http://${name}${ctx.port ? `:${ctx.port}` : ''}/wpad.dat`;
    const fetchMs = Math.min(PAC_FETCH_TIMEOUT_MS, deadline - Date.now());
    const script = fetchMs > 0 ? await fetchPac(url, { timeoutMs: fetchMs, lookup: pinnedLookup(name, address) }) : null;
    if (!script || !script.ok) {
      const problem = script ? pacProblem(script.error.code, script.error.message) : 'timeout';
      failures.push({ code: 'wpad-file-failed', url, problem });
      continue;
    }
    const engine = await createPacEngine(script.value, url, { onAlert: search.onAlert });
    if (!engine.ok) {
      failures.push({ code: 'wpad-file-failed', url, problem: 'script' });
      continue;
    }
    return { found: true, url, engine: engine.value, notes: [{ code: 'wpad-found', setting: search.setting, url }, ...failures, dhcp] };
  }
  if (Date.now() >= deadline && tried.length < candidates.length) timedOut = true;
  return { found: false, notes: [...failures, { code: 'wpad-not-found', setting: search.setting, tried, timedOut }, dhcp] };
}
