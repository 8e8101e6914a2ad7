import type { X509Certificate } from 'node:crypto';
import path from 'node:path';
import { FAILING_TOOL_RESULTS, type VerifyCause, type VerifyOutcome } from '../../../shared/api/results.js';
import { resolveConnectTo } from '../../../shared/connect-to.js';
import type { DetectionResult } from '../../../shared/detection.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { parseCertificates } from '../cert/x509.js';
import { verifiedTrust, type DetectOptions, type TrustInputs } from '../detect.js';
import { EXPORT_FILES } from '../export/write.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';
import { sessionAdvice } from '../guidance/session-advice.js';
import { relayAdviceFor } from '../proxy/relay-advice.js';
import type { ProxySpec } from '../proxy/proxy-url.js';
import { proxiesForTargets } from '../proxy/select.js';
import { askProxyOffer, type ProxyOffer } from './proxy-sign-in.js';
import { scanSettings } from '../settings/index.js';
import { chooseRoutes } from './routes.js';
import { verifyTargets } from './targets.js';
import { checkTools, type ToolCheck, type ToolContext, type ToolRoute } from './tools.js';
import type { AppliedState } from './applied-state.js';
import type { UnreadSettingsFile } from '../../../shared/settings.js';

/** Which configuration verify proves (operations/verify.ts decides): the session snippet, or what apply wrote. */
export type ProveChoice =
  | { kind: 'session-snippet'; chosenBy: 'flag' | 'ledger'; unread: UnreadSettingsFile[] }
  | { kind: 'applied'; chosenBy: 'flag' | 'ledger'; state: AppliedState };

/** One file of an export folder with its parsed certificates (not the catalogue's ExportFile, a file's role). */
export interface LoadedExportFile {
  file: string;
  certs: X509Certificate[];
}

export interface ExportFiles {
  caPem: LoadedExportFile;
  bundle: LoadedExportFile;
}

/** Reads an export folder; `missing-export` when the files are not there (the caller runs export first). */
export async function readExportFiles(dir: string, signal?: AbortSignal): Promise<Result<ExportFiles>> {
  const load = async (name: string): Promise<Result<LoadedExportFile>> => {
    const file = path.resolve(dir, name);
    const data = await readUserFile(file, signal ? { signal } : {}).catch((error: unknown) => {
      if (error instanceof UserFileError) return error;
      throw error;
    });
    if (data instanceof UserFileError) {
      const hint = data.problem === 'not-found' ? `: run "ca-bridge export --out ${dir}" first` : '';
      const detail = data.problem === 'not-found' ? { key: 'export-file-missing' as const, params: { file, dir } } : data.detail;
      return fail('missing-export', `${data.message}${hint}`, undefined, detail);
    }
    const certs = parseCertificates(data).certs;
    return certs.length
      ? ok({ file, certs })
      : fail('missing-export', `${file} holds no certificate`, undefined, { key: 'export-file-empty', params: { file } });
  };
  const [caPem, bundle] = await Promise.all([load(EXPORT_FILES.caPem), load(EXPORT_FILES.bundle)]);
  if (!caPem.ok) return caPem;
  if (!bundle.ok) return bundle;
  return ok({ caPem: caPem.value, bundle: bundle.value });
}

export type VerifyReport = Omit<VerifyOutcome, 'dir' | 'verdict'>;

/** Why a verification did not pass, named so that each front door can tell the user what to do next. */
function causeOf(detection: DetectionResult, files: ExportFiles, checkedSomething: boolean, failed: boolean): VerifyCause | null {
  if (!checkedSomething) return 'nothing-reachable';
  if (!failed) return null;
  const now = detection.inspectionCa?.fingerprint256;
  // The sites are re-signed under another CA than the exported one: the user must check again and re-export.
  if (
    detection.inspectionCa &&
    detection.inspectionCa.source !== 'not-found' &&
    now &&
    !files.caPem.certs.some((c) => c.fingerprint256 === now)
  )
    return 'different-ca';
  return 'some-failed';
}

const withoutNames = (env: NodeJS.ProcessEnv, names: readonly string[]): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(env).filter(([k]) => !names.some((n) => (/^npm_config_/i.test(n) ? n.toLowerCase() === k.toLowerCase() : n === k))),
  );

/** Judges fresh chains with the export, then runs each installed tool through the same proxy. */
export async function runVerify(
  detection: DetectionResult,
  trust: TrustInputs,
  files: ExportFiles,
  options: DetectOptions,
  onTool?: ToolContext['onTool'],
  relay: ProxySpec | null = null,
  prove: ProveChoice = { kind: 'session-snippet', chosenBy: 'ledger', unread: [] },
): Promise<VerifyReport> {
  const targets = verifyTargets(detection, trust.publicRoots, files.caPem.certs, files.bundle.certs);
  // Tools make one real request per route: a site each inspection CA re-signed on each of its routes (else one clean site).
  const chosen = chooseRoutes(detection);
  let tools: ToolCheck[] = [];
  let proven: VerifyReport['proven'] = null;
  const asked: ProxySpec[] = [];
  if (chosen.length) {
    const cwd = process.cwd();
    const settings = await scanSettings({ env: options.env, cwd, platform: process.platform });
    const paths = { ca: files.caPem.file, bundle: files.bundle.file, der: path.join(path.dirname(files.caPem.file), EXPORT_FILES.caDer) };
    let vars: Record<string, string>;
    if (prove.kind === 'applied') {
      // What apply wrote: its variables, and the rows whose own files the tools read by themselves; no session variable.
      vars = prove.state.vars;
      proven = {
        kind: 'applied',
        chosenBy: prove.chosenBy,
        vars,
        overrides: [],
        blocked: [],
        unread: [...settings.unread, ...prove.state.unread],
        applied: prove.state.applied,
        shellLater: prove.state.later,
      };
    } else {
      // The user's own environment and files plus the session snippet as `snippets` prints it here.
      const advice = await sessionAdvice(paths, settings, files.bundle.certs, cwd, options.env);
      vars = advice.vars;
      proven = {
        kind: 'session-snippet',
        chosenBy: prove.chosenBy,
        vars,
        overrides: advice.overrides.map(({ name, because, reason, value }) => ({ name, because, reason, value })),
        blocked: advice.blocked,
        unread: [...settings.unread, ...prove.unread],
      };
    }
    // With a relay (px, cntlm) the tools go through it and it signs in for them; the engine's own checks above keep the real route.
    const picks = relay
      ? chosen.map(() => ok(relay))
      : await proxiesForTargets(
          options.proxy,
          chosen.map((c) => c.target),
          { env: options.env, ...options.proxyDiscovery, verifiedTrust: verifiedTrust(trust) },
        );
    const routes = await Promise.all(
      chosen.map(async ({ route, target: subject }, i): Promise<ToolRoute> => {
        const proxy = picks[i]!;
        const dialed = resolveConnectTo(subject, options.connectTo);
        const proxyTrust = proxy.ok && proxy.value?.scheme === 'https' ? trust.store.anchors.pems() : [];
        // What the proxy asks of a client without credentials decides how each tool may sign in (proxy-sign-in.ts).
        let offer: ProxyOffer | undefined;
        if (proxy.ok && proxy.value) {
          offer = await askProxyOffer(proxy.value, subject, options.connectTo, options.timeoutMs, proxyTrust);
          if (!asked.some((p) => p.redactedUrl === proxy.value!.redactedUrl)) asked.push(proxy.value);
        }
        return {
          route,
          target: { host: subject.host, port: subject.port },
          proxy: proxy.ok ? proxy.value : null,
          ...(proxy.ok ? {} : { routeProblem: proxy.error.message }),
          dial: proxy.ok && !proxy.value && (dialed.host !== subject.host || dialed.port !== subject.port) ? dialed : null,
          ...(offer ? { offer } : {}),
          ...(proxyTrust.length ? { proxyTrust } : {}),
        };
      }),
    );
    tools = await checkTools({
      ...routes[0]!,
      routes,
      files: { caPem: paths.ca, bundle: paths.bundle, caDer: paths.der },
      advice: vars,
      ...(prove.kind === 'applied' ? { appliedFiles: prove.state.fileRows, shellLater: prove.state.later } : {}),
      settings,
      cwd,
      timeoutMs: options.timeoutMs,
      // A variable the user's shells remove after the block (`unset`) is not there for the tools either.
      env: prove.kind === 'applied' ? withoutNames(options.env, prove.state.removed) : options.env,
      ...(onTool ? { onTool } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
  const sites = targets.flatMap((t) => [t.extraCa, t.bundle]);
  const failed = sites.includes('fail') || tools.some((t) => FAILING_TOOL_RESULTS.includes(t.result));
  // Only sign-in failures: the CA is fine, the next step is a relay (the cause says so).
  const onlySignIn =
    !sites.includes('fail') &&
    tools.some((t) => t.result === 'proxy-auth') &&
    !tools.some((t) => t.result !== 'proxy-auth' && FAILING_TOOL_RESULTS.includes(t.result));
  const checkedSomething =
    sites.includes('pass') || sites.includes('fail') || tools.some((t) => t.result !== 'not-found' && t.result !== 'skipped');
  return {
    targets,
    tools,
    proven,
    toolTarget: chosen[0]?.site ?? null,
    routes: chosen.map(({ target: _target, ...route }) => route),
    passed: checkedSomething && !failed,
    checkedSomething,
    cause: onlySignIn && checkedSomething ? 'proxy-auth' : causeOf(detection, files, checkedSomething, failed),
    // The relay for the proxy the tools could not sign in to (the schemes it offered were noted while asking).
    proxyAdvice: asked.length && tools.some((t) => t.result === 'proxy-auth') ? relayAdviceFor(asked) : [],
  };
}
