import type { CertSummary } from '../../../shared/detection.js';

export interface VendorRule {
  name: string;
  /** Matched against issuer-side names only: never the leaf's subject (a real zscaler.com site has a public certificate). */
  patterns: RegExp[];
}

/**
 * Names are hints, not proof: many products let the administrator upload any CA, so a corporate CA
 * often carries no product name at all. The verdict never depends on a match (docs/extending.md).
 */
export const VENDORS: readonly VendorRule[] = [
  {
    name: 'Zscaler',
    patterns: [/CN=Zscaler (Root|Intermediate Root) CA/i, /O=Zscaler Inc/i, /zscaler(one|two|three)?\.net|zscloud\.net/i],
  },
  { name: 'Netskope', patterns: [/goskope\.com/i, /certadmin@netskope\.com/i, /caadmin\.netskope\.com/i] },
  { name: 'Fortinet FortiGate', patterns: [/CN=FortiGate CA/i, /O=Fortinet/i, /Fortinet_CA_SSL/i] },
  { name: 'Cloudflare Gateway (WARP)', patterns: [/Cloudflare for Teams/i, /Gateway CA - Cloudflare Managed/i] },
  { name: 'Cisco Umbrella', patterns: [/Cisco Umbrella (Root|Secondary|Primary) (CA|SubCA)/i] },
  { name: 'Palo Alto Networks', patterns: [/Palo ?Alto Networks/i, /GlobalProtect/i, /Forward[- ]Trust/i] },
  { name: 'Sophos Firewall', patterns: [/SecurityAppliance_SSL_CA/i, /O=Sophos/i] },
  { name: 'Blue Coat / Symantec ProxySG', patterns: [/Blue ?Coat/i] },
  { name: 'Forcepoint', patterns: [/Forcepoint/i, /Websense/i] },
  { name: 'Skyhigh / McAfee Web Gateway', patterns: [/McAfee Web Gateway/i, /Skyhigh/i] },
  { name: 'Check Point', patterns: [/Check ?Point/i] },
  { name: 'Cato Networks', patterns: [/CATO Root CA/i, /Cato Networks/i] },
  { name: 'Kaspersky', patterns: [/Kaspersky Anti-Virus Personal Root/i] },
  { name: 'ESET', patterns: [/ESET SSL Filter CA/i] },
  { name: 'Avast', patterns: [/Avast (Web\/Mail|Web|Mail) Shield Root/i] },
  { name: 'AVG', patterns: [/AVG (Web\/Mail|Web|Mail) Shield Root/i] },
  { name: 'Norton', patterns: [/Norton (Web\/Mail|Web|Mail) Shield Root/i] },
  { name: 'Bitdefender', patterns: [/Bitdefender Personal CA/i] },
  { name: 'AdGuard', patterns: [/AdGuard Personal/i] },
  { name: 'mitmproxy', patterns: [/CN=mitmproxy/i, /O=mitmproxy/i] },
  { name: 'Fiddler', patterns: [/DO_NOT_TRUST_FiddlerRoot/i] },
  { name: 'Charles Proxy', patterns: [/Charles Proxy CA/i] },
  { name: 'Burp Suite', patterns: [/PortSwigger CA/i] },
  { name: 'OWASP ZAP', patterns: [/OWASP Zed Attack Proxy/i] },
  { name: 'Microsoft Dev Proxy', patterns: [/Dev Proxy CA/i] },
];

/** The issuer side of a chain: every certificate's issuer, and the subjects of all but the leaf. */
export function issuerSideNames(chain: readonly CertSummary[]): string[] {
  return [...chain.map((c) => c.issuer), ...chain.slice(1).map((c) => c.subject)];
}

export function matchVendor(chain: readonly CertSummary[]): { name: string; matched: string } | null {
  const names = issuerSideNames(chain);
  for (const vendor of VENDORS) {
    for (const name of names) {
      const hit = vendor.patterns.map((p) => p.exec(name)).find((m) => m !== null);
      if (hit) return { name: vendor.name, matched: hit[0] };
    }
  }
  return null;
}
