// The database basics through @cloudbase/node-sdk used directly (the newest, a devDependency),
// not only through the 3.17.2 that wx-server-sdk pins. Its API has no `{data}` wrappers and
// answers `{data, requestId}` / `{updated}` / `{id, ids}`.
import { type LocalCloud, startLocalCloud } from '../../helpers/local-cloud';

jest.setTimeout(60_000);

let cloud: LocalCloud;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let db: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tx = any;

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: '/nonexistent' });
  Object.assign(process.env, cloud.env);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk');
  db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
});
afterAll(() => cloud.stop());

test('is the newest node-sdk, not the one wx-server-sdk pins', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('@cloudbase/node-sdk/package.json');
  expect(version).toMatch(/^3\.(1[8-9]|[2-9]\d)\./);
});

test('add, doc().get, where with commands, orderBy/skip/limit/field, count', async () => {
  const _ = db.command;
  const one = await db.collection('goods').add({ _id: 'tea', price: 300, tags: ['hot'] });
  expect(one.id).toBe('tea');
  const many = await db.collection('goods').add([
    { _id: 'latte', price: 1800, tags: ['hot', 'milk'] },
    { _id: 'ice', price: 1500, tags: ['cold'] },
  ]);
  expect(many.ids).toEqual(['latte', 'ice']);
  expect((await db.collection('goods').doc('tea').get()).data).toEqual([
    { _id: 'tea', price: 300, tags: ['hot'] },
  ]);
  const { data } = await db
    .collection('goods')
    .where({ price: _.gte(1000), tags: _.in(['hot', 'cold']) })
    .orderBy('price', 'desc')
    .skip(1)
    .limit(5)
    .field({ price: true })
    .get();
  expect(data).toEqual([{ _id: 'ice', price: 1500 }]);
  expect((await db.collection('goods').where({ tags: 'hot' }).count()).total).toBe(2);
});

test('update with commands, set, updateAndReturn, remove', async () => {
  const _ = db.command;
  await db.collection('cups').add({ _id: 'c', n: 1, list: [1] });
  expect(
    (
      await db
        .collection('cups')
        .doc('c')
        .update({ n: _.inc(2), list: _.push(2) })
    ).updated,
  ).toBe(1);
  expect(
    (
      await db
        .collection('cups')
        .doc('c')
        .set({ n: 3, list: [1, 2] })
    ).updated,
  ).toBe(1);
  const returned = await db.collection('cups').where({ _id: 'c' }).updateAndReturn({ n: 3 });
  expect(returned).toMatchObject({ updated: 1, doc: { _id: 'c', n: 3, list: [1, 2] } });
  const none = await db.collection('cups').where({ _id: 'nope' }).updateAndReturn({ n: 1 });
  expect(none).toMatchObject({ updated: 0, doc: null });
  expect((await db.collection('cups').doc('c').remove()).deleted).toBe(1);
  expect((await db.collection('cups').get()).data).toEqual([]);
});

test('aggregate with $lookup and accumulators', async () => {
  const $ = db.command.aggregate;
  await db.collection('orders').add([
    { _id: 'o1', user: 'u1', total: 100 },
    { _id: 'o2', user: 'u1', total: 250 },
  ]);
  await db.collection('users').add({ _id: 'u1', name: 'Ann' });
  const { data } = await db
    .collection('orders')
    .aggregate()
    .group({ _id: '$user', sum: $.sum('$total') })
    .lookup({ from: 'users', localField: '_id', foreignField: '_id', as: 'who' })
    .end();
  expect(data).toEqual([{ _id: 'u1', sum: 350, who: [{ _id: 'u1', name: 'Ann' }] }]);
});

test('transactions: runTransaction, where().get and updateAndReturn inside, conflicts', async () => {
  await db.collection('wallets').add({ _id: 'w', balance: 100 });
  const left = await db.runTransaction(async (tx: Tx) => {
    const { data } = await tx.collection('wallets').doc('w').get();
    await tx
      .collection('wallets')
      .doc('w')
      .update({ balance: data.balance - 30 });
    const found = await tx.collection('wallets').where({ balance: 70 }).get();
    expect(found.data).toHaveLength(1);
    const returned = await tx
      .collection('wallets')
      .where({ _id: 'w' })
      .updateAndReturn({ note: 'paid' });
    return returned.doc;
  });
  expect(left).toEqual({ _id: 'w', balance: 70, note: 'paid' });
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  await t1.collection('wallets').doc('w').update({ balance: 1 });
  await expect(t2.collection('wallets').doc('w').update({ balance: 2 })).rejects.toMatchObject({
    code: 'DATABASE_TRANSACTION_CONFLICT',
  });
  await t1.commit();
  expect((await db.collection('wallets').doc('w').get()).data[0].balance).toBe(1);
});

test('ObjectId values, _id included, are answered as their hex string', async () => {
  const hex = '5f0c8b2e9d1e4a0012345678';
  const other = '5f0c8b2e9d1e4a0087654321';
  const added = await db
    .collection('oid')
    .add({ _id: db.ObjectId({ id: hex }), ref: db.ObjectId({ id: other }) });
  expect(added.id).toBe(hex);
  const { data } = await db
    .collection('oid')
    .where({ ref: db.ObjectId({ id: other }) })
    .get();
  expect(data).toEqual([{ _id: hex, ref: other }]);
});
