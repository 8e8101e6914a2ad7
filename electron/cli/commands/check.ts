import { access } from 'node:fs/promises';
import { parseConnectTo } from '../../../shared/connect-to.js';
import type { CheckResult } from '../../../shared/diagnose.js';
import { isValidHostName, parseTarget } from '../../../shared/targets.js';
import { checkHost } from '../../core/diagnose/check.js';
import { parseProxyChoice } from '../../core/proxy/select.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { integerFlag, parseFlags } from '../parse-flags.js';
import { proxyCredentialsFrom } from '../proxy-password.js';

export const CHECK_HELP = `Usage: ca-bridge check HOST[:PORT] [--sni NAME | --no-sni] [--connect-to H:P:A:AP]... [--proxy URL|direct|system|pac+URL] [--proxy-user DOMAIN\\user]
                       [--ca FILE] [--client-cert FILE --client-key FILE]
                       [--public-roots FILE] [--trust-store PATH] [--timeout MS] [--json]

Diagnoses one TLS endpoint: shows the presented chain and lists findings (expired, not-yet-valid,
expiring-soon, clock-skew, hostname-mismatch, incomplete-chain, self-signed, untrusted-root, inspected,
sni-dependent, weak-signature, weak-key, client-cert-required, ca-file, ok), each with its fix.

Exit status: 0 when the endpoint was reached (whatever the findings), 1 when it could not be, 2 bad usage.
`;

const FLAGS = {
  sni: { type: 'string' },
  'no-sni': { type: 'boolean' },
  'connect-to': { type: 'string', multiple: true },
  proxy: { type: 'string' },
  'proxy-user': { type: 'string' },
  ca: { type: 'string' },
  'client-cert': { type: 'string' },
  'client-key': { type: 'string' },
  'public-roots': { type: 'string' },
  'trust-store': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const mustExist = async (flag: string, file: string | undefined) => {
  if (file)
    await access(file).catch(() => {
      throw new UsageError(`--${flag} ${file}: no such file or not readable`);
    });
};

const SEVERITY = { error: 'ERROR  ', warning: 'WARNING', info: 'info   ' } as const;

function text(result: CheckResult): string {
  const lines = [
    `${result.host}:${result.port}  SNI: ${result.sni ?? '(none)'}  via ${result.proxy ?? 'direct connection'}  ${result.protocol ?? ''} ${result.cipher ?? ''}`,
    '',
    'Chain as presented:',
  ];
  result.chain.forEach((c, i) => {
    lines.push(`  [${i}] ${c.subject}`, `      issuer:    ${c.issuer}`);
    if (c.subjectAltNames.length) lines.push(`      names:     ${c.subjectAltNames.join(', ')}`);
    lines.push(
      `      valid:     ${c.notBefore} → ${c.notAfter}`,
      `      key:       ${c.keyType.toUpperCase()} ${c.keyBits ?? ''}${c.curve ? ` (${c.curve})` : ''}, signed ${c.signatureAlgorithm}`,
      `      SHA-256:   ${c.fingerprint256}`,
    );
  });
  lines.push(
    '',
    `Trusted by: public roots ${result.trust.publicRoots ? 'yes' : 'no'}, OS trust store ${result.trust.trustStore ? 'yes' : 'no'}${result.trust.ca === null ? '' : `, --ca ${result.trust.ca ? 'yes' : 'no'}`}`,
    '',
    'Findings:',
  );
  for (const f of result.findings)
    lines.push(`  ${SEVERITY[f.severity]} ${f.code}${f.certIndex === null ? '' : ` [${f.certIndex}]`}: ${f.message}`);
  return lines.join('\n') + '\n';
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS, true);
  if (values.help) return (io.stdout(CHECK_HELP), EXIT_OK);
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'give the HOST[:PORT] to check' : `one host at a time (got ${positionals.join(' ')})`);
  const target = parseTarget(positionals[0]!);
  if (!target.ok) throw new UsageError(target.error.message);
  if (values.sni !== undefined && values['no-sni']) throw new UsageError('--sni and --no-sni exclude each other');
  if (values.sni !== undefined && !isValidHostName(values.sni)) throw new UsageError(`--sni "${values.sni}" is not a host name`);
  if (Boolean(values['client-cert']) !== Boolean(values['client-key'])) throw new UsageError('--client-cert and --client-key go together');
  await mustExist('client-cert', values['client-cert']);
  await mustExist('client-key', values['client-key']);
  const connectTo = (values['connect-to'] ?? []).map((spec) => {
    const parsed = parseConnectTo(spec);
    if (!parsed.ok) throw new UsageError(parsed.error.message);
    return parsed.value;
  });
  const proxy = parseProxyChoice(values.proxy, proxyCredentialsFrom(values['proxy-user'], io.env));
  if (!proxy.ok) throw new UsageError(`--proxy: ${proxy.error.message}`);
  const result = await checkHost({
    target: target.value,
    sni: values['no-sni'] ? null : values.sni,
    proxy: proxy.value,
    connectTo,
    timeoutMs: integerFlag('timeout', values.timeout, 100, 600_000, 10_000),
    env: io.env,
    publicRootsFile: values['public-roots'],
    trustStorePath: values['trust-store'],
    caFile: values.ca,
    clientCert: values['client-cert'] ? { certFile: values['client-cert'], keyFile: values['client-key']! } : undefined,
  });
  if (values.json) io.stdout(JSON.stringify({ ...result, chain: result.chain.map(({ pem: _pem, ...c }) => c) }, null, 2) + '\n');
  else if (result.error) io.stderr(`ca-bridge check: ${result.error.code}: ${result.error.message}\n`);
  else io.stdout(text(result));
  return result.error ? EXIT_FAILED : EXIT_OK;
}
