import { credentialUses } from '../proxy/credential-policy.js';
import type { ProxySpec } from '../proxy/proxy-url.js';
import type { ConnectTo } from '../../../shared/connect-to.js';
import type { CheckResult, Finding } from '../../../shared/diagnose.js';
import type { Target } from '../../../shared/targets.js';
import { matchVendor } from '../analysis/vendors.js';
import { isSelfIssued, oneLineName, summarize } from '../cert/x509.js';
import { loadTrustInputs, verifiedTrust, type TrustInputs } from '../detect.js';
import { readUserText, UserFileError } from '../fs/read-user-file.js';
import { withDeadline } from '../probe/deadline.js';
import { classifyError, ProbeFailure } from '../probe/errors.js';
import { proxyForTarget, type ProxyChoice, type RouterContext } from '../proxy/select.js';
import { checkChain, type SearchLimits } from '../trust/chain.js';
import { CertPathError, loadCertPath } from '../trust/load-pem.js';
import { TrustSet } from '../trust/trust-set.js';
import { dateFindings, hostnameFinding, strengthFindings, trustFinding } from './findings.js';
import { openSession, type Session } from './session.js';

export interface CheckOptions {
  target: Target;
  /** undefined: the host name; null: send no SNI; a string: that name. */
  sni?: string | null;
  proxy: ProxyChoice;
  connectTo: readonly ConnectTo[];
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  /** How the system proxy is discovered (tests point the WPAD search at a lab resolver). */
  proxyDiscovery?: Omit<RouterContext, 'env'>;
  publicRootsFile?: string;
  trustStorePath?: string;
  /** Extra verification against this file (e.g. the exported bundle), reported separately. */
  caFile?: string;
  clientCert?: { certFile: string; keyFile: string };
  now?: () => Date;
  /** Cancels the check (Ctrl+C, Cancel in the page): it ends at once, as at its deadline. */
  signal?: AbortSignal;
}

const SKEW_LIMIT_MS = 5 * 60_000;

async function caSets(file: string, signal?: AbortSignal) {
  const loaded = await loadCertPath(file, '--ca', signal);
  return {
    anchors: new TrustSet(
      `--ca ${file}`,
      loaded.certs.filter((e) => isSelfIssued(e.cert)),
    ),
    intermediates: new TrustSet(
      `--ca ${file}`,
      loaded.certs.filter((e) => !isSelfIssued(e.cert)),
    ),
  };
}

/** A client certificate or key file; one that cannot be used is the caller's input to correct, like --ca. */
async function clientFile(file: string, flag: string, signal?: AbortSignal): Promise<string> {
  try {
    return await readUserText(file, { label: flag, signal });
  } catch (error) {
    if (error instanceof UserFileError) throw new CertPathError('unreadable', error.message);
    throw error;
  }
}

function clientCertFindings(session: Session, given: boolean): Finding[] {
  const rejected =
    session.afterHandshake &&
    /certificate required|alert number 116|certificate_required|bad certificate|unknown ca/i.test(session.afterHandshake.message);
  if (!given)
    return rejected
      ? [
          {
            code: 'client-cert-required',
            severity: 'error',
            certIndex: null,
            detail: { key: 'client-cert-missing', params: {} },
            message:
              'the server requires a client certificate and none was given: pass --client-cert and --client-key (the certificate your organisation issued you)',
          },
        ]
      : [];
  if (rejected)
    return [
      {
        code: 'client-cert-required',
        severity: 'error',
        certIndex: null,
        detail: { key: 'client-cert-rejected', params: { reason: session.afterHandshake!.message } },
        message: `the server rejected the client certificate: ${session.afterHandshake!.message}`,
      },
    ];
  if (!session.answered)
    return [
      {
        code: 'client-cert-required',
        severity: 'error',
        certIndex: null,
        detail: { key: 'client-cert-hung-up', params: {} },
        message:
          'the handshake completed, but the server hung up without answering: it most likely rejected the client certificate (not issued by a CA it accepts, or expired)',
      },
    ];
  return [
    {
      code: 'client-cert-required',
      severity: 'info',
      certIndex: null,
      detail: { key: 'client-cert-accepted', params: {} },
      message: 'the handshake succeeded with the client certificate given, and the server answered',
    },
  ];
}

/** What the check is doing when its deadline comes, and the proxy it chose (for the credentials line). */
interface CheckRun {
  signal: AbortSignal;
  /** performance.now() by which the whole check must be done. */
  deadline: number;
  phase(what: string): void;
  chose(proxy: ProxySpec | null): void;
}

/**
 * Diagnoses one TLS endpoint: every finding carries a stable code, a severity and the fix in plain words.
 * `timeoutMs` is one deadline for the whole check, as detect has one per site: finding the proxy (a PAC
 * evaluation, a WPAD search), every connection with its proxy sign-in round trips, the handshake, the
 * chain analysis and the second handshake that compares SNI. A check that runs out of it answers
 * `timeout`, naming what it was doing then; before, each connection had the whole limit to itself.
 */
export async function checkHost(options: CheckOptions, trust?: TrustInputs): Promise<CheckResult> {
  const { target } = options;
  const sni = options.sni === undefined ? target.host : options.sni;
  const trustInputs = trust ?? (await loadTrustInputs(options));
  // Local files first (bounded reads of their own): a mistake in them is the caller's to correct, not a timeout.
  const ca = options.caFile ? await caSets(options.caFile, options.signal) : null;
  const clientCert = options.clientCert
    ? {
        cert: await clientFile(options.clientCert.certFile, '--client-cert', options.signal),
        key: await clientFile(options.clientCert.keyFile, '--client-key', options.signal),
      }
    : undefined;
  const result: CheckResult = {
    host: target.host,
    port: target.port,
    sni,
    proxy: null,
    error: null,
    chain: [],
    protocol: null,
    cipher: null,
    findings: [],
    trust: { publicRoots: false, trustStore: false, ca: null },
  };
  let phase = 'while finding the proxy';
  let chosen: ProxySpec | null = null;
  const deadline = performance.now() + options.timeoutMs;
  try {
    return await withDeadline(
      options.timeoutMs,
      () => `${target.host}: no result within ${options.timeoutMs} ms (${phase})`,
      (signal) =>
        checkWithin(options, trustInputs, { ca, clientCert, sni }, result, {
          signal,
          deadline,
          phase: (what) => (phase = what),
          chose: (proxy) => (chosen = proxy),
        }),
      options.signal,
    );
  } catch (error) {
    if (!(error instanceof ProbeFailure)) throw error;
    const late = { ...result, chain: [], protocol: null, cipher: null, findings: [] };
    return { ...late, error: classifyError(error, 'site', target.host).toValue(), ...credentialsOf(chosen) };
  }
}

async function checkWithin(
  options: CheckOptions,
  { publicRoots, store }: TrustInputs,
  given: { ca: Awaited<ReturnType<typeof caSets>> | null; clientCert: { cert: string; key: string } | undefined; sni: string | null },
  result: CheckResult,
  run: CheckRun,
): Promise<CheckResult> {
  const { target } = options;
  const { ca, clientCert, sni } = given;
  const proxy = await proxyForTarget(options.proxy, target, {
    env: options.env,
    ...options.proxyDiscovery,
    verifiedTrust: verifiedTrust({ publicRoots, store }),
    signal: run.signal,
  });
  result.proxy = proxy.ok ? (proxy.value?.redactedUrl ?? null) : null;
  if (proxy.notes.length) result.proxyNotes = proxy.notes;
  if (!proxy.ok) return { ...result, error: { code: 'proxy-error', message: proxy.error.message } };
  run.chose(proxy.value);
  const proxyTrust =
    proxy.value?.scheme === 'https'
      ? [...store.anchors.pems(), ...(ca ? [...ca.anchors.pems(), ...ca.intermediates.pems()] : [])]
      : undefined;
  const base = { proxy: proxy.value, connectTo: options.connectTo, timeoutMs: options.timeoutMs, proxyTrust, signal: run.signal };

  // The chain search is synchronous: it is handed the deadline and watches the clock itself.
  const limits: SearchLimits = { deadline: run.deadline, signal: run.signal };
  let session: Session;
  try {
    session = await openSession(target, { ...base, servername: sni, clientCert, httpProbe: true, onPhase: run.phase });
  } catch (error) {
    // The check's own deadline is answered by checkHost, with what was going on at that moment.
    if (run.signal.aborted) throw error;
    return { ...result, error: classifyError(error, 'site', target.host).toValue(), ...credentialsOf(proxy.value) };
  }
  run.phase('while analysing the presented chain');
  const now = options.now?.() ?? new Date();
  const chain = session.chain;
  result.chain = chain.map(summarize);
  result.protocol = session.protocol;
  result.cipher = session.cipher;
  const publicCheck = checkChain(chain, publicRoots, now, undefined, limits);
  const storeCheck = checkChain(chain, store.anchors, now, store.intermediates, limits);
  const caCheck = ca ? checkChain(chain, ca.anchors, now, ca.intermediates, limits) : null;
  result.trust = {
    publicRoots: publicCheck.trusted,
    trustStore: storeCheck.trusted,
    ca: caCheck ? caCheck.trusted : null,
  };

  const findings: Finding[] = [...dateFindings(chain, now)];
  const mismatch = hostnameFinding(chain[0]!, target.host);
  if (mismatch) findings.push(mismatch);
  const vendor = matchVendor(result.chain);
  if (!publicCheck.anchorFingerprint256 && (storeCheck.anchorFingerprint256 || vendor)) {
    const by = vendor ? `${vendor.name} ` : '';
    const anchor = storeCheck.anchorFingerprint256 ? store.anchors.get(storeCheck.anchorFingerprint256) : null;
    findings.push({
      code: 'inspected',
      severity: 'warning',
      certIndex: chain.length - 1,
      detail: {
        key: vendor ? (anchor ? 'inspected-vendor-anchor' : 'inspected-vendor') : anchor ? 'inspected-anchor' : 'inspected',
        params: { vendor: vendor?.name ?? '', anchor: anchor ? oneLineName(anchor.cert.subject) : '' },
      },
      message: `this connection is TLS-inspected: a ${by}proxy re-signed it${anchor ? ` with "${oneLineName(anchor.cert.subject)}" from this computer's trust store` : ''}. Browsers accept it; tools with their own CA list fail until given that CA (ca-bridge export, then ca-bridge snippets)`,
    });
  }
  const untrusted = trustFinding(chain, [publicRoots, store.anchors], store.intermediates, limits);
  if (untrusted) findings.push(untrusted);
  // A search cut short by the clock proves nothing either way: no findings rather than wrong ones.
  if (performance.now() > run.deadline)
    throw new ProbeFailure('timeout', `${target.host}: no result within ${options.timeoutMs} ms (while analysing the presented chain)`);
  findings.push(...strengthFindings(chain));
  if (session.serverDate && Math.abs(session.serverDate.getTime() - now.getTime()) > SKEW_LIMIT_MS) {
    const minutes = Math.round((now.getTime() - session.serverDate.getTime()) / 60_000);
    findings.push({
      code: 'clock-skew',
      severity: 'warning',
      certIndex: null,
      detail: { key: minutes > 0 ? 'clock-ahead' : 'clock-behind', params: { minutes: Math.abs(minutes) } },
      message: `this computer's clock is ${Math.abs(minutes)} minutes ${minutes > 0 ? 'ahead of' : 'behind'} the server's: certificates can look expired or not yet valid; fix the clock`,
    });
  }
  findings.push(...clientCertFindings(session, Boolean(clientCert)));

  // Whether the certificate depends on SNI: compare with the handshake the other way round.
  const otherSni = sni === target.host ? null : target.host;
  const describe = (s: string | null) => (s === null ? 'without SNI' : `with SNI "${s}"`);
  const comparing = `while comparing the certificate ${describe(otherSni)}`;
  run.phase(comparing);
  const other = await openSession(target, {
    ...base,
    servername: otherSni,
    httpProbe: false,
    onPhase: (what) => run.phase(`${comparing}: ${what}`),
  }).catch((error: unknown) => {
    // Past the deadline the comparison was not made: checkHost answers timeout, never a result without it.
    if (run.signal.aborted) throw error;
    return null;
  });
  const otherLeaf = other?.chain[0];
  if (otherLeaf && otherLeaf.fingerprint256 !== chain[0]!.fingerprint256) {
    findings.push({
      code: 'sni-dependent',
      severity: sni === null ? 'warning' : 'info',
      certIndex: 0,
      detail: {
        key: 'sni-dependent',
        params: {
          otherSni: otherSni ?? '',
          otherSubject: oneLineName(otherLeaf.subject),
          sni: sni ?? '',
          subject: oneLineName(chain[0]!.subject),
        },
      },
      message: `the server presents a different certificate ${describe(otherSni)} ("${oneLineName(otherLeaf.subject)}") than ${describe(sni)} ("${oneLineName(chain[0]!.subject)}"): clients that send no SNI (old Java, some scripts) see the wrong one`,
    });
  }
  if (ca) {
    findings.push(
      result.trust.ca
        ? {
            code: 'ca-file',
            severity: 'info',
            certIndex: null,
            detail: { key: 'ca-file-verifies', params: { file: options.caFile! } },
            message: `the chain verifies with ${options.caFile}`,
          }
        : {
            code: 'ca-file',
            severity: 'error',
            certIndex: null,
            detail: { key: 'ca-file-fails', params: { file: options.caFile!, reason: caCheck!.reason ?? '' } },
            message: `the chain does NOT verify with ${options.caFile}: ${caCheck!.reason}`,
          },
    );
  }
  if (!findings.some((f) => f.severity !== 'info'))
    findings.unshift({
      code: 'ok',
      severity: 'info',
      certIndex: null,
      detail: { key: 'ok', params: {} },
      message: 'no problem found: the chain is complete, valid and trusted, and covers the host name',
    });
  result.findings = findings;
  return { ...result, ...credentialsOf(proxy.value) };
}

/** Where the credentials went on this check's connections (credential-policy.ts records them per proxy). */
const credentialsOf = (proxy: ProxySpec | null) => {
  const uses = proxy ? credentialUses([proxy]) : [];
  return uses.length ? { proxyCredentials: uses } : {};
};
