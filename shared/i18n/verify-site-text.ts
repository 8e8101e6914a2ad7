import type { VerifySiteProblem } from '../api/results.js';
import type { Messages } from './en.js';
import { fill } from './fill.js';
import { upstreamFailure } from '../upstream-failure.js';

/**
 * Why a site did not pass verify, in the user's language, for the CLI and the page alike: the probe's
 * reason (the code's words, a 407's scheme as data), or what each exported file made of the chain.
 */
export function verifySiteText(w: Messages, problem: VerifySiteProblem): string {
  if (problem.kind === 'probe') {
    const { error } = problem;
    const status = upstreamFailure(error);
    if (status !== null) return fill(w.proxyStatus.reason, { status });
    return w.reason[error.code] + (error.params?.scheme ? ` (${error.params.scheme})` : '');
  }
  const parts = [problem.extraCa && w.verifySite.extraCa[problem.extraCa], problem.bundle && w.verifySite.bundle[problem.bundle]];
  return parts.filter(Boolean).join(w.verifySite.separator);
}
