// The measuring loop every bench row shares: `callers` concurrent loops call `next` until the
// time is up (or it has no more work), then latency percentiles, database operations per call
// from the local cloud's invocation log, and the CPU time the local cloud's process spent per
// call (server and function threads together; steadier across runs on a shared machine than
// latency, which follows whatever else the two cores are doing).
import fs from 'node:fs';
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
  /** ms of CPU of the local cloud's process per call; NaN where /proc is not there */
  cpuMsPerCall: number;
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
  const cpuBefore = processCpuMs(cloud.pid);
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
  const cpuMs = processCpuMs(cloud.pid) - cpuBefore;
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
    cpuMsPerCall: cpuMs / latencies.length,
  };
}

/** User + system CPU time of a process, in ms (Linux /proc; NaN elsewhere). */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
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
      'CPU ms/call': r.cpuMsPerCall.toFixed(2),
    })),
  );
}
