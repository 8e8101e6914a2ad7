/** Defaults and bounds of probing, in one place: the CLI, the page and the engine all read these. */
export const PROBE_LIMITS = {
  timeoutMs: { min: 100, max: 600_000, default: 10_000 },
  concurrency: { min: 1, max: 64, default: 8 },
  connectTo: { max: 64 },
} as const;
