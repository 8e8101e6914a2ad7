import type { CheckResult } from '../../../shared/diagnose.js';
import { fill } from '../../../shared/i18n/fill.js';
import { DETECT_HELP_PARAMS } from '../detect-flags.js';
import { EXIT_FAILED, EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import type { Messages } from '../language.js';
import { optionsHelp, parseFlags, wholeNumberFlag } from '../parse-flags.js';
import { proxyCredentialsFrom } from '../proxy-password.js';
import { checkInput, errorText, runForCli } from '../run-operation.js';

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

export const checkHelp = (w: Messages) =>
  fill(w.cli.help.check, { findings: Object.keys(w.finding).join(', '), options: optionsHelp(w, FLAGS, DETECT_HELP_PARAMS) });

function text(w: Messages, result: CheckResult): string {
  const c = w.cli.check;
  const yesNo = (trusted: boolean) => (trusted ? w.cli.detect.yes : w.cli.detect.no);
  const protocol = `${result.protocol ?? ''} ${result.cipher ?? ''}`.trim();
  const lines = [
    fill(c.header, {
      site: `${result.host}:${result.port}`,
      sni: result.sni ?? c.noSni,
      proxy: result.proxy ?? c.direct,
      protocol,
    }).trimEnd(),
    '',
    c.chain,
  ];
  result.chain.forEach((cert, i) => {
    lines.push(`  [${i}] ${cert.subject}`, fill(c.issuer, { value: cert.issuer }));
    if (cert.subjectAltNames.length) lines.push(fill(c.names, { value: cert.subjectAltNames.join(', ') }));
    const key = `${cert.keyType.toUpperCase()} ${cert.keyBits ?? ''}${cert.curve ? ` (${cert.curve})` : ''}`;
    lines.push(
      fill(c.valid, { from: cert.notBefore, to: cert.notAfter }),
      fill(c.key, { key, signature: cert.signatureAlgorithm }),
      fill(c.fingerprint, { value: cert.fingerprint256 }),
    );
  });
  const trust = fill(c.trusted, { publicRoots: yesNo(result.trust.publicRoots), trustStore: yesNo(result.trust.trustStore) });
  lines.push('', trust + (result.trust.ca === null ? '' : fill(c.trustedCa, { ca: yesNo(result.trust.ca) })), '', c.findings);
  for (const f of result.findings) {
    const cert = f.certIndex === null ? '' : ` [${f.certIndex}]`;
    lines.push(fill(c.finding, { severity: w.severity[f.severity], title: w.finding[f.code], code: f.code, cert, message: f.message }));
  }
  return lines.join('\n') + '\n';
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const { values, positionals } = parseFlags(args, FLAGS, true);
  if (values.help) return (io.stdout(checkHelp(w)), EXIT_OK);
  if (positionals.length !== 1) {
    const hosts = positionals.join(' ');
    throw new UsageError((m) => (hosts ? fill(m.cli.usageError.oneHost, { hosts }) : m.cli.usageError.noHost));
  }
  if (values.sni !== undefined && values['no-sni']) throw new UsageError((m) => m.cli.usageError.sniExclusive);
  const credentials = proxyCredentialsFrom(values['proxy-user'], io.env);
  const input = await checkInput('check', {
    host: positionals[0],
    ...(credentials ? { proxyUser: credentials.user, proxyPassword: credentials.password } : {}),
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
  if (!outcome.ok) return (io.stderr(`ca-bridge check: ${errorText(w, outcome.error)}\n`), EXIT_FAILED);
  const result = outcome.value;
  if (values.json) io.stdout(JSON.stringify({ ...result, chain: result.chain.map(({ pem: _pem, ...c }) => c) }, null, 2) + '\n');
  else if (result.error) {
    const message = w === wordsFor({ lang: 'en' }) ? result.error.message : w.reason[result.error.code];
    io.stderr(`ca-bridge check: ${fill(w.cli.check.unreachable, { code: result.error.code, message })}\n`);
  } else io.stdout(text(w, result));
  return result.error ? EXIT_FAILED : EXIT_OK;
}
