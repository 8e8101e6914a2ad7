/** The messages between the PAC engine and its worker thread (pac-worker.ts). */

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

export type FromPacWorker =
  /** The VM exists; the script's own time limit starts now. */
  | { type: 'loading' }
  | { type: 'ready' }
  | { type: 'load-failed'; code: 'pac-timeout' | 'pac-error'; text: string }
  /** What the script passed to alert(), cut to a few hundred characters, not yet escaped. */
  | { type: 'alert'; text: string }
  | { type: 'answer'; ok: true; value: string }
  | { type: 'answer'; ok: false; code: 'pac-timeout' | 'pac-error'; text: string };
