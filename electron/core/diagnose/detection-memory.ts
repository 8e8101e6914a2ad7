import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DetectionResult } from '../../../shared/detection.js';
import type { DetectionMemory } from '../../../shared/explain.js';
import { atomicWrite } from '../fs/atomic-write.js';
import { appDataDir } from '../app-data.js';

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

export async function recallDetection(env: NodeJS.ProcessEnv, file = memoryFile(env)): Promise<DetectionMemory | null> {
  if (!file) return null;
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as Partial<DetectionMemory> & {
      verdict?: string;
      inspectionCa?: { subject?: string; fingerprint256?: string };
      vendor?: unknown;
      startedAt?: string;
    };
    // Accept both our memory file and a saved `detect --json` report.
    if (!data.verdict) return null;
    const vendor = typeof data.vendor === 'string' ? data.vendor : ((data.vendor as { name?: string } | null)?.name ?? null);
    return {
      verdict: data.verdict as DetectionMemory['verdict'],
      vendor,
      caSubject: data.caSubject ?? data.inspectionCa?.subject ?? null,
      caFingerprint256: data.caFingerprint256 ?? data.inspectionCa?.fingerprint256 ?? null,
      at: data.at ?? data.startedAt ?? '',
    };
  } catch {
    return null;
  }
}
