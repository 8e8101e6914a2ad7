import os from 'node:os';
import path from 'node:path';
import { INPUT_SCHEMAS, describeInputError, type OperationName, type ValidInput } from '../../../shared/api/schemas.js';
import type { OperationResults, ProgressEvent } from '../../../shared/api/results.js';
import type { DetectionResult, EvidenceItem } from '../../../shared/detection.js';
import { explainErrors } from '../../../shared/explain.js';
import { renderEnvBlock, renderSnippets } from '../../../shared/guidance/render.js';
import { platformOf, TOOL_GUIDES } from '../../../shared/guidance/tools.js';
import { installedTools } from '../guidance/installed-tools.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { DEFAULT_TARGETS, parseTarget } from '../../../shared/targets.js';
import { detect, loadTrustInputs, type TrustInputs } from '../detect.js';
import { checkHost } from '../diagnose/check.js';
import { recallDetection, rememberDetection } from '../diagnose/detection-memory.js';
import { importCaFile, runExport } from '../export/run-export.js';
import { defaultProfile, defaultShell } from '../guidance/defaults.js';
import { findJdks } from '../guidance/jdks.js';
import { applyToProfile, ProfileError, revertProfile } from '../guidance/profile-file.js';
import { CertPathError } from '../trust/load-pem.js';
import { readExportFiles, runVerify } from '../verify/run-verify.js';
import { probeOptionsFrom } from './probe-options.js';

export interface ServiceContext {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  locale: string;
  emit: (event: ProgressEvent) => void;
  /** The OS/PAC proxy for a URL (Electron's session.resolveProxy), as http://host:port or null for DIRECT. */
  systemProxy?: (url: string) => Promise<string | null>;
  nativeDialogs: boolean;
  /** Evidence only a front door can gather (the desktop app asks Chromium's verifier). */
  extraEvidence?: (result: DetectionResult) => Promise<EvidenceItem[]>;
}

type Handler<K extends OperationName> = (input: never) => Promise<Result<OperationResults[K]>>;
export type EngineOperations = Exclude<OperationName, 'chooseFolder' | 'showInFolder' | 'openReference'>;
export type Service = { [K in EngineOperations]: Handler<K> } & { call(name: OperationName, raw: unknown): Promise<Result<unknown>> };

/**
 * The engine behind one front door (a desktop window, or a browser-mode server): the same functions
 * the CLI uses, with every input validated against the contract and every failure returned as a value.
 */
export function createService(ctx: ServiceContext): Service {
  let lastDetection: DetectionResult | null = null;
  let lastTrust: TrustInputs | null = null;
  const home = ctx.env.HOME ?? ctx.env.USERPROFILE ?? os.homedir();

  const systemProxyFor = async (targets: string | undefined) => {
    const first = targets?.split(',')[0]?.trim() || DEFAULT_TARGETS[0]!.host;
    return ctx.systemProxy ? ctx.systemProxy(`https://${first.replace(/:\d+$/, '')}/`).catch(() => null) : null;
  };

  const handlers = {
    getEnvironment: async () =>
      ok({
        platform: platformOf(ctx.platform),
        locale: ctx.locale,
        defaultShell: defaultShell(ctx.env, ctx.platform),
        defaultTargets: [...DEFAULT_TARGETS],
        nativeDialogs: ctx.nativeDialogs,
        homeDir: home,
      }),

    detect: async (input: ValidInput<'detect'>) => {
      const options = probeOptionsFrom(input, ctx.env, input.proxy ? null : await systemProxyFor(input.targets));
      if (!options.ok) return options;
      lastTrust = await loadTrustInputs(options.value);
      lastDetection = await detect(
        options.value,
        (e) => ctx.emit({ type: 'detect-progress', done: e.done, total: e.total, target: e.target }),
        lastTrust,
      );
      const extra = ctx.extraEvidence ? await ctx.extraEvidence(lastDetection).catch(() => []) : [];
      lastDetection = { ...lastDetection, evidence: [...lastDetection.evidence, ...extra] };
      await rememberDetection(lastDetection, ctx.env);
      return ok(lastDetection);
    },

    exportCa: async (input: ValidInput<'exportCa'>) => {
      const imported = input.fromFile ? await importCaFile(input.fromFile) : null;
      if (imported && !imported.ok) return imported;
      if (!lastTrust || (!lastDetection && !imported)) return fail('no-detection', 'run Check first, or import the CA file from IT');
      const outcome = await runExport({
        // The page has no working directory of its own: a relative folder means one under the user's home.
        outDir: path.resolve(home, input.outDir),
        force: input.force ?? false,
        trust: lastTrust,
        detection: lastDetection,
        imported: imported?.value,
        acceptUntrusted: input.confirmUntrustedFingerprint ?? false,
      });
      return outcome.ok
        ? ok({
            files: outcome.value.files,
            backups: outcome.value.backups,
            ca: outcome.value.ca,
            lint: outcome.value.lint,
            signsInspectedChains: outcome.value.signsInspectedChains,
          })
        : outcome;
    },

    verify: async (input: ValidInput<'verify'>) => {
      const { dir, ...probe } = input;
      const options = probeOptionsFrom(probe, ctx.env, probe.proxy ? null : await systemProxyFor(probe.targets));
      if (!options.ok) return options;
      const files = await readExportFiles(dir);
      if (!files.ok) return files;
      const trust = await loadTrustInputs(options.value);
      const detection = await detect(
        options.value,
        (e) => ctx.emit({ type: 'detect-progress', done: e.done, total: e.total, target: e.target }),
        trust,
      );
      return ok(
        await runVerify(detection, trust, files.value, options.value, (tool, done, total) =>
          ctx.emit({ type: 'verify-progress', done, total, tool }),
        ),
      );
    },

    snippets: async (input: ValidInput<'snippets'>) => {
      const files = await readExportFiles(input.dir);
      if (!files.ok) return files;
      const paths = {
        ca: files.value.caPem.file,
        bundle: files.value.bundle.file,
        der: path.join(path.dirname(files.value.caPem.file), 'corporate-ca.crt'),
      };
      const guides = TOOL_GUIDES.filter((t) => t.platforms.includes(platformOf(ctx.platform)));
      const rendered = renderSnippets(input.shell, paths, input.lang, guides, await findJdks(ctx.env, ctx.platform));
      return ok({
        ...rendered,
        installedTools: await installedTools(
          rendered.tools.map((t) => t.id),
          ctx.env,
          ctx.platform,
        ),
      });
    },

    apply: async (input: ValidInput<'apply'>) => {
      const files = await readExportFiles(input.dir);
      if (!files.ok) return files;
      const where = input.profile ?? defaultProfile(input.shell, ctx.env, ctx.platform);
      if (!where)
        return fail('unsupported', 'cmd has no profile file: use the CLI "ca-bridge apply --shell cmd" on Windows, or choose PowerShell');
      const paths = { ca: files.value.caPem.file, bundle: files.value.bundle.file, der: '' };
      const result = await applyToProfile(where, renderEnvBlock(input.shell, paths), input.dryRun ?? false);
      return ok({ where: result.file, changed: result.changed, backup: result.backup, diff: result.diff });
    },

    revert: async (input: ValidInput<'revert'>) => {
      const where = input.profile ?? defaultProfile(input.shell, ctx.env, ctx.platform);
      if (!where) return fail('unsupported', 'cmd has no profile file');
      const result = await revertProfile(where, input.dryRun ?? false);
      return ok({ where: result.file, changed: result.changed, backup: result.backup, diff: result.diff });
    },

    check: async (input: ValidInput<'check'>) => {
      const target = parseTarget(input.host);
      if (!target.ok) return target;
      const { host: _host, sni, caFile, ...probe } = input;
      const options = probeOptionsFrom(
        { ...probe, targets: target.value.host },
        ctx.env,
        probe.proxy ? null : await systemProxyFor(target.value.host),
      );
      if (!options.ok) return options;
      return ok(await checkHost({ ...options.value, target: target.value, sni: sni === undefined ? undefined : sni, caFile }));
    },

    explain: async (input: ValidInput<'explain'>) => ok({ matches: explainErrors(input.text, input.lang, await recallDetection(ctx.env)) }),
  };

  /** Validates raw input against the contract, runs the operation, and turns every failure into a value. */
  const call = async (name: OperationName, raw: unknown): Promise<Result<unknown>> => {
    const handler = (handlers as Record<string, (input: unknown) => Promise<Result<unknown>>>)[name];
    const schema = INPUT_SCHEMAS[name];
    if (!handler || !schema) return fail('unknown-operation', `"${String(name)}" is not an operation of this front door`);
    const parsed = schema.safeParse(raw ?? {});
    if (!parsed.success) return fail('bad-input', describeInputError(parsed.error));
    try {
      return await handler(parsed.data);
    } catch (error) {
      if (error instanceof CertPathError || error instanceof ProfileError) return fail('bad-input', error.message);
      return fail('internal', (error as Error).message);
    }
  };
  return { ...(handlers as unknown as Omit<Service, 'call'>), call };
}
