import type { VerifyOutcome } from '../../../shared/api/results.js';
import { MESSAGES } from '../../../shared/i18n/index.js';
import { provenSentences, toolSettingSentences } from '../../../shared/verify-words.js';
import { EXPORT_FILES } from '../../core/export/write.js';
import { DETECT_FLAGS, DETECT_FLAGS_HELP, probeInputFromFlags } from '../detect-flags.js';
import { progressLine } from '../format/detect-text.js';
import { proxyAdviceText } from '../format/proxy-advice-text.js';
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';
import { checkInput, cliContext, runForCli } from '../run-operation.js';

export const VERIFY_HELP = `Usage: ca-bridge verify --dir DIR [detect options] [--json]

Proves that an export works: re-probes the sites and checks each chain with the public roots plus
DIR/corporate-ca.pem (what NODE_EXTRA_CA_CERTS does) and with DIR/ca-bundle.pem alone (what the
REPLACE settings do). Then runs a real request with each tool found on this machine through the same
proxy, in your own configuration (environment, HOME, settings files at every level, this folder's
project files) plus the session settings "ca-bridge snippets" prints, and the same request again with a
CA generated to be wrong (the negative control). A tool that passes its control is never a PASS: it is
"verification switched off" (the setting is named), "passes by your own setting", or "not proven".

  --dir DIR    the folder ca-bridge export wrote
  --relay URL  run the tools through a local relay (px, cntlm) at http://HOST:PORT, which signs in to the
               proxy for them; the sites are still checked through the proxy itself
${DETECT_FLAGS_HELP}

A tool that cannot sign in to the proxy (it offers NTLM or Negotiate and the tool speaks only Basic; only curl
and git have their own NTLM) is shown PROXY-AUTH: the CA is fine, the tool needs a relay. Tools get your
credentials only in a scheme the proxy offered and they can speak, never as Basic beside NTLM/Negotiate.

Exit status: 0 when everything that could run passed, 1 when any site or tool failed, has verification
switched off, is not proven or cannot sign in to the proxy (PROXY-AUTH), 2 bad usage.
`;

const FLAGS = { ...DETECT_FLAGS, dir: { type: 'string' }, relay: { type: 'string' } } as const;

type Mark = VerifyOutcome['targets'][number]['extraCa'] | VerifyOutcome['tools'][number]['result'];
/** Every result verify can give has its word: a new one does not build until it is named here. */
const MARKS = {
  pass: 'PASS',
  fail: 'FAIL',
  error: 'n/a ',
  'not-found': 'absent',
  skipped: 'skip',
  'verification-off': 'VERIFICATION OFF',
  'pass-by-user-setting': 'PASS (your setting)',
  unproven: 'NOT PROVEN',
  'not-configured': 'not configured',
  'proxy-auth': 'PROXY-AUTH',
} as const satisfies Record<Mark, string>;
const mark = (r: Mark) => MARKS[r];

export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(VERIFY_HELP), EXIT_OK);
  const input = await checkInput('verify', {
    ...probeInputFromFlags(values, io.env),
    dir: values.dir,
    ...(values.relay ? { relay: values.relay } : {}),
  });
  const context = cliContext(io, {
    progress: (e) => e.type === 'detect-progress' && io.stderr(progressLine(e.target, e.done, e.total) + '\n'),
  });
  const result = await runForCli('verify', input, io, context);
  if (!result.ok) return (io.stderr(`ca-bridge verify: ${result.error.message}\n`), EXIT_FAILED);
  const { dir, verdict, targets, tools, toolTarget, passed, checkedSomething, proven, cause, proxyAdvice = [] } = result.value;
  const code = passed ? EXIT_OK : EXIT_FAILED;
  if (values.json) {
    io.stdout(JSON.stringify({ dir, verdict, toolTarget, targets, tools, proven, passed, cause, proxyAdvice }, null, 2) + '\n');
    return code;
  }
  // The CLI's verify report is English, as the rest of it; the page words the same codes in both languages.
  const words = MESSAGES.en.verifySettings;
  const lines = ['', `Sites (extra = public roots + ${EXPORT_FILES.caPem}; bundle = ${EXPORT_FILES.bundle} alone):`];
  for (const t of targets)
    lines.push(`  ${`${t.host}:${t.port}`.padEnd(28)} extra ${mark(t.extraCa)}  bundle ${mark(t.bundle)}${t.error ? `  ${t.error}` : ''}`);
  if (proven) {
    const said = provenSentences(proven, words);
    lines.push(said.heading, ...said.vars.map((v) => `  ${v}`), ...said.notes.map((n) => `  ${n}`));
  }
  lines.push(toolTarget ? `Tools (one request each to ${toolTarget}):` : 'Tools: not run, no site could be reached.');
  for (const t of tools) {
    lines.push(`  ${t.name.padEnd(18)} ${t.setting.padEnd(20)} ${mark(t.result)}${t.error ? `  ${t.error}` : ''}`);
    for (const sentence of toolSettingSentences(t, words)) lines.push(`      ${sentence}`);
  }
  lines.push(
    '',
    passed
      ? 'Everything that could run passed.'
      : cause === 'proxy-auth'
        ? 'The CA is fine; the tools marked PROXY-AUTH cannot sign in to the proxy. Next step: run them through a local relay (px or cntlm, below), then verify again with --relay http://127.0.0.1:PORT.'
        : checkedSomething
          ? 'Some checks FAILED: see above.'
          : 'Nothing could be verified: no site was reachable.',
  );
  if (tools.some((t) => t.result === 'proxy-auth') && proxyAdvice.length) lines.push('', ...proxyAdviceText(proxyAdvice));
  io.stdout(lines.join('\n') + '\n');
  return code;
}
