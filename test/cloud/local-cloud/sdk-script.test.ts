// "A Node script that only uses wx-server-sdk and the documented variables": the real SDK in this
// process, pointed at the local cloud through `cloud.env` (docs/LOCAL-CLOUD.md), no functions.
import { type LocalCloud, startLocalCloud, withSdk } from '../../helpers/local-cloud';

jest.setTimeout(60_000);

let cloud: LocalCloud;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let db: any;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: '/nonexistent' });
  db = withSdk(cloud).database();
});
afterAll(() => cloud.stop());

test('documents the exact variables', () => {
  expect(Object.keys(cloud.env).sort()).toEqual(
    [
      'SCF_NAMESPACE',
      'TCB_CONTEXT_CNFG',
      'TCB_ENV',
      'TENCENTCLOUD_REGION',
      'TENCENTCLOUD_RUNENV',
      'TENCENTCLOUD_SECRETID',
      'TENCENTCLOUD_SECRETKEY',
    ].sort(),
  );
  expect(JSON.parse(cloud.env.TCB_CONTEXT_CNFG)).toEqual({
    URL: `http://127.0.0.1:${cloud.port}/admin`,
  });
});

test('add, query with operators, update with commands, aggregate', async () => {
  const _ = db.command;
  await db.collection('orders').add({
    data: [
      { _id: 'o1', total: 1200, items: ['tea'], status: 'paid' },
      { _id: 'o2', total: 3400, items: ['latte', 'cake'], status: 'paid' },
      { _id: 'o3', total: 800, items: [], status: 'cancelled' },
    ],
  });
  const { data } = await db
    .collection('orders')
    .where({ total: _.gte(1000), status: _.in(['paid']) })
    .orderBy('total', 'desc')
    .get();
  expect(data.map((o: { _id: string }) => o._id)).toEqual(['o2', 'o1']);
  const { stats } = await db
    .collection('orders')
    .doc('o1')
    .update({ data: { total: _.inc(100), items: _.push('scone'), paidAt: db.serverDate() } });
  expect(stats.updated).toBe(1);
  const { data: o1 } = await db.collection('orders').doc('o1').get();
  expect(o1).toMatchObject({ total: 1300, items: ['tea', 'scone'] });
  expect(o1.paidAt).toBeInstanceOf(Date);
  const $ = _.aggregate;
  const { list } = await db
    .collection('orders')
    .aggregate()
    .match({ status: 'paid' })
    .group({ _id: null, sum: $.sum('$total') })
    .end();
  expect(list).toEqual([{ _id: null, sum: 4700 }]);
});

test('a rolled-back transaction changes nothing; conflicting transactions lose no update', async () => {
  await db.collection('wallets').add({ data: { _id: 'w', balance: 100 } });
  await expect(
    db.runTransaction(
      async (tx: {
        collection(name: string): { doc(id: string): { update(u: unknown): Promise<unknown> } };
      }) => {
        await tx
          .collection('wallets')
          .doc('w')
          .update({ data: { balance: 0 } });
        throw new Error('refused');
      },
    ),
  ).rejects.toThrow('refused');
  expect((await db.collection('wallets').doc('w').get()).data.balance).toBe(100);
  // Concurrent transactions on one document: conflicts abort the later writer (runTransaction
  // retries 3 times), so some may fail; every one that commits is counted exactly once.
  const settled = await Promise.allSettled(
    Array.from({ length: 10 }, () =>
      db.runTransaction(
        async (tx: {
          collection(name: string): {
            doc(id: string): {
              get(): Promise<{ data: { balance: number } }>;
              update(u: unknown): Promise<unknown>;
            };
          };
        }) => {
          const { data: wallet } = await tx.collection('wallets').doc('w').get();
          await tx
            .collection('wallets')
            .doc('w')
            .update({ data: { balance: wallet.balance - 10 } });
        },
      ),
    ),
  );
  const committed = settled.filter((s) => s.status === 'fulfilled').length;
  expect(committed).toBeGreaterThan(0);
  expect((await db.collection('wallets').doc('w').get()).data.balance).toBe(100 - 10 * committed);
});

test('nearest store with geoNear', async () => {
  const _ = db.command;
  await db.collection('stores').add({
    data: [
      { _id: 'far', location: db.Geo.Point(116.397, 39.908) },
      { _id: 'near', location: db.Geo.Point(121.48, 31.23) },
    ],
  });
  const { data } = await db
    .collection('stores')
    .where({ location: _.geoNear({ geometry: db.Geo.Point(121.47, 31.23) }) })
    .limit(1)
    .get();
  expect(data.map((s: { _id: string }) => s._id)).toEqual(['near']);
});

test('bad input gets a clear error and writes nothing', async () => {
  await expect(db.collection('bad name!').add({ data: { a: 1 } })).rejects.toThrow(
    /invalid collection name/,
  );
  const answer = await cloud.http('POST', '/admin', { action: 'database.teleport' });
  expect(answer.json).toMatchObject({
    code: 'INVALID_PARAM',
    message: expect.stringMatching(/database.teleport/),
  });
  expect((await cloud.http('GET', '/console/api/collections')).json).toEqual(
    expect.not.arrayContaining([expect.objectContaining({ name: 'bad name!' })]),
  );
});
