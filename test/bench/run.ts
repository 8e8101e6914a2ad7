/** `npm run bench`: performance figures, measured rather than asserted by timed tests. */
import { detectBench } from './detect-bench.js';
import { explainBench } from './explain-bench.js';
import { storeBench } from './store-bench.js';

const sections: (() => Promise<string[]>)[] = [detectBench, storeBench, explainBench];
for (const section of sections) console.log((await section()).join('\n') + '\n');
