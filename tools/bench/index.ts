// `npm run bench`: throughput, p50/p99 latency and database operations per call at 1 and 8
// concurrent callers — the local cloud on its own, then the order and payment path.
// BENCH_DURATION_MS sets the time per row (default 4000).
import { closeClient } from './client';
import { printRows } from './measure';
import { benchOrders } from './orders';
import { benchPing } from './ping';

const CALLERS = [1, 8];

async function main(): Promise<void> {
  printRows('local cloud: POST /functions/hello and /ping', await benchPing(CALLERS));
  printRows('orders on the demo store: api and payNotify', await benchOrders(CALLERS));
  closeClient();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
