import type { CheckResult } from '../../../shared/diagnose.js';
import { PROBE_LIMITS } from '../../../shared/api/limits.js';
import { fill } from '../../../shared/i18n/fill.js';
import type { Messages } from '../language.js';
import { EXIT_FAILED, EXIT_OK, UsageError, wordsFor, type CliIo } from '../io.js';
import { findingDetail, FINDING_CODES } from '../../../shared/i18n/finding-detail.js';
import { optionsHelp, parseFlags, wholeNumberFlag } from '../parse-flags.js';
import { proxyCredentialLines } from '../format/proxy-credentials-text.js';
import { proxyNoteText } from '../format/proxy-source-text.js';
import { proxyCredentialsFrom } from '../proxy-password.js';
import { checkInput, errorText, runForCli } from '../run-operation.js';
import { insecureSettingsLine } from '../format/insecure-settings-line.js';
import { reasonText } from '../format/detect-text.js';

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

export const checkHelp = (w: Messages) =>
  fill(w.cli.help.check, {
    findings: FINDING_CODES.join(', '),
    options: optionsHelp(w, FLAGS, { timeout: PROBE_LIMITS.timeoutMs.default }),
  });

/** The proxy setting's notes (a PAC file that failed, so the check went direct) in the user's language. */
function proxyNoteLines(w: Messages, result: CheckResult): string[] {
  return (result.proxyNotes ?? []).map((note) => fill(w.cli.detect.note, { note: proxyNoteText(w, note) }));
}

function text(w: Messages, result: CheckResult): string {
  const c = w.cli.check;
  const yesNo = (trusted: boolean) => (trusted ? w.cli.detect.yes : w.cli.detect.no);
  const lines = [
    fill(c.header, {
      site: `${result.host}:${result.port}`,
      sni: result.sni ?? c.noSni,
      proxy: result.proxy ?? c.direct,
      protocol: `${result.protocol ?? ''} ${result.cipher ?? ''}`,
    }),
    ...proxyNoteLines(w, result),
    ...proxyCredentialLines(w, result.proxyCredentials),
    '',
    c.chain,
  ];
  result.chain.forEach((cert, i) => {
    lines.push(`  [${i}] ${cert.subject}`, fill(c.issuer, { value: cert.issuer }));
    if (cert.subjectAltNames.length) lines.push(fill(c.names, { value: cert.subjectAltNames.join(', ') }));
    lines.push(
      fill(c.valid, { from: cert.notBefore, to: cert.notAfter }),
      fill(c.key, {
        key: `${cert.keyType.toUpperCase()} ${cert.keyBits ?? ''}${cert.curve ? ` (${cert.curve})` : ''}`,
        signature: cert.signatureAlgorithm,
      }),
      fill(c.fingerprint, { value: cert.fingerprint256 }),
    );
  });
  lines.push(
    '',
    fill(c.trusted, { publicRoots: yesNo(result.trust.publicRoots), trustStore: yesNo(result.trust.trustStore) }) +
      (result.trust.ca === null ? '' : fill(c.trustedCa, { ca: yesNo(result.trust.ca) })),
    '',
    c.findings,
  );
  for (const f of result.findings)
    lines.push(
      fill(c.finding, {
        severity: w.cli.severity[f.severity].padEnd(Math.max(...Object.values(w.cli.severity).map((s) => s.length))),
        title: w.finding[f.code],
        code: f.code,
        cert: f.certIndex === null ? '' : ` [${f.certIndex}]`,
        message: findingDetail(w, f),
      }),
    );
  return lines.join('\n') + '\n';
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const w = wordsFor(io);
  const { values, positionals } = parseFlags(args, FLAGS, true);
  if (values.help) return (io.stdout(checkHelp(w)), EXIT_OK);
  if (positionals.length !== 1)
    throw new UsageError((m) =>
      positionals.length === 0 ? m.cli.usageError.noHost : fill(m.cli.usageError.oneHost, { hosts: positionals.join(' ') }),
    );
  if (values.sni !== undefined && values['no-sni']) throw new UsageError((m) => m.cli.usageError.sniExclusive);
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
  if (!outcome.ok) return (io.stderr(`ca-bridge check: ${errorText(w, outcome.error)}\n`), EXIT_FAILED);
  const result = outcome.value;
  if (values.json) io.stdout(JSON.stringify({ ...result, chain: result.chain.map(({ pem: _pem, ...c }) => c) }, null, 2) + '\n');
  else if (result.error)
    io.stderr(
      [
        `ca-bridge check: ${fill(w.cli.check.unreachable, { reason: reasonText(w, result.error), message: result.error.message })}`,
        ...proxyNoteLines(w, result),
        ...proxyCredentialLines(w, result.proxyCredentials),
      ].join('\n') + '\n',
    );
  else io.stdout(text(w, result));
  const insecure = values.json ? null : await insecureSettingsLine(io);
  if (insecure) io.stdout(`${insecure}\n`);
  return result.error ? EXIT_FAILED : EXIT_OK;
}
