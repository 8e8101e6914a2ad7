import type { Lab } from './lab.js';

/**
 * The CLI flags that point a command at the lab: its sites, through `proxyUrl`, judged against the lab's
 * public roots and `store` (never the machine's). Written once for the tests and benches that run the CLI.
 */
export const labProbeArgs = (lab: Lab, proxyUrl: string, store: string): string[] => [
  '--targets',
  lab.hosts.join(','),
  '--proxy',
  proxyUrl,
  '--public-roots',
  lab.publicRootsFile,
  '--trust-store',
  store,
];
