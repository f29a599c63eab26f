// The last invocations, in memory, for the console and tests (GET /functions/log).

export interface InvocationRecord {
  id: string;
  function: string;
  action?: string;
  source: string;
  openid?: string;
  startedAt: string;
  durationMs?: number;
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
