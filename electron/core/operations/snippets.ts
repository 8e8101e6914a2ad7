import type { SnippetsOutcome } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { renderSnippets, type ExportPaths } from '../../../shared/guidance/render.js';
import { platformOf, TOOL_GUIDES } from '../../../shared/guidance/tools.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { settingPlace } from '../../../shared/settings.js';
import { parseCertificates } from '../cert/x509.js';
import { readUserFile } from '../fs/read-user-file.js';
import { sessionAdvice } from '../guidance/session-advice.js';
import { scanSettings } from '../settings/index.js';
import { defaultShell } from '../guidance/defaults.js';
import { findJdks } from '../guidance/jdks.js';
import { installedTools } from '../guidance/installed-tools.js';
import type { OperationContext } from './context.js';
import { locateExport } from './export-paths.js';
import { exportCas, javaAlias } from '../tool-config/export-cas.js';

/**
 * Every exported CA's keytool entry (its DER file and `ca-bridge-<fingerprint>` alias), as apply --tool java
 * writes them. An export whose further DER files are gone (apply refuses it) is rendered with its primary only.
 */
async function keytoolEntries(paths: ExportPaths): Promise<ExportPaths['cas']> {
  const cas = await exportCas(paths).catch(() => exportCas({ ...paths, ca: paths.der }).catch(() => null));
  return cas?.map((ca) => ({ der: ca.der, alias: javaAlias(ca) }));
}

/**
 * The session advice for this machine and folder: where a setting of the user's outranks the shared block
 * (an npmrc cafile) the block gains the variable that wins over it, and a shared variable that replaces a
 * CA file of theirs points at a file that keeps it — the same function decides what verify proves.
 * Added variables (NPM_CONFIG_CAFILE) come after the block (`extras`); shared ones change in place (`blockValues`).
 */
export async function adviceHere(paths: ExportPaths, ctx: OperationContext) {
  const settings = await scanSettings({ env: ctx.env, cwd: process.cwd(), platform: ctx.platform });
  const bundle = await readUserFile(paths.bundle).then(
    (b) => parseCertificates(b).certs,
    () => [],
  );
  const advice = await sessionAdvice(paths, settings, bundle, process.cwd(), ctx.env);
  const extras = advice.overrides
    .filter((o) => o.reason === 'outranks')
    .map((o) => ({ name: o.name, value: o.value, because: settingPlace(o.because.source) }));
  return { advice, extras };
}

/** What to paste: the environment block and each tool's settings, for this platform (or the tools asked for). */
export async function snippetsOperation(input: ValidInput<'snippets'>, ctx: OperationContext): Promise<Result<SnippetsOutcome>> {
  const unknown = (input.tools ?? []).filter((id) => !TOOL_GUIDES.some((t) => t.id === id));
  if (unknown.length)
    return fail('bad-input', `unknown ${unknown.join(', ')} (known: ${TOOL_GUIDES.map((t) => t.id).join(', ')})`, 'tools', {
      key: 'unknown-tools',
      params: { names: unknown.join(', '), known: TOOL_GUIDES.map((t) => t.id).join(', ') },
    });
  const located = await locateExport(input.dir);
  if (!located.ok) return located;
  const platform = platformOf(ctx.platform);
  const guides = input.tools
    ? TOOL_GUIDES.filter((t) => input.tools!.includes(t.id))
    : TOOL_GUIDES.filter((t) => t.platforms.includes(platform));
  const jdks = guides.some((g) => g.id === 'java') ? await findJdks(ctx.env, ctx.platform) : [];
  const { advice, extras } = await adviceHere(located.value, ctx);
  const shell = input.shell ?? defaultShell(ctx.env, ctx.platform);
  const cas = await keytoolEntries(located.value);
  const rendered = renderSnippets(shell, { ...located.value, cas }, input.lang, guides, jdks, extras, advice.blockValues);
  // The interface lists the tools found on this machine first.
  return ok({
    ...rendered,
    installedTools: await installedTools(
      rendered.tools.map((t) => t.id),
      ctx.env,
      ctx.platform,
    ),
  });
}
