/**
 * macOS's own trust decision for the few CA certificates in the login and System keychains, for
 * runtimes without tls.getCACertificates('system') (Node < 22.15, so the CLI on Node 20). Without it,
 * a root installed by MDM (the one users need) would be "cannot tell".
 *
 * - `security verify-cert -c CA.pem -p ssl -l -L` asks the OS to evaluate the certificate for TLS with
 *   all trust settings applied (user, then admin, then system domain): exit 0 means trusted. `-l` lets
 *   a CA be the certificate evaluated, `-L` keeps it offline. This is the decision.
 * - `security dump-trust-settings` (user domain) and `-d` (admin domain) only explain it: which domain
 *   made a root trusted, and whether a distrusted one is marked "Never Trust" (kSecTrustSettingsResultDeny).
 *   The dump names certificates by label (the common name), so it never decides on its own.
 */
import { execFile } from 'node:child_process';
import type { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface SecurityRun {
  code: number;
  stdout: string;
  stderr: string;
}
/** Runs `/usr/bin/security` with these arguments; rejects only when it cannot run at all. */
export type SecurityRunner = (args: string[]) => Promise<SecurityRun>;

export type MacTrustDecision =
  | { trusted: true; by: 'user trust settings' | 'admin trust settings' | 'macOS' }
  | { trusted: false; neverTrust: boolean; detail: string }
  | { trusted: null; detail: string };

/** Per call; the whole evaluation is also bounded (see evaluateMacTrust). */
const COMMAND_LIMIT_MS = 10_000;
const OUTPUT_LIMIT = 4 << 20;
/** Candidates are the self-signed CAs someone added: a handful on a managed Mac. Beyond this, "cannot tell". */
export const MAX_CANDIDATES = 16;

export const runSecurity: SecurityRunner = (args) =>
  new Promise((resolve, reject) => {
    if (process.platform !== 'darwin') return reject(new Error('the security command exists only on macOS'));
    execFile('/usr/bin/security', args, { timeout: COMMAND_LIMIT_MS, maxBuffer: OUTPUT_LIMIT }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (error && typeof code !== 'number') return reject(error); // not started, killed by the time limit, output too large
      resolve({ code: typeof code === 'number' ? code : 0, stdout, stderr });
    });
  });

/** Label → the result types of its trust settings ([] = an empty settings array: always trust). Null: unreadable. */
export function parseTrustSettingsDump(run: SecurityRun): Map<string, string[]> | null {
  const text = `${run.stdout}\n${run.stderr}`;
  if (/No Trust Settings (were found|for specified domain)/i.test(text)) return new Map();
  if (run.code !== 0 || !/^Number of trusted certs = \d+/m.test(run.stdout)) return null;
  const settings = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of run.stdout.split(/\r?\n/).slice(0, 100_000)) {
    const cert = /^Cert \d+: (.*)$/.exec(line);
    if (cert) settings.set(cert[1]!.trim(), (current = settings.get(cert[1]!.trim()) ?? []));
    const result = /^\s*Result Type\s*:\s*(\S+)/.exec(line);
    if (result && current) current.push(result[1]!);
  }
  return settings;
}

/** The label `security` infers for a certificate: its common name (or the whole subject without one). */
const labelOf = (cert: X509Certificate) => /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? cert.subject.replace(/\n/g, ', ');

const pemOf = (cert: X509Certificate) =>
  `-----BEGIN CERTIFICATE-----\n${cert.raw.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;

/**
 * Decides each candidate with the OS's own evaluation. Bounded: at most MAX_CANDIDATES certificates and
 * `budgetMs` in all; what is left over is "cannot tell" with the reason.
 */
export async function evaluateMacTrust(
  candidates: X509Certificate[],
  run: SecurityRunner = runSecurity,
  budgetMs = 20_000,
): Promise<Map<X509Certificate, MacTrustDecision>> {
  const decisions = new Map<X509Certificate, MacTrustDecision>();
  const deadline = Date.now() + budgetMs;
  let user: Map<string, string[]> | null;
  let admin: Map<string, string[]> | null;
  try {
    const [userRun, adminRun] = await Promise.all([run(['dump-trust-settings']), run(['dump-trust-settings', '-d'])]);
    user = parseTrustSettingsDump(userRun);
    admin = parseTrustSettingsDump(adminRun);
  } catch (error) {
    for (const cert of candidates)
      decisions.set(cert, { trusted: null, detail: `the security command could not run: ${(error as Error).message}` });
    return decisions;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'ca-bridge-verify-'));
  try {
    for (const [index, cert] of candidates.entries()) {
      if (index >= MAX_CANDIDATES || Date.now() > deadline) {
        decisions.set(cert, { trusted: null, detail: `not evaluated: more than ${MAX_CANDIDATES} candidates or ${budgetMs / 1000} s` });
        continue;
      }
      const file = path.join(dir, `candidate-${index}.pem`);
      await writeFile(file, pemOf(cert));
      let verdict: SecurityRun;
      try {
        verdict = await run(['verify-cert', '-c', file, '-p', 'ssl', '-l', '-L']);
      } catch (error) {
        decisions.set(cert, { trusted: null, detail: `security verify-cert did not finish: ${(error as Error).message}` });
        continue;
      }
      const label = labelOf(cert);
      // The user domain is consulted before the admin domain, as macOS does.
      const settings = user?.get(label) ?? admin?.get(label);
      if (verdict.code === 0) {
        decisions.set(cert, {
          trusted: true,
          by: user?.has(label) ? 'user trust settings' : admin?.has(label) ? 'admin trust settings' : 'macOS',
        });
      } else {
        const said = `${verdict.stdout}\n${verdict.stderr}`.trim().split(/\r?\n/).pop()!.slice(0, 200);
        const neverTrust = Boolean(settings?.includes('kSecTrustSettingsResultDeny')) || /TRUST_SETTING_DENY/.test(said);
        decisions.set(cert, { trusted: false, neverTrust, detail: said });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return decisions;
}
