import type { DetectionResult } from '../../../shared/detection.js';
import type { TrustInputs } from '../detect.js';

export interface StoredDetection {
  detection: DetectionResult;
  /** The trust sets the detection judged with: an export from it must use the same ones. */
  trust: TrustInputs;
}

export interface DetectionStore {
  keep(entry: StoredDetection): void;
  get(id: string): StoredDetection | undefined;
}

/** The last few detections by id, oldest dropped first: bounded, since a page may run Check many times. */
export function createDetectionStore(limit = 8): DetectionStore {
  const entries = new Map<string, StoredDetection>();
  return {
    keep(entry) {
      entries.delete(entry.detection.id);
      entries.set(entry.detection.id, entry);
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
    get: (id) => entries.get(id),
  };
}
