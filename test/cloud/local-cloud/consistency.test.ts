// Concurrency, transactions and durability, through functions running in the worker pool.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURE_FUNCTIONS, type LocalCloud, startLocalCloud } from '../../helpers/local-cloud';
import { find, value } from './chain';

jest.setTimeout(60_000);

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
});
afterAll(() => cloud.stop());

test('50 concurrent conditional decrements on stock 20: exactly 20 succeed, stock ends at 0', async () => {
  await value(cloud, { coll: 'stock', chain: [['add', { data: { _id: 'tea', stock: 20 } }]] });
  const updated = await Promise.all(
    Array.from({ length: 50 }, () =>
      cloud.callFunction<number>('counter', { action: 'takeOne', coll: 'stock', id: 'tea' }),
    ),
  );
  expect(updated.filter((n) => n === 1)).toHaveLength(20);
  expect(updated.filter((n) => n === 0)).toHaveLength(30);
  expect((await find(cloud, 'stock', { _id: 'tea' }))[0].stock).toBe(0);
});

test('20 concurrent read-modify-write transactions on one document lose no update', async () => {
  // As in the cloud, a conflicting transaction is aborted at once and runTransaction retries it
  // 3 times, so under contention some calls may fail with a conflict; none is lost or doubled.
  await value(cloud, { coll: 'counters', chain: [['add', { data: { _id: 'c', n: 0 } }]] });
  const settled = await Promise.allSettled(
    Array.from({ length: 20 }, () =>
      cloud.callFunction<number>('counter', { action: 'txIncrement', coll: 'counters', id: 'c' }),
    ),
  );
  const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  for (const s of settled) {
    if (s.status === 'rejected') expect(String(s.reason)).toMatch(/TransactionConflict/);
  }
  expect(results.length).toBeGreaterThan(0);
  expect([...results].sort((a, b) => a - b)).toEqual(
    Array.from({ length: results.length }, (_, i) => i + 1),
  );
  expect((await find(cloud, 'counters', { _id: 'c' }))[0].n).toBe(results.length);
});

test('a transaction that throws leaves nothing behind', async () => {
  await value(cloud, { coll: 'tx', chain: [['add', { data: { _id: 'keep', n: 1 } }]] });
  await expect(
    cloud.callFunction('counter', { action: 'txThrow', coll: 'tx', id: 'keep' }),
  ).rejects.toThrow(/changed my mind/);
  expect(await find(cloud, 'tx', {})).toEqual([{ _id: 'keep', n: 1 }]);
});

test('startTransaction + rollback discards, + commit applies both writes', async () => {
  await value(cloud, { coll: 'tx2', chain: [['add', { data: { _id: 'a', n: 1 } }]] });
  expect(await cloud.callFunction('counter', { action: 'txRollback', coll: 'tx2', id: 'a' })).toBe(
    1,
  );
  expect(await cloud.callFunction('counter', { action: 'txCommit', coll: 'tx2', id: 'a' })).toEqual(
    {
      _id: 'a',
      n: 7,
      note: 'set in tx',
    },
  );
  expect((await find(cloud, 'tx2', { _id: 'a-sibling' }))[0]).toEqual({ _id: 'a-sibling', n: 1 });
});

test('an acknowledged write survives kill -9 and restart', async () => {
  const written = await value(cloud, {
    coll: 'durable',
    chain: [['add', { data: { paid: true } }]],
  });
  await value(cloud, {
    coll: 'durable',
    doc: written._id,
    chain: [['update', { data: { amount: 1234 } }]],
  });
  await cloud.kill();
  await cloud.restart();
  expect(await find(cloud, 'durable', {})).toEqual([
    { _id: written._id, paid: true, amount: 1234 },
  ]);
  // The restarted server compacted the log and keeps accepting writes on top of it.
  await value(cloud, { coll: 'durable', chain: [['add', { data: { _id: 'after' } }]] });
  await cloud.kill();
  await cloud.restart();
  expect((await find(cloud, 'durable', {})).map((d) => d._id).sort()).toEqual(
    ['after', written._id].sort(),
  );
});

test('writes from 8 callers at once (synced in groups) all survive kill -9 once acknowledged', async () => {
  const insert = (i: number) =>
    cloud.http('POST', '/admin', {
      action: 'database.insertDocument',
      collectionName: 'grouped',
      data: [JSON.stringify({ _id: `w${i}`, i })],
    });
  const writes = 400;
  await Promise.all(
    Array.from({ length: 8 }, async (_, caller) => {
      for (let i = caller; i < writes; i += 8) {
        expect((await insert(i)).json).not.toHaveProperty('code');
      }
    }),
  );
  await cloud.kill();
  await cloud.restart();
  expect(await value(cloud, { coll: 'grouped', chain: [['count']] })).toMatchObject({
    total: writes,
  });
});

test('a torn last log line (crash mid-append) is ignored; everything acknowledged is kept', async () => {
  await value(cloud, { coll: 'torn', chain: [['add', { data: { _id: 'kept', v: 1 } }]] });
  await cloud.kill();
  fs.appendFileSync(path.join(cloud.dataDir, 'db.log'), '[{"coll":"torn","id":"half","doc":{"_id"');
  await cloud.restart();
  expect(await find(cloud, 'torn', {})).toEqual([{ _id: 'kept', v: 1 }]);
});
