import type { CheckResult } from '../../../shared/diagnose.js';
import { messagesFor } from '../language.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags, wholeNumberFlag } from '../parse-flags.js';
import { fill } from '../../../shared/i18n/fill.js';
import { proxyCredentialLines } from '../format/proxy-credentials-text.js';
import { proxyNoteText } from '../format/proxy-source-text.js';
import { proxyCredentialsFrom } from '../proxy-password.js';
import { checkInput, runForCli } from '../run-operation.js';
import { insecureSettingsLine } from '../format/insecure-settings-line.js';

export const CHECK_HELP = `Usage: ca-bridge check HOST[:PORT] [--sni NAME | --no-sni] [--connect-to H:P:A:AP]... [--proxy URL|direct|system|pac+URL] [--proxy-user DOMAIN\\user]
                       [--confirm-proxy HOST:PORT]... [--ca FILE] [--client-cert FILE --client-key FILE]
                       [--public-roots FILE] [--trust-store PATH] [--timeout MS] [--json]

Diagnoses one TLS endpoint: shows the presented chain and lists findings (expired, not-yet-valid,
expiring-soon, clock-skew, hostname-mismatch, incomplete-chain, self-signed, untrusted-root, inspected,
sni-dependent, weak-signature, weak-key, client-cert-required, ca-file, ok), each with its fix.

--confirm-proxy HOST:PORT sends the credentials to a proxy that only a WPAD file found on the network names
(as for detect); the output says which proxy received them and in which scheme.

Exit status: 0 when the endpoint was reached (whatever the findings), 1 when it could not be, 2 bad usage.
`;

const FLAGS = {
  sni: { type: 'string' },
  'no-sni': { type: 'boolean' },
  'connect-to': { type: 'string', multiple: true },
  proxy: { type: 'string' },
  'proxy-user': { type: 'string' },
  'confirm-proxy': { type: 'string', multiple: true },
  ca: { type: 'string' },
  'client-cert': { type: 'string' },
  'client-key': { type: 'string' },
  'public-roots': { type: 'string' },
  'trust-store': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const yesNo = (trusted: boolean) => (trusted ? 'yes' : 'no');
const SEVERITY = { error: 'ERROR  ', warning: 'WARNING', info: 'info   ' } as const;

/** The proxy setting's notes (a PAC file that failed, so the check went direct) in the user's language. */
function proxyNoteLines(io: CliIo, result: CheckResult): string[] {
  const w = messagesFor(io.lang ?? 'en');
  return (result.proxyNotes ?? []).map((note) => fill(w.cli.detect.note, { note: proxyNoteText(w, note) }));
}

function text(result: CheckResult, io: CliIo): string {
  const lines = [
    `${result.host}:${result.port}  SNI: ${result.sni ?? '(none)'}  via ${result.proxy ?? 'direct connection'}  ` +
      `${result.protocol ?? ''} ${result.cipher ?? ''}`,
    ...proxyNoteLines(io, result),
    ...proxyCredentialLines(messagesFor('en'), result.proxyCredentials),
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
    `Trusted by: public roots ${yesNo(result.trust.publicRoots)}, OS trust store ${yesNo(result.trust.trustStore)}` +
      (result.trust.ca === null ? '' : `, --ca ${yesNo(result.trust.ca)}`),
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
  if (values.sni !== undefined && values['no-sni']) throw new UsageError('--sni and --no-sni exclude each other');
  const credentials = proxyCredentialsFrom(values['proxy-user'], io.env);
  const input = await checkInput('check', {
    host: positionals[0],
    ...(credentials ? { proxyUser: credentials.user, proxyPassword: credentials.password } : {}),
    ...(values['confirm-proxy']?.length ? { confirmProxy: values['confirm-proxy'] } : {}),
    sni: values['no-sni'] ? null : values.sni,
    proxy: values.proxy,
    connectTo: values['connect-to'],
    timeoutMs: wholeNumberFlag('timeout', values.timeout),
    publicRootsFile: values['public-roots'],
    trustStorePath: values['trust-store'],
    caFile: values.ca,
    clientCertFile: values['client-cert'],
    clientKeyFile: values['client-key'],
  });
  const outcome = await runForCli('check', input, io);
  if (!outcome.ok) return (io.stderr(`ca-bridge check: ${outcome.error.message}\n`), EXIT_FAILED);
  const result = outcome.value;
  if (values.json) io.stdout(JSON.stringify({ ...result, chain: result.chain.map(({ pem: _pem, ...c }) => c) }, null, 2) + '\n');
  else if (result.error)
    io.stderr(
      [
        `ca-bridge check: ${result.error.code}: ${result.error.message}`,
        ...proxyNoteLines(io, result),
        ...proxyCredentialLines(messagesFor('en'), result.proxyCredentials),
      ].join('\n') + '\n',
    );
  else io.stdout(text(result, io));
  const insecure = values.json ? null : await insecureSettingsLine(io);
  if (insecure) io.stdout(`${insecure}\n`);
  return result.error ? EXIT_FAILED : EXIT_OK;
}
