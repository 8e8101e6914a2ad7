/**
 * Hostile inputs, timed: a presented chain of one leaf and eight copies of its CA (same name and key,
 * different serials), resolved as a probe does (against the public roots and the store); and PEM
 * files of 40,000 and 200,000 BEGIN lines with no END. Before the bounds, the chain cost minutes of
 * CPU and the PEM files seconds to minutes.
 */
import { X509Certificate } from 'node:crypto';
import { readCertificateFile } from '../../electron/core/cert/import.js';
import { parseCertificates } from '../../electron/core/cert/x509.js';
import { checkChain } from '../../electron/core/trust/chain.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { parseConnectTo } from '../../shared/connect-to.js';
import { detect } from '../../electron/core/detect.js';
import { LAB_SITES, startLab } from '../lab/lab.js';
import { startOrigin } from '../lab/origin.js';
import { issue, makeKeys, type Issued } from '../lab/pki.js';

const COPIES = Number(process.env.BENCH_CHAIN_COPIES ?? 8);
const PEM_LINES = (process.env.BENCH_PEM_LINES ?? '40000,200000').split(',').map(Number);

async function copiedCaChain(copies: number): Promise<Issued[]> {
  const keys = await makeKeys('ecdsa');
  const cas: Issued[] = [];
  for (let i = 0; i < copies; i++) cas.push(await issue({ subject: 'CN=Copied CA', ca: true, keys }));
  const leaf = await issue({ subject: 'CN=hostile.example', hosts: ['hostile.example'], issuer: cas[0]! });
  return [leaf, ...cas];
}

/** The whole of detect, over TLS on loopback: the hostile site next to a good one, --timeout 2000. */
async function detectWithHostileSite(issued: Issued[]): Promise<string> {
  const lab = await startLab({ sites: LAB_SITES.slice(0, 1) });
  const hostile = await startOrigin({
    host: 'hostile.example',
    certChainPem: issued.map((c) => c.pem).join(''),
    keyPem: issued[0]!.keyPem,
  });
  try {
    const connectTo = [...lab.connectTo, `hostile.example:443:127.0.0.1:${hostile.port}`].map((c) => {
      const parsed = parseConnectTo(c);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.value;
    });
    const started = performance.now();
    const result = await detect({
      targets: [
        { host: 'hostile.example', port: 443 },
        { host: lab.hosts[0]!, port: 443 },
      ],
      proxy: { kind: 'direct' },
      connectTo,
      timeoutMs: 2000,
      concurrency: 8,
      env: {},
      publicRootsFile: lab.publicRootsFile,
      trustStorePath: lab.publicRootsFile,
    });
    const ms = performance.now() - started;
    return `  detect, that site + 1 good site, --timeout 2000: ${ms.toFixed(0)} ms  (${result.targets.map((t) => `${t.host} ${t.status}`).join(', ')})`;
  } finally {
    await hostile.close();
    await lab.close();
  }
}

const time = (work: () => void) => {
  const started = performance.now();
  work();
  return performance.now() - started;
};

export async function hostileBench(): Promise<string[]> {
  const issued = await copiedCaChain(COPIES);
  const chain = issued.map((c) => new X509Certificate(c.pem));
  const publicRoots = new TrustSet('the public roots', [
    { cert: new X509Certificate((await issue({ subject: 'CN=Public', ca: true })).pem), source: 'bench' },
  ]);
  const store = new TrustSet('the trust store');
  const chainMs = time(() => {
    checkChain(chain, publicRoots);
    checkChain(chain, store);
  });
  const lines = [
    'hostile inputs',
    `  chain of 1 leaf + ${COPIES} copies of one CA, checked against public roots and store: ${chainMs.toFixed(1)} ms`,
    await detectWithHostileSite(issued),
  ];
  for (const count of PEM_LINES) {
    const text = '-----BEGIN CERTIFICATE-----\n'.repeat(count);
    let problems = 0;
    const ms = time(() => (problems = parseCertificates(text).problems.length));
    lines.push(`  PEM of ${count} BEGIN lines and no END: ${ms.toFixed(1)} ms  (${problems} entries reported)`);
  }
  // The PKCS#7 reader scans the same way (measured here; test/hostile/pem-scan.test.ts only bounds it).
  const pkcs7 = Buffer.from('-----BEGIN PKCS7-----\n'.repeat(100_000));
  const pkcs7Ms = time(() => readCertificateFile(pkcs7));
  lines.push(`  PKCS#7 file of 100000 BEGIN lines and no END: ${pkcs7Ms.toFixed(1)} ms`);
  return lines;
}
