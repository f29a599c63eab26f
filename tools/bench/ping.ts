// The local cloud itself: a fixture function making one database read, through the client
// entry (POST /functions/ping), so the figures are the emulator's own overhead.
import { FIXTURE_FUNCTIONS, startLocalCloud } from '../../test/helpers/local-cloud';
import { measure, type Row } from './measure';

export async function benchPing(callerCounts: number[]): Promise<Row[]> {
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
    for (const callers of callerCounts) {
      const step = async () => {
        await cloud.callFunction('ping', { id: 'doc' });
        return true;
      };
      rows.push(await measure(cloud, 'ping', callers, step, (r) => r.function === 'ping'));
    }
    return rows;
  } finally {
    await cloud.stop();
  }
}
