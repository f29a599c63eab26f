// Shared by the database suites: build calls for the `chain` fixture function, which runs them
// through the real wx-server-sdk inside a worker (see test/fixtures/functions/chain/index.js).
import type { LocalCloud } from '../../helpers/local-cloud';

export type Call =
  { coll: string; doc?: string; chain: unknown[][] } | { aggregate: string; stages: unknown[][] };

export interface CallResult {
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  value?: any;
  errCode?: number;
  errMsg?: string;
}

export const cmd = (name: string, ...args: unknown[]) => ({ $cmd: name, args });

export async function run(cloud: LocalCloud, call: Call): Promise<CallResult> {
  return cloud.callFunction<CallResult>('chain', call);
}

/** Runs one call and returns its value, failing the test with the SDK's error otherwise. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function value(cloud: LocalCloud, call: Call): Promise<any> {
  const result = await run(cloud, call);
  if (!result.ok) throw new Error(`${result.errCode}: ${result.errMsg}`);
  return result.value;
}

/** where(query).get() → data */
export async function find(
  cloud: LocalCloud,
  coll: string,
  query: unknown,
  ...more: unknown[][]
): Promise<Array<Record<string, unknown>>> {
  return (await value(cloud, { coll, chain: [['where', query], ...more, ['get']] })).data;
}
