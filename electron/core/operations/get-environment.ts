import os from 'node:os';
import type { EnvironmentInfo } from '../../../shared/api/results.js';
import type { ValidInput } from '../../../shared/api/schemas.js';
import { platformOf } from '../../../shared/guidance/tools.js';
import { ok, type Result } from '../../../shared/result.js';
import { DEFAULT_TARGETS } from '../../../shared/targets.js';
import { defaultShell } from '../guidance/defaults.js';
import type { OperationContext } from './context.js';

/** What the page needs before the first step: platform, locale, the user's shell and home, the default sites. */
export async function getEnvironmentOperation(
  _input: ValidInput<'getEnvironment'>,
  ctx: OperationContext,
): Promise<Result<EnvironmentInfo>> {
  return ok({
    platform: platformOf(ctx.platform),
    locale: ctx.locale,
    defaultShell: defaultShell(ctx.env, ctx.platform),
    defaultTargets: [...DEFAULT_TARGETS],
    nativeDialogs: ctx.nativeDialogs,
    homeDir: ctx.env.HOME ?? ctx.env.USERPROFILE ?? os.homedir(),
    ...(ctx.presets && Object.keys(ctx.presets).length ? { presets: ctx.presets } : {}),
  });
}
