import path from 'node:path';
import type { VerifyOutcome } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { fail, failAt, ok, type Result } from '../../../shared/result.js';
import { detect, loadTrustInputs } from '../detect.js';
import { parseProxyUrl, type ProxySpec } from '../proxy/proxy-url.js';
import { LedgerError, ledgerPath } from '../ledger/ledger-file.js';
import { appliedState } from '../verify/applied-state.js';
import { readExportFiles, runVerify, type ProveChoice } from '../verify/run-verify.js';
import type { OperationContext } from './context.js';
import { resolveProbeOptions } from './probe-options.js';

/** A relay is a plain HTTP proxy that signs in for the tools: it needs no credentials of ours. */
function parseRelay(url: string): Result<ProxySpec> {
  const spec = parseProxyUrl(url);
  if (!spec.ok) return spec;
  if (spec.value.scheme !== 'http')
    return fail('bad-proxy', 'a relay is given as http://host:port (px and cntlm listen as HTTP proxies)', undefined, {
      key: 'relay-http',
      params: {},
    });
  if (spec.value.auth)
    return fail('bad-proxy', 'a relay signs in for the tools: give it without a user or password', undefined, {
      key: 'relay-auth',
      params: {},
    });
  return ok(spec.value);
}

/**
 * What is proven: the applied state when the ledger of this HOME records one (or when asked), else the
 * session snippet. A ledger that cannot be read leaves the applied state unknown: asked for, that is an
 * error; by default the snippet is proven and the ledger named as unread.
 */
async function proveChoice(prove: 'applied' | 'session' | undefined, env: NodeJS.ProcessEnv): Promise<Result<ProveChoice>> {
  const chosenBy = prove ? 'flag' : 'ledger';
  if (prove === 'session') return ok({ kind: 'session-snippet', chosenBy, unread: [] });
  try {
    const state = await appliedState(env);
    if (state) return ok({ kind: 'applied', chosenBy, state });
    // Asked for, with nothing applied: every tool is "not configured", which is the truth of that state.
    if (prove === 'applied')
      return ok({ kind: 'applied', chosenBy, state: { vars: {}, fileRows: new Map(), applied: [], unread: [], later: [], removed: [] } });
    return ok({ kind: 'session-snippet', chosenBy, unread: [] });
  } catch (error) {
    if (!(error instanceof LedgerError)) throw error;
    if (prove === 'applied')
      return fail('unsupported', `the applied state is unknown: ${error.message}`, 'prove', {
        key: 'prove-applied-unknown',
        params: { file: ledgerPath(env) },
      });
    return ok({ kind: 'session-snippet', chosenBy, unread: [{ file: ledgerPath(env), problem: 'unreadable' }] });
  }
}

/** Re-probes the sites, judges each chain with the export, then runs each installed tool against it. */
export async function verifyOperation(input: ValidInput<'verify'>, ctx: OperationContext): Promise<Result<VerifyOutcome>> {
  const { dir, relay: relayUrl, prove, ...probe } = input;
  const options = await resolveProbeOptions(probe, ctx);
  if (!options.ok) return options;
  const relay = relayUrl === undefined ? ok(null) : parseRelay(relayUrl);
  if (!relay.ok) return failAt(relay.error, 'relay');
  const files = await readExportFiles(dir, ctx.signal);
  if (!files.ok) return failAt(files.error, 'dir');
  const choice = await proveChoice(prove, options.value.env);
  if (!choice.ok) return choice;
  const trust = await loadTrustInputs(options.value);
  const detection = await detect(
    options.value,
    (e) => ctx.emit({ type: 'detect-progress', done: e.done, total: e.total, target: e.target }),
    trust,
  );
  const report = await runVerify(
    detection,
    trust,
    files.value,
    options.value,
    (tool, done, total) => ctx.emit({ type: 'verify-progress', done, total, tool }),
    relay.value,
    choice.value,
  );
  ctx.log.log('info', `verify: ${report.passed ? 'passed' : 'not passed'} (${report.tools.length} tools)`);
  return ok({ ...report, dir: path.resolve(dir), verdict: detection.verdict });
}
