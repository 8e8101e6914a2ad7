/**
 * Chromium's view of each site, beside Node's: the route Chromium's network stack takes (its own
 * proxy resolution: system settings, PAC, WPAD, with integrated NTLM/Kerberos authentication) and the
 * certificate it was shown, captured by the session's verify procedure. Where the two differ — "your
 * browser goes through X, Node went direct", or a different certificate — the user is told, because
 * then the browser working says nothing about the tools.
 */
import { X509Certificate } from 'node:crypto';
import type { Session } from 'electron';
import type { DetectionResult, EvidenceItem, TargetReport } from '../../shared/detection.js';
import { parsePacResult, formatPacEntry } from '../core/proxy/pac.js';
import type { HeadRequest } from './chromium-evidence.js';

export interface ChromiumSite {
  host: string;
  port: number;
  /** Chromium's proxy decision in PAC form, normalised ("PROXY 10.0.0.1:8080", "DIRECT"). */
  route: string;
  /** SHA-256 of the leaf Chromium was shown (colon hex, as in CertSummary), or null if none came. */
  leafFingerprint256: string | null;
  leafIssuer: string | null;
}

type ProbeSession = Pick<Session, 'setCertificateVerifyProc' | 'resolveProxy'>;

const urlOf = (t: { host: string; port: number }) => `https://${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}/`;

/** Certificate names come from the network: no terminal controls or bidi overrides in what is shown. */
const printable = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd').slice(0, 300);

function leafOf(pem: string | undefined): { fingerprint256: string; issuer: string } | null {
  if (!pem) return null;
  try {
    const cert = new X509Certificate(pem);
    return { fingerprint256: cert.fingerprint256, issuer: printable(cert.issuer.replace(/\n/g, ', ')) };
  } catch {
    return null;
  }
}

/** Asks Chromium for each site's route and certificate; the verify procedure fails every request, so nothing is fetched. */
export async function chromiumView(
  probeSession: ProbeSession,
  head: HeadRequest,
  targets: readonly TargetReport[],
): Promise<ChromiumSite[]> {
  const seen = new Map<string, { fingerprint256: string; issuer: string } | null>();
  probeSession.setCertificateVerifyProc((request, callback) => {
    seen.set(request.hostname.toLowerCase(), leafOf(request.certificate?.data));
    callback(-2); // net::ERR_FAILED: only the certificate was wanted
  });
  try {
    const routes = await Promise.all(
      targets.map(async (t) => {
        const raw = await probeSession.resolveProxy(urlOf(t)).catch(() => 'DIRECT');
        return parsePacResult(raw).map(formatPacEntry).join('; ');
      }),
    );
    await Promise.all(targets.map((t) => head(urlOf(t)).catch(() => undefined)));
    return targets.map((t, i) => {
      const leaf = seen.get(t.host.toLowerCase()) ?? null;
      return {
        host: t.host,
        port: t.port,
        route: routes[i]!,
        leafFingerprint256: leaf?.fingerprint256 ?? null,
        leafIssuer: leaf?.issuer ?? null,
      };
    });
  } finally {
    probeSession.setCertificateVerifyProc(null);
  }
}

/** The PAC word for the kind the engine names in `connectedTo` ("… (proxy)", "… (HTTPS proxy)", "… (socks5h proxy)"). */
const PAC_WORD: Record<string, string> = {
  '': 'PROXY',
  HTTPS: 'HTTPS',
  socks5: 'SOCKS5',
  socks5h: 'SOCKS5',
  socks4: 'SOCKS',
  socks4a: 'SOCKS',
};

/** Node's route for a site, in the same words as Chromium's. */
function nodeRoute(t: TargetReport): string {
  if (t.via !== 'proxy') return 'DIRECT';
  const match = /^(.+) \((?:(HTTPS|socks5h?|socks4a?) )?proxy\)$/.exec(t.connectedTo ?? '');
  return match ? `${PAC_WORD[match[2] ?? '']} ${match[1]}` : 'PROXY';
}

/** Chromium writes SOCKS v4 as "SOCKS" or "SOCKS4"; one spelling, so the two routes compare. */
const samePacWords = (entry: string) => entry.replace(/^SOCKS4 /, 'SOCKS ');

/** Evidence items for sites where Chromium and Node took different routes or were shown different certificates. */
export function compareViews(result: DetectionResult, sites: readonly ChromiumSite[]): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  for (const site of sites) {
    const t = result.targets.find((x) => x.host === site.host && x.port === site.port);
    // A site seen through Chromium has no route or chain of Node's own to compare.
    if (!t || t.error || t.via === 'chromium') continue;
    const chromiumFirst = samePacWords(site.route.split(';')[0]!.trim());
    const node = nodeRoute(t);
    const chromiumDirect = chromiumFirst === 'DIRECT';
    if (chromiumDirect !== (node === 'DIRECT') || (!chromiumDirect && node !== 'PROXY' && chromiumFirst !== node)) {
      items.push({
        kind: 'chromium-route-differs',
        message: `your browser goes ${chromiumDirect ? 'direct' : `through ${chromiumFirst.replace(/^PROXY /, '')}`}, Node went ${node === 'DIRECT' ? 'direct' : `through ${node.replace(/^PROXY /, '')}`}`,
        hosts: [site.host],
      });
    }
    const nodeLeaf = t.chain[0]?.fingerprint256 ?? null;
    if (site.leafFingerprint256 && nodeLeaf && site.leafFingerprint256 !== nodeLeaf) {
      items.push({
        kind: 'chromium-chain-differs',
        message: `your browser was shown a different certificate (issued by ${site.leafIssuer ?? 'an unknown issuer'}) than Node (issued by ${printable(t.chain[0]?.issuer ?? 'an unknown issuer')})`,
        hosts: [site.host],
      });
    }
  }
  return items;
}
