import { z } from 'zod';
import { SHELLS } from '../guidance/quote.js';
import { LANGUAGES } from '../i18n/language.js';
import { PROBE_LIMITS } from './limits.js';
import { normalizeFingerprint } from '../status.js';
import type { OperationName } from './operations.js';
import type { ErrorDetail } from '../error-detail.js';

export { PROBE_LIMITS } from './limits.js';

/** Inputs from the page are untrusted: every field bounded, unknown fields rejected. */
const path = z.string().min(1).max(4096);
/** One of a closed list; the message quotes the value and the choices (the CLI puts its flag in front). */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `"${String(issue.input)}" is not one of ${values.join(', ')}` });
/** The language of texts an operation writes; English unless asked (the page always asks). */
const lang = oneOf(LANGUAGES).default('en');
/** The shell to write for; absent means the user's own (the engine decides, as getEnvironment reports it). */
const shell = oneOf(SHELLS).optional();

/** A whole number within bounds, with one message that names both (the CLI prefixes the flag). */
const bounded = (min: number, max: number) =>
  z
    .number()
    .int()
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

export const probeOptionsSchema = z
  .object({
    targets: z.string().max(4000).optional(),
    /** A proxy URL, "direct", "system", or "pac+URL"; empty or missing: the system setting. */
    proxy: z.string().max(2000).optional(),
    /** For NTLM or Basic proxies: DOMAIN\\user, with the password in its own field (never in a URL the page shows). */
    proxyUser: z.string().min(1).max(256).optional(),
    proxyPassword: z.string().max(1024).optional(),
    /**
     * Proxies (host:port) the user confirmed may receive the credentials although only WPAD (or, in the
     * desktop app, a resolution of unknown origin) named them: the credential policy, docs/threat-model.md.
     */
    confirmProxy: z.array(z.string().min(1).max(300)).max(8).optional(),
    connectTo: z.array(z.string().max(600)).max(PROBE_LIMITS.connectTo.max).optional(),
    timeoutMs: bounded(PROBE_LIMITS.timeoutMs.min, PROBE_LIMITS.timeoutMs.max).optional(),
    concurrency: bounded(PROBE_LIMITS.concurrency.min, PROBE_LIMITS.concurrency.max).optional(),
    publicRootsFile: path.optional(),
    trustStorePath: path.optional(),
  })
  .strict();

/**
 * `--expect-fingerprint` (repeatable: a company with two inspection CAs): SHA-256 fingerprints, colons
 * optional, any case; a CA that is none of them is refused before anything is written.
 */
const expectFingerprints = z
  .array(
    z
      .string()
      .max(200)
      .refine((f) => normalizeFingerprint(f) !== null, {
        error: (issue) => `"${String(issue.input)}" is not a SHA-256 fingerprint (64 hex digits)`,
      }),
  )
  .max(32)
  .optional();

/** A ledger entry's id (16 hex digits, docs/ledger.md). */
const LEDGER_ENTRY_ID = z.string().regex(/^[0-9a-f]{16}$/, { error: 'is not a ledger entry id (16 hex digits)' });

/** What the detect operation hands back to name its result later (exportCa's `detectionId`). */
export const DETECTION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export const INPUT_SCHEMAS = {
  getEnvironment: z.object({}).strict(),
  detect: probeOptionsSchema,
  exportCa: z
    .object({
      outDir: path,
      force: z.boolean().optional(),
      fromFile: path.optional(),
      /** The detection whose inspection CA is exported (the `id` of a detect result); none with fromFile alone. */
      detectionId: z.string().regex(DETECTION_ID).optional(),
      expectFingerprints,
      /** Without a detection: the public roots for ca-bundle.pem (with one, the detection's are used). */
      publicRootsFile: path.optional(),
      /** For a root only the proxy vouches for: the fingerprint the user saw and confirmed. */
      confirmUntrustedFingerprint: z
        .string()
        .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
        .optional(),
    })
    .strict(),
  verify: probeOptionsSchema
    .extend({
      dir: path,
      /** A local relay (px, cntlm) as http://host:port: the tools go through it, and it signs in to the proxy for them. */
      relay: z.string().min(1).max(300).optional(),
      /** What is proven: what apply wrote (the ledger), or the session snippet; absent: applied when the ledger records any. */
      prove: z.enum(['applied', 'session']).optional(),
    })
    .strict(),
  snippets: z.object({ dir: path, shell, lang, tools: z.array(z.string().max(64)).max(64).optional() }).strict(),
  apply: z.object({ dir: path, shell, profile: path.optional(), dryRun: z.boolean().optional() }).strict(),
  revert: z.object({ shell, profile: path.optional(), dryRun: z.boolean().optional() }).strict(),
  /** Rows ids, or the one word `installed` for every row whose tool is on this computer. */
  applyTools: z
    .object({ dir: path, tools: z.array(z.string().max(64)).min(1).max(64), dryRun: z.boolean().optional(), expectFingerprints })
    .strict(),
  /** `ca-bridge status`: the probe options of detect (two sites unless told), or none at all with `offline`. */
  status: probeOptionsSchema.extend({ offline: z.boolean().optional(), cwd: path.optional() }).strict(),
  /** `export --refresh`: the current CA of this detection into the folder the ledger records, and the steps that copied it. */
  refreshExport: z.object({ detectionId: z.string().regex(DETECTION_ID), expectFingerprints, publicRootsFile: path.optional() }).strict(),
  /** `all`, the changes of these rows, or these ledger entries (one run's, as applyTools and doctor fix report them); newest first. */
  undoChanges: z
    .object({
      all: z.boolean().optional(),
      tools: z.array(z.string().max(64)).max(64).optional(),
      entries: z.array(LEDGER_ENTRY_ID).max(1024).optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  /** Read-only; `cwd` is the project folder whose own settings files count (.npmrc, .git/config …). */
  doctor: z
    .object({
      cwd: path.optional(),
      fix: z.boolean().optional(),
      /** With fix: the export stale CA settings are repointed at. */
      dir: path.optional(),
      /** With fix: the OS trust store in place of the real one (a PEM file or folder), for VS Code's proof. */
      trustStorePath: path.optional(),
      /** With fix: an https site behind the inspection, where the proofs go. */
      url: z
        .string()
        .max(2000)
        .regex(/^https:\/\/[^\s/]+\/\S*$/)
        .optional(),
    })
    .strict(),
  check: probeOptionsSchema
    .omit({ targets: true, concurrency: true })
    .extend({
      host: z.string().min(1).max(300),
      /** A name to send, null for no SNI at all, absent for the host's own name. */
      sni: z.string().max(253).nullable().optional(),
      caFile: path.optional(),
      clientCertFile: path.optional(),
      clientKeyFile: path.optional(),
    })
    .strict(),
  // door: the page words the fix with its own steps (Export, Configure), the CLI with commands.
  explain: z
    .object({ text: z.string().max(200_000), lang, detectionFile: path.optional(), door: z.enum(['cli', 'page']).optional() })
    .strict(),
  chooseFolder: z.object({ title: z.string().max(200) }).strict(),
  showInFolder: z.object({ path }).strict(),
  openReference: z.object({ url: z.string().url().max(2000) }).strict(),
} as const satisfies Record<OperationName, z.ZodType>;

export type { OperationName } from './operations.js';
export type OperationInput<K extends OperationName> = z.input<(typeof INPUT_SCHEMAS)[K]>;
/** The input after validation (defaults applied), as handlers receive it. */
export type ValidInput<K extends OperationName> = z.output<(typeof INPUT_SCHEMAS)[K]>;

/** Turns a schema failure into one readable sentence naming the field. */
export function describeInputError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
}

/** The value the user gave at an issue's path (bounded: it is quoted back to them). */
function valueAt(raw: unknown, at: readonly PropertyKey[]): string {
  let value: unknown = raw;
  for (const key of at) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return String(value).slice(0, 200);
}

/**
 * A schema failure's first issue as a catalogue key and parameters, so each front door words it in the
 * user's language (the English sentence of describeInputError stays for JSON and the log).
 */
export function detailOfInputError(error: z.ZodError, raw: unknown): ErrorDetail {
  const issue = error.issues[0]!;
  const field = issue.path[0];
  const limits = typeof field === 'string' && Object.hasOwn(PROBE_LIMITS, field) ? PROBE_LIMITS[field as keyof typeof PROBE_LIMITS] : null;
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(raw, issue.path) === 'undefined' ? { key: 'required', params: {} } : { key: 'bad-format', params: {} };
    case 'invalid_value':
      return { key: 'not-one-of', params: { value: valueAt(raw, issue.path), choices: issue.values.map(String).join(', ') } };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return { key: 'required', params: {} };
      if (limits && 'min' in limits) return { key: 'out-of-range', params: { min: limits.min, max: limits.max } };
      return { key: 'bad-format', params: {} };
    case 'too_big':
      if (limits && 'min' in limits) return { key: 'out-of-range', params: { min: limits.min, max: limits.max } };
      return { key: issue.origin === 'array' ? 'too-many' : 'too-long', params: { max: Number(issue.maximum) } };
    case 'custom':
      // The one refinement of the schemas: a fingerprint the user typed.
      if (field !== 'expectFingerprints') return { key: 'bad-format', params: {} };
      return { key: 'not-fingerprint', params: { value: valueAt(raw, issue.path) } };
    case 'unrecognized_keys':
      return { key: 'unknown-field', params: { name: issue.keys.join(', ').slice(0, 200) } };
    default:
      return { key: 'bad-format', params: {} };
  }
}

/** The top-level field of a schema failure's first issue, so a front door can name its own word for it. */
export const fieldOfInputError = (error: z.ZodError): string | undefined => {
  const first = error.issues[0]?.path[0];
  return typeof first === 'string' ? first : undefined;
};
