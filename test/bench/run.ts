/** `npm run bench`: performance figures, measured rather than asserted by timed tests. */
import { cliBench } from './cli-bench.js';
import { detectBench } from './detect-bench.js';
import { explainBench } from './explain-bench.js';
import { hostileBench } from './hostile-bench.js';
import { ntlmBench } from './ntlm-bench.js';
import { pacHostileBench } from './pac-hostile-bench.js';
import { proxyKindsBench } from './proxy-kinds-bench.js';
import { statusBench } from './status-bench.js';
import { storeBench } from './store-bench.js';
import { verifyBench } from './verify-bench.js';

const sections: (() => Promise<string[]>)[] = [
  cliBench,
  detectBench,
  storeBench,
  hostileBench,
  pacHostileBench,
  explainBench,
  ntlmBench,
  proxyKindsBench,
  verifyBench,
  statusBench,
];
for (const section of sections) console.log((await section()).join('\n') + '\n');
