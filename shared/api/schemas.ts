import { z } from 'zod';
import { SHELLS } from '../guidance/quote.js';
import type { OperationName } from './operations.js';

/** Inputs from the page are untrusted: every field bounded, unknown fields rejected. */
const path = z.string().min(1).max(4096);
const lang = z.enum(['en', 'ja']);

export const probeOptionsSchema = z
  .object({
    targets: z.string().max(4000).optional(),
    /** A proxy URL, "direct", "system", or "pac+URL"; empty or missing: the system setting. */
    proxy: z.string().max(2000).optional(),
    /** For NTLM or Basic proxies: DOMAIN\\user, with the password in its own field (never in a URL the page shows). */
    proxyUser: z.string().min(1).max(256).optional(),
    proxyPassword: z.string().max(1024).optional(),
    connectTo: z.array(z.string().max(600)).max(64).optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    publicRootsFile: path.optional(),
    trustStorePath: path.optional(),
  })
  .strict();

export const INPUT_SCHEMAS = {
  getEnvironment: z.object({}).strict(),
  detect: probeOptionsSchema,
  exportCa: z
    .object({
      outDir: path,
      force: z.boolean().optional(),
      fromFile: path.optional(),
      /** For a root only the proxy vouches for: the fingerprint the user saw and confirmed. */
      confirmUntrustedFingerprint: z
        .string()
        .regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
        .optional(),
    })
    .strict(),
  verify: probeOptionsSchema.extend({ dir: path }).strict(),
  snippets: z.object({ dir: path, shell: z.enum(SHELLS), lang }).strict(),
  apply: z.object({ dir: path, shell: z.enum(SHELLS), profile: path.optional(), dryRun: z.boolean().optional() }).strict(),
  revert: z.object({ shell: z.enum(SHELLS), profile: path.optional(), dryRun: z.boolean().optional() }).strict(),
  check: probeOptionsSchema
    .omit({ targets: true })
    .extend({ host: z.string().min(1).max(300), sni: z.string().max(253).nullable().optional(), caFile: path.optional() })
    .strict(),
  explain: z.object({ text: z.string().max(200_000), lang }).strict(),
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
