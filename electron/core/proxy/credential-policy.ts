/**
 * The credential policy (docs/threat-model.md, "Proxy credentials"), in one place: every path that
 * attaches the user's proxy credentials to a proxy, or picks the scheme they travel in, asks here.
 *
 * - Who: the proxy the user named (--proxy URL, the proxy variables), or a proxy chosen by a PAC file
 *   the user named (--proxy pac+URL) or the OS configuration names (AutoConfigURL, scutil, gsettings),
 *   or the OS's manual proxy. A proxy that only WPAD auto-discovery (or Chromium's resolution, which
 *   cannot say whether WPAD chose it) named is held back until the user confirms it by host:port.
 *   WPAD is answered by whoever controls a DNS name on the local network: without this rule a rogue
 *   wpad.dat collects a NetNTLMv2 response or a Basic password from every run.
 * - How: NTLM when offered; else Negotiate when offered (a Kerberos ticket, never the password); Basic
 *   only when the proxy offers neither, and then over a plain-http proxy only with a warning.
 * - Record: each proxy that received credentials, and in which scheme, is remembered per run so the
 *   output can say it (the same WeakMap-per-ProxySpec approach as observed.ts keeps runs apart).
 */
import type { ProxyCredentialUse, ProxyHoldReason } from '../../../shared/detection.js';
import { formatTarget } from '../../../shared/targets.js';
import type { ProxyCredentials, ProxySpec } from './proxy-url.js';

/** Which setting put a proxy on the route; decides whether credentials may go to it unconfirmed. */
export type ProxyOrigin = 'named' | 'named-pac' | 'environment' | 'system' | 'system-pac' | 'wpad' | 'unknown-pac';

const NEEDS_CONFIRMATION: Readonly<Record<ProxyOrigin, ProxyHoldReason | null>> = {
  named: null,
  'named-pac': null,
  environment: null,
  system: null,
  'system-pac': null,
  wpad: 'wpad',
  'unknown-pac': 'unknown-pac',
};

/** `host:port` as the confirmation names a proxy (IPv6 in brackets), lower case. */
export const proxyHostPort = (spec: Pick<ProxySpec, 'host' | 'port'>) => formatTarget(spec).toLowerCase();

/** Whether `confirmed` (the user's host:port or bare host entries) names this proxy. */
export function isConfirmed(spec: Pick<ProxySpec, 'host' | 'port'>, confirmed: readonly string[]): boolean {
  const full = proxyHostPort(spec);
  const host = (spec.host.includes(':') ? `[${spec.host}]` : spec.host).toLowerCase();
  return confirmed.some((c) => {
    const entry = c.trim().toLowerCase();
    return entry === full || entry === host;
  });
}

/**
 * The proxy as it goes on the route: with the user's credentials when the policy allows them, else
 * without them and marked `held` so that a 407 explains what to confirm. Credentials written into the
 * proxy URL itself (the user's own `https_proxy`) are the user's choice for that proxy and stay.
 */
export function applyCredentialPolicy(
  spec: ProxySpec,
  credentials: ProxyCredentials | null | undefined,
  origin: ProxyOrigin,
  confirmed: readonly string[] = [],
): ProxySpec {
  if (!credentials) return spec;
  const hold = NEEDS_CONFIRMATION[origin];
  if (hold && !isConfirmed(spec, confirmed)) return { ...spec, auth: null, held: hold };
  return { ...spec, auth: credentials };
}

/** The scheme names that mean a password-free or challenge-response sign-in (never Basic beside them). */
const STRONG = /^(ntlm|negotiate)$/i;
const has = (offered: readonly string[], scheme: string) => offered.some((s) => s.toLowerCase() === scheme.toLowerCase());

/**
 * The scheme to answer a 407 offering `offered` with, or null when the policy allows none.
 * `canSpeak` lists the schemes the client in question can answer (the engine: all three; a tool: its own).
 */
export function credentialScheme(
  offered: readonly string[],
  hasCredentials: boolean,
  canSpeak: readonly ('NTLM' | 'Negotiate' | 'Basic')[] = ['NTLM', 'Negotiate', 'Basic'],
): 'NTLM' | 'Negotiate' | 'Basic' | null {
  if (hasCredentials && has(offered, 'NTLM') && canSpeak.includes('NTLM')) return 'NTLM';
  if (has(offered, 'Negotiate') && canSpeak.includes('Negotiate')) return 'Negotiate';
  // A password as Basic to a proxy that also does NTLM or Kerberos: anyone who can read the
  // connection (or impersonate the proxy) reads the password, where the proxy had a safer way.
  if (hasCredentials && has(offered, 'Basic') && !offered.some((s) => STRONG.test(s)) && canSpeak.includes('Basic')) return 'Basic';
  return null;
}

/** Basic over a proxy spoken to in clear: the password crosses the network readable. */
export const basicInClear = (spec: Pick<ProxySpec, 'scheme'>) => spec.scheme === 'http';

const used = new WeakMap<ProxySpec, Map<string, ProxyCredentialUse>>();

function remember(spec: ProxySpec, use: ProxyCredentialUse): void {
  const map = used.get(spec) ?? new Map<string, ProxyCredentialUse>();
  map.set(`${use.status} ${use.scheme ?? ''}`, use);
  used.set(spec, map);
}

/** Called as credentials leave for `spec` in `scheme` (Basic, NTLM, Negotiate, USERNAME/PASSWORD). */
export function noteCredentialsSent(spec: ProxySpec, scheme: string): void {
  remember(spec, {
    proxy: spec.redactedUrl,
    hostPort: proxyHostPort(spec),
    status: 'sent',
    scheme,
    cleartext: scheme === 'Basic' && basicInClear(spec),
  });
}

/** Called when a proxy asked for a sign-in that the policy held back (see `held`). */
export function noteCredentialsHeld(spec: ProxySpec): void {
  if (!spec.held) return;
  remember(spec, {
    proxy: spec.redactedUrl,
    hostPort: proxyHostPort(spec),
    status: 'held',
    scheme: null,
    cleartext: false,
    hold: spec.held,
  });
}

/** What happened to the credentials at each of these proxies, once per proxy, scheme and outcome. */
export function credentialUses(specs: Iterable<ProxySpec>): ProxyCredentialUse[] {
  const out = new Map<string, ProxyCredentialUse>();
  for (const spec of specs)
    for (const use of used.get(spec)?.values() ?? []) out.set(`${use.proxy} ${use.status} ${use.scheme ?? ''}`, use);
  return [...out.values()];
}
