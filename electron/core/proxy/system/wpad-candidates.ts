/**
 * WPAD names to ask for, from the machine's DNS suffixes. Old resolvers "devolved" a suffix one label at
 * a time down to its top-level domain, so a laptop in eng.corp.example.co.jp asked wpad.co.jp, a name
 * anyone can register: whoever did then proxied that laptop's traffic (the WPAD name-collision attack).
 * Devolution here stops at the registrable domain, the public-suffix list (tldts, with the private
 * section: github.io and the like are public too) deciding what is registrable, so `wpad.` is always
 * followed by at least two labels and never by a public suffix. A suffix that is itself public, or a
 * bare single label, gives no candidate. Nor does a suffix ending in a numeric label ("192.168.1", a
 * search entry some DHCP servers hand out): no top-level domain is all digits (RFC 3696 §2), and
 * the public-suffix list, knowing no such TLD, would otherwise make "168.1" registrable and ask for
 * wpad.168.1.
 */
import { getDomain } from 'tldts';

const MAX_CANDIDATES = 16;

export function wpadCandidates(suffixes: readonly string[]): string[] {
  const names: string[] = [];
  for (const suffix of suffixes) {
    if (/^\d+$/.test(suffix.slice(suffix.lastIndexOf('.') + 1))) continue;
    const floor = getDomain(suffix, { allowPrivateDomains: true });
    if (!floor || floor.split('.').length < 2) continue;
    const labels = suffix.split('.');
    const floorLabels = floor.split('.').length;
    for (let start = 0; labels.length - start >= floorLabels; start++) {
      const name = `wpad.${labels.slice(start).join('.')}`;
      if (!names.includes(name) && names.length < MAX_CANDIDATES) names.push(name);
    }
  }
  return names;
}
