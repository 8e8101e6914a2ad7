/**
 * Resolving inspected chains against a large store (managed Windows machines hold thousands of
 * certificates): the store is indexed by subject, so each lookup is a map hit plus one signature check.
 */
import { webcrypto, X509Certificate } from 'node:crypto';
import { findPath } from '../../electron/core/trust/chain.js';
import { TrustSet } from '../../electron/core/trust/trust-set.js';
import { issue, makeKeys } from '../lab/pki.js';

const STORE_SIZE = 10_000;
const CHAINS = 10;

export async function storeBench(): Promise<string[]> {
  const fillerKeys = await makeKeys('ecdsa');
  const started = performance.now();
  const filler: X509Certificate[] = [];
  for (let i = 0; i < STORE_SIZE - 2; i++) {
    filler.push(
      new X509Certificate(
        (await issue({ subject: `CN=Filler Root ${i}, O=Bench ${webcrypto.randomUUID()}`, ca: true, keys: fillerKeys })).pem,
      ),
    );
  }
  const generated = performance.now() - started;
  const root = await issue({ subject: 'CN=Corp Root', ca: true });
  const mid = await issue({ subject: 'CN=Corp Issuing', ca: true, issuer: root });
  const leaves = await Promise.all(
    Array.from({ length: CHAINS }, (_, i) => issue({ subject: `CN=site${i}.example`, hosts: [`site${i}.example`], issuer: mid })),
  );

  const indexStart = performance.now();
  const anchors = new TrustSet(
    'bench anchors',
    [...filler, new X509Certificate(root.pem)].map((cert) => ({ cert, source: 'bench' })),
  );
  const intermediates = new TrustSet('bench intermediates', [{ cert: new X509Certificate(mid.pem), source: 'bench' }]);
  const indexMs = performance.now() - indexStart;

  const resolveStart = performance.now();
  for (const leaf of leaves) {
    const found = findPath([new X509Certificate(leaf.pem)], anchors, intermediates);
    if (!found.anchor) throw new Error('bench chain did not resolve');
  }
  const resolveMs = performance.now() - resolveStart;
  return [
    `store: ${anchors.size + intermediates.size} certificates (generated in ${(generated / 1000).toFixed(1)} s, not timed below)`,
    `  index build:              ${indexMs.toFixed(1)} ms`,
    `  resolve ${CHAINS} chains (leaf only, intermediate from the store): ${resolveMs.toFixed(1)} ms  (target well under 1000 ms: ${resolveMs < 1000 ? 'met' : 'MISSED'})`,
  ];
}
