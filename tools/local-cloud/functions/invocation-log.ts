// The last invocations, in memory, for the console and tests (GET /functions/log).

export interface InvocationRecord {
  id: string;
  function: string;
  action?: string;
  source: string;
  openid?: string;
  startedAt: string;
  /** Waiting for a worker: a free one in a burst, or a new one starting (then `coldStart`). */
  queuedMs?: number;
  /** The run itself, from the worker taking the event to its answer. */
  durationMs?: number;
  coldStart?: true;
  dbOps: number;
  error?: string;
}

export class InvocationLog {
  private readonly records: InvocationRecord[] = [];

  constructor(private readonly capacity = 500) {}

  add(record: InvocationRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.shift();
  }

  list(): InvocationRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records.length = 0;
  }
}
