import type { ToolOutcome, ToolResult, ToolRouteOutcome } from '../../../shared/api/results.js';

/**
 * Which route's result speaks for the tool, worst first: a tool passes only when every route passes.
 * A promise verify cannot give (off, unproven, fail, cannot sign in) beats everything; then what leaves a
 * route unproven without failing it (not configured, not run there); then the passes, the one that
 * is not proof of CA Bridge's advice first.
 */
const WORST_FIRST: readonly ToolResult[] = [
  'verification-off',
  'unproven',
  'fail',
  'proxy-auth',
  'not-configured',
  'skipped',
  'not-found',
  'pass-by-user-setting',
  'pass',
];

export const routeOutcome = (check: ToolOutcome, route: string, site: string): ToolRouteOutcome => ({
  route,
  site,
  result: check.result,
  error: check.error,
  control: check.control,
  settings: check.settings,
  ...(check.proxyAuth ? { proxyAuth: check.proxyAuth } : {}),
});

/** The tool's result over every route: the worst route's, with each route's own beside it. */
export function combineRoutes(name: string, setting: string, routes: ToolRouteOutcome[]): ToolOutcome {
  const worst = [...routes].sort((a, b) => WORST_FIRST.indexOf(a.result) - WORST_FIRST.indexOf(b.result))[0];
  if (!worst) return { name, setting, result: 'skipped', error: null, control: 'not-run', settings: [], routes };
  return {
    name,
    setting,
    result: worst.result,
    error: worst.error,
    control: worst.control,
    settings: worst.settings,
    ...(worst.proxyAuth ? { proxyAuth: worst.proxyAuth } : {}),
    routes,
  };
}
