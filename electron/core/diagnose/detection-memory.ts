import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DetectionResult } from '../../../shared/detection.js';
import type { DetectionMemory } from '../../../shared/explain.js';
import { atomicWrite } from '../fs/atomic-write.js';
import { readUserFile, UserFileError } from '../fs/read-user-file.js';

/** Our own cache folder, only where the environment names a home for it (never guessed in tests or sandboxes). */
export function memoryFile(env: NodeJS.ProcessEnv): string | null {
  const base = env.XDG_CACHE_HOME ?? env.LOCALAPPDATA ?? (env.HOME ? path.join(env.HOME, '.cache') : null);
  return base ? path.join(base, 'ca-bridge', 'last-detection.json') : null;
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

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const VERDICTS = new Set<string>(['inspected', 'partial', 'clean', 'inconclusive']);

/**
 * The last detection: our cache file, or a saved `detect --json` report the user names (`--detection`).
 * Read through readUserFile like every file a user names: a FIFO there would hang explain, /dev/zero
 * would fill memory. A named file that cannot be read is that file's error (UserFileError, naming it);
 * an unusable cache file only costs explain its local context. Fields of the wrong type count as absent.
 */
export async function recallDetection(env: NodeJS.ProcessEnv, named?: string): Promise<DetectionMemory | null> {
  const file = named ?? memoryFile(env);
  if (!file) return null;
  let data: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse((await readUserFile(file, named ? { label: '--detection' } : {})).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    data = parsed as Record<string, unknown>;
  } catch (error) {
    if (named && error instanceof UserFileError) throw error;
    return null;
  }
  // Accept both our memory file and a saved `detect --json` report.
  const verdict = text(data.verdict);
  if (!verdict || !VERDICTS.has(verdict)) return null;
  const field = (value: unknown, key: string) =>
    typeof value === 'object' && value !== null ? text((value as Record<string, unknown>)[key]) : null;
  return {
    verdict: verdict as DetectionMemory['verdict'],
    vendor: text(data.vendor) ?? field(data.vendor, 'name'),
    caSubject: text(data.caSubject) ?? field(data.inspectionCa, 'subject'),
    caFingerprint256: text(data.caFingerprint256) ?? field(data.inspectionCa, 'fingerprint256'),
    at: text(data.at) ?? text(data.startedAt) ?? '',
  };
}
