// `npm run bench`: invocations per second and latency of a simple function through the local
// cloud's client entry (POST /functions/ping: one worker invocation + one database read), at
// 1 and 8 concurrent callers, plus database operations per call from the invocation log.
// Uses the same child-process local cloud as the tests (test/helpers/local-cloud.ts).
import {
  FIXTURE_FUNCTIONS,
  type LocalCloud,
  startLocalCloud,
} from '../../test/helpers/local-cloud';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 4000);
const CONCURRENCY = [1, 8];

interface Row {
  callers: number;
  calls: number;
  perSecond: number;
  p50: number;
  p99: number;
  dbOpsPerCall: number;
}

async function main(): Promise<void> {
  const cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
  try {
    await cloud.http('POST', '/admin', {
      action: 'database.insertDocument',
      collectionName: 'bench',
      data: ['{"_id":"doc","n":1}'],
    });
    // Warm every worker the pool may use, so the figures show warm containers.
    await Promise.all(Array.from({ length: 8 }, () => cloud.callFunction('ping', {})));
    const rows: Row[] = [];
    for (const callers of CONCURRENCY) rows.push(await measure(cloud, callers));
    console.log(
      `\nlocal cloud bench: function "ping" via POST /functions, ${DURATION_MS} ms per row\n`,
    );
    console.table(
      rows.map((r) => ({
        callers: r.callers,
        calls: r.calls,
        'calls/s': r.perSecond.toFixed(0),
        'p50 ms': r.p50.toFixed(1),
        'p99 ms': r.p99.toFixed(1),
        'db ops/call': r.dbOpsPerCall.toFixed(2),
      })),
    );
  } finally {
    await cloud.stop();
  }
}

async function measure(cloud: LocalCloud, callers: number): Promise<Row> {
  await cloud.http('DELETE', '/functions/log');
  const latencies: number[] = [];
  const deadline = performance.now() + DURATION_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        await cloud.callFunction('ping', { id: 'doc' });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const log = await cloud.functionLog();
  const dbOps = log.reduce((sum, record) => sum + Number(record.dbOps), 0);
  latencies.sort((a, b) => a - b);
  return {
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

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
