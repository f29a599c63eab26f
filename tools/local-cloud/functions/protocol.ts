// Messages between the runtime (main thread) and a function worker.

/** workerData of a function worker: the index.js it serves. */
export interface WorkerData {
  entry: string;
  /** The local cloud's clock offset (clock.ts), shared. */
  clock?: SharedArrayBuffer;
}

/** Sent once by a worker after it loaded the function (a warm container). */
export interface ReadyMessage {
  ready: true;
}

export interface InvokeMessage {
  /** Variables set on the worker's own process.env for this invocation only. */
  env: Record<string, string>;
  /** Variables from the previous invocation to remove first. */
  unset: string[];
  event: unknown;
  context: Record<string, unknown>;
}

export type ResultMessage =
  { ok: true; result: unknown } | { ok: false; error: { message: string; stack?: string } };
