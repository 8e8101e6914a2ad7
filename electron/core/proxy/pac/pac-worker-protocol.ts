/** The messages between the PAC engine and its worker thread (pac-worker.ts). */

/** How a script that ran out of memory is described, by the thread and by the engine (pacProblem tells it apart). */
export const MEMORY_TEXT = 'used more memory than allowed';

export interface PacWorkerData {
  script: string;
  timeoutMs: number;
  /** Bytes QuickJS may allocate inside its WebAssembly memory. */
  memoryLimit: number;
}

export interface ToPacWorker {
  url: string;
  host: string;
}

/** Why an evaluation gave no answer: out of time, or the script failed (out of memory among others). */
export type PacFailureCode = 'pac-timeout' | 'pac-error';

export type FromPacWorker =
  /** The VM exists; the script's own time limit starts now. */
  | { type: 'loading' }
  | { type: 'ready' }
  | { type: 'load-failed'; code: PacFailureCode; text: string }
  /** What the script passed to alert(), cut to a few hundred characters, not yet escaped. */
  | { type: 'alert'; text: string }
  | { type: 'answer'; ok: true; value: string }
  | { type: 'answer'; ok: false; code: PacFailureCode; text: string };
