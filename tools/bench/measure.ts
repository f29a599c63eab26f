// The measuring loop every bench row shares: `callers` concurrent loops call `next` until the
// time is up (or it has no more work), then latency percentiles and database operations per
// call from the local cloud's invocation log.
import type { LocalCloud } from '../../test/helpers/local-cloud';

export const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);

export interface Row {
  what: string;
  callers: number;
  calls: number;
  perSecond: number;
  p50: number;
  p99: number;
  dbOpsPerCall: number;
}

/** One unit of work; returns false when there is nothing left to do. */
export type Step = () => Promise<boolean>;

/** Which invocations of the log belong to the measured call (e.g. the api's order.create). */
export type LogFilter = (record: Record<string, unknown>) => boolean;

export async function measure(
  cloud: LocalCloud,
  what: string,
  callers: number,
  step: Step,
  counted: LogFilter,
): Promise<Row> {
  await cloud.http('DELETE', '/functions/log');
  const latencies: number[] = [];
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        if (!(await step())) return;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  // The log keeps the last 500 invocations: enough for a per-call average.
  const log = (await cloud.functionLog()).filter(counted);
  const dbOps = log.reduce((sum, record) => sum + Number(record.dbOps), 0);
  latencies.sort((a, b) => a - b);
  return {
    what,
    callers,
    calls: latencies.length,
    perSecond: (latencies.length / elapsed) * 1000,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    dbOpsPerCall: log.length ? dbOps / log.length : 0,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function printRows(title: string, rows: Row[]): void {
  console.log(`\n${title} (${DURATION_MS} ms per row)\n`);
  console.table(
    rows.map((r) => ({
      what: r.what,
      callers: r.callers,
      calls: r.calls,
      'calls/s': r.perSecond.toFixed(0),
      'p50 ms': r.p50.toFixed(1),
      'p99 ms': r.p99.toFixed(1),
      'db ops/call': r.dbOpsPerCall.toFixed(2),
    })),
  );
}
