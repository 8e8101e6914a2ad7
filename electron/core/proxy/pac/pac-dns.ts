/**
 * The PAC helpers that touch the network, replaced by bounded versions: each DNS lookup has a
 * time limit and a per-evaluation budget, and myIpAddress() reads the local interfaces instead
 * of connecting to a public DNS server as pac-resolver's default does.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import { networkInterfaces } from 'node:os';

const LOOKUP_TIMEOUT_MS = 2000;
/** A PAC script that resolves more names than this for one URL is misbehaving. */
const LOOKUPS_PER_EVALUATION = 32;

export class PacDns {
  private lookups = 0;
  private readonly cache = new Map<string, Promise<string | null>>();

  /** Called before each FindProxyForURL evaluation. */
  reset(): void {
    this.lookups = 0;
  }

  resolve(host: string): Promise<string | null> {
    const name = String(host).slice(0, 253);
    if (net.isIPv4(name)) return Promise.resolve(name);
    const cached = this.cache.get(name);
    if (cached) return cached;
    if (++this.lookups > LOOKUPS_PER_EVALUATION) return Promise.resolve(null);
    const answer = Promise.race([
      lookup(name, { family: 4 }).then(
        (r) => r.address,
        () => null,
      ),
      new Promise<null>((resolve) => setTimeout(resolve, LOOKUP_TIMEOUT_MS, null).unref()),
    ]);
    this.cache.set(name, answer);
    return answer;
  }

  /** The sandbox functions, in the shape pac-resolver expects (async ones are awaited inside the script). */
  sandbox() {
    const dnsResolve = async (host: string) => this.resolve(host);
    const isResolvable = async (host: string) => (await this.resolve(host)) !== null;
    const myIpAddress = async () => localAddress();
    const isInNet = async (host: string, pattern: string, mask: string) => {
      const address = await this.resolve(host);
      return address !== null && inNet(address, String(pattern), String(mask));
    };
    return { dnsResolve, isResolvable, myIpAddress, isInNet };
  }
}

function ipv4ToNumber(address: string): number | null {
  if (!net.isIPv4(address)) return null;
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

export function inNet(address: string, pattern: string, mask: string): boolean {
  const a = ipv4ToNumber(address);
  const p = ipv4ToNumber(pattern);
  const m = ipv4ToNumber(mask);
  if (a === null || p === null || m === null) return false;
  // Bitwise operators work on signed 32 bits: compare unsigned.
  return (a & m) >>> 0 === (p & m) >>> 0;
}

function localAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) if (info.family === 'IPv4' && !info.internal) return info.address;
  }
  return '127.0.0.1';
}
