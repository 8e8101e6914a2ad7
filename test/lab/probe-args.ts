import type { Lab } from './lab.js';

/**
 * The CLI flags that point a command at the lab: its sites (or the first few, `hosts`), through `proxyUrl`, judged against the lab's
 * public roots and `store` (never the machine's). Written once for the tests and benches that run the CLI.
 */
export const labProbeArgs = (lab: Lab, proxyUrl: string, store: string, hosts: readonly string[] = lab.hosts): string[] => [
  '--targets',
  hosts.join(','),
  '--proxy',
  proxyUrl,
  '--public-roots',
  lab.publicRootsFile,
  '--trust-store',
  store,
];
