import type { ValidInput } from '../../../shared/api/schemas.js';
import type { CheckResult } from '../../../shared/diagnose.js';
import { fail, failAt, ok, type Result } from '../../../shared/result.js';
import { isValidHostName, parseTarget } from '../../../shared/targets.js';
import { checkHost } from '../diagnose/check.js';
import type { OperationContext } from './context.js';
import { resolveProbeOptions } from './probe-options.js';
import { clientCertProblem } from '../diagnose/client-cert-files.js';

/** Diagnoses one endpoint's chain; an unreachable endpoint is a result (with its error), not a failure. */
export async function checkOperation(input: ValidInput<'check'>, ctx: OperationContext): Promise<Result<CheckResult>> {
  const target = parseTarget(input.host);
  if (!target.ok) return failAt(target.error, 'host');
  if (typeof input.sni === 'string' && !isValidHostName(input.sni))
    return fail('bad-input', `"${input.sni}" is not a host name`, 'sni', { key: 'not-host-name', params: { value: input.sni } });
  if (Boolean(input.clientCertFile) !== Boolean(input.clientKeyFile))
    return fail('bad-input', 'a client certificate and its key go together', input.clientCertFile ? 'clientKeyFile' : 'clientCertFile', {
      key: 'cert-key-pair',
      params: {},
    });
  if (input.clientCertFile && input.clientKeyFile) {
    const problem = await clientCertProblem(input.clientCertFile, input.clientKeyFile);
    if (problem) return fail('bad-input', problem.message, problem.field);
  }
  const { host: _host, sni, caFile, clientCertFile, clientKeyFile, ...probe } = input;
  const options = await resolveProbeOptions({ ...probe, targets: target.value.host }, ctx);
  if (!options.ok) return options;
  const result = await checkHost({
    ...options.value,
    target: target.value,
    sni,
    caFile,
    clientCert: clientCertFile && clientKeyFile ? { certFile: clientCertFile, keyFile: clientKeyFile } : undefined,
  });
  ctx.log.log('info', `check ${input.host}: ${result.error ? result.error.code : `${result.findings.length} findings`}`);
  return ok(result);
}
