// The local cloud itself, through the client entry (POST /functions/<name>), so the figures are
// the emulator's own overhead: `hello` (the SDK loaded, no database) and `ping` (one read).
import { FIXTURE_FUNCTIONS, startLocalCloud } from '../../test/helpers/local-cloud';
import { callFunction } from './client';
import { measure, type Row } from './measure';

const FUNCTIONS = ['hello', 'ping'];

export async function benchPing(callerCounts: number[]): Promise<Row[]> {
  const cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
  try {
    await cloud.http('POST', '/admin', {
      action: 'database.insertDocument',
      collectionName: 'bench',
      data: ['{"_id":"doc","n":1}'],
    });
    const rows: Row[] = [];
    for (const name of FUNCTIONS) {
      // Warm every worker the pool may use, so the figures show warm containers.
      await Promise.all(Array.from({ length: 8 }, () => callFunction(cloud.url, name, {})));
      for (const callers of callerCounts) {
        const step = async () => {
          await callFunction(cloud.url, name, { id: 'doc' });
          return true;
        };
        rows.push(await measure(cloud, name, callers, step, (r) => r.function === name));
      }
    }
    return rows;
  } finally {
    await cloud.stop();
  }
}
