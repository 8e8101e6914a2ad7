import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveConnectTo } from '../../../shared/connect-to.js';
import { parseCertificates } from '../../core/cert/x509.js';
import { detect, loadTrustInputs } from '../../core/detect.js';
import { EXPORT_FILES } from '../../core/export/write.js';
import { proxyForTarget } from '../../core/proxy/select.js';
import { checkTools, type ToolCheck } from '../../core/verify/tools.js';
import { verifyTargets } from '../../core/verify/targets.js';
import { DETECT_FLAGS, DETECT_FLAGS_HELP, detectOptionsFrom } from '../detect-flags.js';
import { progressLine } from '../format/detect-text.js';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo } from '../io.js';
import { parseFlags } from '../parse-flags.js';

export const VERIFY_HELP = `Usage: ca-bridge verify --dir DIR [detect options] [--json]

Proves that an export works: re-probes the sites and checks each chain with the public roots plus
DIR/corporate-ca.pem (what NODE_EXTRA_CA_CERTS does) and with DIR/ca-bundle.pem alone (what the
REPLACE settings do). Then runs a real request with each tool found on this machine (node, python3,
python3 requests, curl, git, openssl) through the same proxy, with the tool's own setting pointed at
the export.

  --dir DIR    the folder ca-bridge export wrote
${DETECT_FLAGS_HELP}

Exit status: 0 when everything that could run passed, 1 when anything failed, 2 bad usage.
`;

const FLAGS = { ...DETECT_FLAGS, dir: { type: 'string' } } as const;

async function loadExportFile(dir: string, name: string) {
  const file = path.resolve(dir, name);
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    throw new UsageError(`${file} cannot be read: run "ca-bridge export --out ${dir}" first`);
  }
  const parsed = parseCertificates(data);
  if (parsed.certs.length === 0) throw new UsageError(`${file} holds no certificate`);
  return { file, certs: parsed.certs };
}

const mark = (r: string) => ({ pass: 'PASS', fail: 'FAIL', error: 'n/a ', 'not-found': 'absent', skipped: 'skip' })[r] ?? r;

export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, FLAGS);
  if (values.help) return (io.stdout(VERIFY_HELP), EXIT_OK);
  if (!values.dir) throw new UsageError('--dir DIR is required (the folder ca-bridge export wrote)');
  const options = detectOptionsFrom(values, io.env);
  const [corporate, bundle] = await Promise.all([loadExportFile(values.dir, EXPORT_FILES.caPem), loadExportFile(values.dir, EXPORT_FILES.bundle)]);
  const trust = await loadTrustInputs(options);
  const detection = await detect(options, (e) => io.stderr(progressLine(e.target, e.done, e.total) + '\n'), trust);
  const targets = verifyTargets(detection, trust.publicRoots, corporate.certs, bundle.certs);

  // Tools make one real request each, to a site the proxy inspects (else any reachable one).
  const subject = detection.targets.find((t) => t.status === 'inspected') ?? detection.targets.find((t) => t.status === 'clean');
  let tools: ToolCheck[] = [];
  if (subject) {
    const proxy = proxyForTarget(options.proxy, subject, options.env);
    const dialed = resolveConnectTo(subject, options.connectTo);
    tools = await checkTools({
      target: { host: subject.host, port: subject.port },
      proxy: proxy.ok ? proxy.value : null,
      dial: proxy.ok && !proxy.value && (dialed.host !== subject.host || dialed.port !== subject.port) ? dialed : null,
      files: { caPem: corporate.file, bundle: bundle.file },
      timeoutMs: options.timeoutMs,
      env: io.env,
    });
  }

  const ran = [...targets.flatMap((t) => [t.extraCa, t.bundle]), ...tools.map((t) => t.result)];
  const failed = ran.includes('fail');
  const passedSomething = ran.includes('pass');
  const code = !failed && passedSomething ? EXIT_OK : EXIT_FAILED;

  if (values.json) {
    io.stdout(JSON.stringify({ dir: path.resolve(values.dir), verdict: detection.verdict, toolTarget: subject ? `${subject.host}:${subject.port}` : null, targets, tools }, null, 2) + '\n');
    return code;
  }
  const lines = ['', `Sites (extra = public roots + ${EXPORT_FILES.caPem}; bundle = ${EXPORT_FILES.bundle} alone):`];
  for (const t of targets) lines.push(`  ${`${t.host}:${t.port}`.padEnd(28)} extra ${mark(t.extraCa)}  bundle ${mark(t.bundle)}${t.error ? `  ${t.error}` : ''}`);
  lines.push(subject ? `Tools (one request each to ${subject.host}):` : 'Tools: not run, no site could be reached.');
  for (const t of tools) lines.push(`  ${t.name.padEnd(18)} ${t.setting.padEnd(20)} ${mark(t.result)}${t.error ? `  ${t.error}` : ''}`);
  lines.push('', code === EXIT_OK ? 'Everything that could run passed.' : passedSomething ? 'Some checks FAILED: see above.' : 'Nothing could be verified: no site was reachable.');
  io.stdout(lines.join('\n') + '\n');
  return code;
}
