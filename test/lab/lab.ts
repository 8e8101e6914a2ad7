/**
 * The offline inspection lab: a fake public PKI, HTTPS origins for real-looking host names, and
 * helpers to start intercepting proxies in front of them. Loopback only; `close()` removes it all.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConnectTo, type ConnectTo } from '../../shared/connect-to.js';
import { issue, type Issued, type KeyAlg } from './pki.js';
import { startOrigin, type Origin } from './origin.js';
import { startProxy, type LabProxy, type ProxyOptions } from './proxy.js';
import { LOOPBACK } from './servers.js';

interface FamilySpec {
  root: string;
  rootAlg: KeyAlg;
  intermediate: string;
  intermediateAlg: KeyAlg;
}

/** Roots named like real public CAs (marked "lab"), RSA and ECDSA, each with an issuing intermediate. */
const FAMILIES: Record<string, FamilySpec> = {
  gts: {
    root: 'CN=GTS Root R1 (lab), O=Google Trust Services LLC, C=US',
    rootAlg: 'rsa',
    intermediate: 'CN=WR2 (lab), O=Google Trust Services, C=US',
    intermediateAlg: 'ecdsa',
  },
  isrg: {
    root: 'CN=ISRG Root X2 (lab), O=Internet Security Research Group, C=US',
    rootAlg: 'ecdsa',
    intermediate: "CN=E5 (lab), O=Let's Encrypt, C=US",
    intermediateAlg: 'ecdsa',
  },
  digicert: {
    root: 'CN=DigiCert Global Root G2 (lab), OU=www.digicert.com, O=DigiCert Inc, C=US',
    rootAlg: 'rsa',
    intermediate: 'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1 (lab), O=DigiCert Inc, C=US',
    intermediateAlg: 'rsa',
  },
};

/** Lab sites: the real names from the default target list, each with its real CA family. */
export const LAB_SITES: { host: string; family: keyof typeof FAMILIES; leafAlg: KeyAlg }[] = [
  { host: 'www.google.com', family: 'gts', leafAlg: 'ecdsa' },
  { host: 'letsencrypt.org', family: 'isrg', leafAlg: 'ecdsa' },
  { host: 'www.digicert.com', family: 'digicert', leafAlg: 'rsa' },
  { host: 'github.com', family: 'digicert', leafAlg: 'ecdsa' },
  { host: 'registry.npmjs.org', family: 'gts', leafAlg: 'ecdsa' },
  { host: 'pypi.org', family: 'isrg', leafAlg: 'ecdsa' },
  { host: 'aws.amazon.com', family: 'digicert', leafAlg: 'ecdsa' },
  { host: 'www.microsoft.com', family: 'gts', leafAlg: 'ecdsa' },
];

export interface LabOptions {
  /** Delay every origin adds before its TLS handshake. */
  originDelayMs?: number;
  sites?: typeof LAB_SITES;
}

export interface Lab {
  dir: string;
  publicRootsFile: string;
  families: Record<string, { root: Issued; intermediate: Issued }>;
  origins: Origin[];
  hosts: string[];
  /** `--connect-to` values that reach each origin directly. */
  connectTo: string[];
  /** `--connect-to` flags, ready to splice into an argument list. */
  connectToArgs: string[];
  /** The same mappings parsed, for calling the engine directly. */
  connectToMappings: ConnectTo[];
  upstream: Map<string, { host: string; port: number }>;
  startProxy(options?: Partial<ProxyOptions>): Promise<LabProxy>;
  /** Writes PEMs into a file in the lab folder and returns its path. */
  writePem(name: string, pems: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-lab-'));
  const families: Lab['families'] = {};
  for (const [name, spec] of Object.entries(FAMILIES)) {
    const root = await issue({ subject: spec.root, alg: spec.rootAlg, ca: true });
    families[name] = { root, intermediate: await issue({ subject: spec.intermediate, alg: spec.intermediateAlg, ca: true, issuer: root }) };
  }
  const sites = options.sites ?? LAB_SITES;
  const origins = await Promise.all(
    sites.map(async (site) => {
      const family = families[site.family]!;
      const leaf = await issue({ subject: `CN=${site.host}`, hosts: [site.host], issuer: family.intermediate, alg: site.leafAlg });
      return startOrigin({
        host: site.host,
        certChainPem: leaf.pem + family.intermediate.pem,
        keyPem: leaf.keyPem,
        delayMs: options.originDelayMs,
      });
    }),
  );
  const publicRootsFile = path.join(dir, 'public-roots.pem');
  await writeFile(
    publicRootsFile,
    Object.values(families)
      .map((f) => f.root.pem)
      .join(''),
  );
  const upstream = new Map(origins.map((o) => [`${o.host}:443`, { host: LOOPBACK, port: o.port }]));
  const connectTo = origins.map((o) => `${o.host}:443:${LOOPBACK}:${o.port}`);
  const proxies: LabProxy[] = [];

  return {
    dir,
    publicRootsFile,
    families,
    origins,
    hosts: origins.map((o) => o.host),
    connectTo,
    connectToArgs: connectTo.flatMap((c) => ['--connect-to', c]),
    connectToMappings: connectTo.map((c) => {
      const parsed = parseConnectTo(c);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    }),
    upstream,
    startProxy: async (proxyOptions = {}) => {
      const proxy = await startProxy({ upstream, upstreamCa: Object.values(families).map((f) => f.root.pem), ...proxyOptions });
      proxies.push(proxy);
      return proxy;
    },
    writePem: async (name, pems) => {
      const file = path.join(dir, name);
      await writeFile(file, pems.join(''));
      return file;
    },
    close: async () => {
      await Promise.all([...proxies.map((p) => p.close()), ...origins.map((o) => o.close())]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
