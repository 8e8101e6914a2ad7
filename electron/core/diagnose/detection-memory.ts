import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { VERDICTS, type DetectionResult } from '../../../shared/detection.js';
import type { DetectionMemory } from '../../../shared/explain.js';
import { atomicWrite } from '../fs/atomic-write.js';
import { appDataDir } from '../app-data.js';
import { escapeNetworkText } from '../../../shared/network-text.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';

/** Our own cache folder, only where the environment names a home for it (never guessed in tests or sandboxes). */
export function memoryFile(env: NodeJS.ProcessEnv): string | null {
  const dir = appDataDir('cache', env);
  return dir ? path.join(dir, 'last-detection.json') : null;
}

export async function rememberDetection(result: DetectionResult, env: NodeJS.ProcessEnv): Promise<void> {
  const file = memoryFile(env);
  if (!file || result.verdict === 'inconclusive') return;
  const memory: DetectionMemory = {
    verdict: result.verdict,
    vendor: result.vendor?.name ?? null,
    caSubject: result.inspectionCa?.subject ?? null,
    caFingerprint256: result.inspectionCa?.fingerprint256 ?? null,
    at: result.startedAt,
  };
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await atomicWrite(file, JSON.stringify(memory, null, 2));
  } catch {
    // A cache that cannot be written only costs explain its local context.
  }
}

const text = z.string().max(2000);
const VERDICT = z.enum(VERDICTS);

/**
 * What explain accepts: our own memory file, or a saved `detect --json` report. Either may have been
 * edited by hand or be something else entirely, so every field used is checked for its type; other
 * fields of a report are ignored.
 */
const MEMORY_FILE = z.object({
  verdict: VERDICT,
  vendor: text.nullable(),
  caSubject: text.nullable(),
  caFingerprint256: text.nullable(),
  at: text,
});
const DETECT_REPORT = z.object({
  verdict: VERDICT,
  vendor: z.object({ name: text }).nullable().optional(),
  inspectionCa: z.object({ subject: text, fingerprint256: text.nullable().optional() }).nullable().optional(),
  startedAt: text,
});

/** Reads a memory file or a saved report; the error names the file and what is wrong with it. */
export async function readDetectionMemory(file: string): Promise<Result<DetectionMemory>> {
  let data: unknown;
  try {
    data = JSON.parse((await readUserFile(file)).toString('utf8'));
  } catch (error) {
    if (error instanceof UserFileError) return fail('bad-input', error.message, undefined, error.detail);
    return fail('bad-input', `${file}: not JSON (${(error as Error).message})`);
  }
  // Our memory file has "at"; a detect report has "startedAt" (and much more, ignored here).
  const isMemoryFile = typeof data === 'object' && data !== null && 'at' in data;
  const parsed = isMemoryFile ? MEMORY_FILE.safeParse(data) : DETECT_REPORT.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'the document';
    return fail('bad-input', `${file}: not a "ca-bridge detect --json" report (${where}: ${issue?.message ?? 'unexpected shape'})`);
  }
  const value: DetectionMemory =
    'at' in parsed.data
      ? parsed.data
      : {
          verdict: parsed.data.verdict,
          vendor: parsed.data.vendor?.name ?? null,
          caSubject: parsed.data.inspectionCa?.subject ?? null,
          caFingerprint256: parsed.data.inspectionCa?.fingerprint256 ?? null,
          at: parsed.data.startedAt,
        };
  // Names in it came from certificates: a hand-edited file is no safer than the network.
  return ok({
    ...value,
    vendor: value.vendor === null ? null : escapeNetworkText(value.vendor),
    caSubject: value.caSubject === null ? null : escapeNetworkText(value.caSubject),
  });
}

/** The last detection, for explain's local context; null when there is none or it cannot be used. */
export async function recallDetection(env: NodeJS.ProcessEnv, file = memoryFile(env)): Promise<DetectionMemory | null> {
  if (!file) return null;
  const memory = await readDetectionMemory(file);
  return memory.ok ? memory.value : null;
}
