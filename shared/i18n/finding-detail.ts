import type { Finding, FindingCode } from '../diagnose.js';
import { fill } from './fill.js';
import type { Messages } from './en.js';

/** Every finding code check can give, in the order its help lists them (typed against FindingCode). */
export const FINDING_CODES = Object.keys({
  expired: 0,
  'not-yet-valid': 0,
  'expiring-soon': 0,
  'clock-skew': 0,
  'hostname-mismatch': 0,
  'incomplete-chain': 0,
  'self-signed': 0,
  'untrusted-root': 0,
  inspected: 0,
  'sni-dependent': 0,
  'weak-signature': 0,
  'weak-key': 0,
  'client-cert-required': 0,
  'ca-file': 0,
  ok: 0,
} satisfies Record<FindingCode, 0>);

/**
 * A finding's detail in the user's language, from the key and parameters the engine gave: the
 * certificate's role and "with/without SNI" are words of the catalogue, names and dates stay as they are.
 */
export function findingDetail(w: Messages, finding: Finding): string {
  const c = w.cli.check;
  const params = { ...finding.detail.params };
  if (typeof params.role === 'string' && Object.hasOwn(c.role, params.role)) params.role = c.role[params.role as keyof typeof c.role];
  const way = (sni: string | number | undefined) => (sni ? fill(c.withSni, { sni }) : c.withoutSni);
  if (finding.detail.key === 'sni-dependent') Object.assign(params, { other: way(params.otherSni), this: way(params.sni) });
  return fill(c.detail[finding.detail.key], params);
}
