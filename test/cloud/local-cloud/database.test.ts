// The database through the real wx-server-sdk running in a function worker.
import { FIXTURE_FUNCTIONS, type LocalCloud, startLocalCloud } from '../../helpers/local-cloud';
import { cmd, find, run, value } from './chain';

jest.setTimeout(60_000);

let cloud: LocalCloud;

const goods = [
  {
    _id: 'tea',
    name: 'Green Tea',
    price: 300,
    tags: ['hot', 'tea'],
    stock: 5,
    spec: { size: 'M' },
  },
  { _id: 'latte', name: 'Latte', price: 1800, tags: ['hot', 'coffee', 'milk'], stock: 0 },
  { _id: 'ice', name: 'Iced Americano', price: 1500, tags: ['cold', 'coffee'], stock: 9 },
  { _id: 'cake', name: 'Cheesecake', price: 2600, tags: [], note: 'seasonal' },
];

const ids = (docs: Array<Record<string, unknown>>) => docs.map((d) => d._id).sort();

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
  for (const doc of goods) await value(cloud, { coll: 'goods', chain: [['add', { data: doc }]] });
});
afterAll(() => cloud.stop());

describe('documents', () => {
  test('add generates a 32-hex _id; doc().get returns it; missing doc is an error', async () => {
    const { _id } = await value(cloud, { coll: 'misc', chain: [['add', { data: { a: 1 } }]] });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const got = await value(cloud, { coll: 'misc', doc: _id, chain: [['get']] });
    expect(got.data).toEqual({ _id, a: 1 });
    const missing = await run(cloud, { coll: 'misc', doc: 'nope', chain: [['get']] });
    expect(missing.ok).toBe(false);
    expect(missing.errMsg).toMatch(/does not exist/);
  });

  test('doc().set replaces, update merges, remove deletes', async () => {
    await value(cloud, {
      coll: 'misc',
      doc: 'd1',
      chain: [['set', { data: { a: 1, b: { c: 2 } } }]],
    });
    await value(cloud, { coll: 'misc', doc: 'd1', chain: [['update', { data: { b: { d: 3 } } }]] });
    let got = await value(cloud, { coll: 'misc', doc: 'd1', chain: [['get']] });
    expect(got.data).toEqual({ _id: 'd1', a: 1, b: { c: 2, d: 3 } });
    const set = await value(cloud, {
      coll: 'misc',
      doc: 'd1',
      chain: [['set', { data: { z: 9 } }]],
    });
    expect(set.stats.updated).toBe(1);
    got = await value(cloud, { coll: 'misc', doc: 'd1', chain: [['get']] });
    expect(got.data).toEqual({ _id: 'd1', z: 9 });
    const removed = await value(cloud, { coll: 'misc', doc: 'd1', chain: [['remove']] });
    expect(removed.stats.removed).toBe(1);
    expect(await find(cloud, 'misc', { _id: 'd1' })).toEqual([]);
  });

  test('Date values and serverDate come back as Dates', async () => {
    await value(cloud, {
      coll: 'misc',
      chain: [
        [
          'add',
          {
            data: {
              _id: 'dates',
              at: { $date: '2024-05-01T08:00:00.000Z' },
              now: { $serverDate: {} },
            },
          },
        ],
      ],
    });
    const [doc] = await find(cloud, 'misc', { _id: 'dates' });
    expect(doc.at).toEqual({ $date: '2024-05-01T08:00:00.000Z' });
    const now = new Date((doc.now as { $date: string }).$date).getTime();
    expect(Math.abs(now - Date.now())).toBeLessThan(10_000);
    const later = await find(cloud, 'misc', { at: cmd('gt', { $date: '2024-01-01T00:00:00Z' }) });
    expect(ids(later)).toEqual(['dates']);
  });

  test('add with an existing _id fails and writes nothing', async () => {
    const dup = await run(cloud, {
      coll: 'goods',
      chain: [['add', { data: { _id: 'tea', name: 'x' } }]],
    });
    expect(dup.ok).toBe(false);
    expect((await find(cloud, 'goods', { _id: 'tea' }))[0].name).toBe('Green Tea');
  });
});

describe('query commands', () => {
  const cases: Array<[string, unknown, string[]]> = [
    ['eq', { price: cmd('eq', 300) }, ['tea']],
    ['neq', { price: cmd('neq', 300) }, ['cake', 'ice', 'latte']],
    ['lt', { price: cmd('lt', 1500) }, ['tea']],
    ['lte', { price: cmd('lte', 1500) }, ['ice', 'tea']],
    ['gt', { price: cmd('gt', 1800) }, ['cake']],
    ['gte', { price: cmd('gte', 1800) }, ['cake', 'latte']],
    ['in', { _id: cmd('in', ['tea', 'cake', 'x']) }, ['cake', 'tea']],
    ['nin', { _id: cmd('nin', ['tea', 'cake']) }, ['ice', 'latte']],
    [
      'and',
      { price: { $cmd: 'gt', args: [1000], then: [{ $cmd: 'and', args: [cmd('lt', 2000)] }] } },
      ['ice', 'latte'],
    ],
    [
      'or',
      { price: { $cmd: 'lt', args: [500], then: [{ $cmd: 'or', args: [cmd('gt', 2000)] }] } },
      ['cake', 'tea'],
    ],
    ['_.or of objects', cmd('or', [{ _id: 'tea' }, { stock: cmd('eq', 0) }]), ['latte', 'tea']],
    ['nor', cmd('nor', [{ price: cmd('lt', 1000) }, { price: cmd('gt', 2000) }]), ['ice', 'latte']],
    ['not', { price: cmd('not', cmd('gt', 1000)) }, ['tea']],
    ['exists', { note: cmd('exists', true) }, ['cake']],
    ['mod', { price: cmd('mod', 1000, 300) }, ['tea']],
    ['all', { tags: cmd('all', ['hot', 'coffee']) }, ['latte']],
    ['elemMatch', { tags: cmd('elemMatch', cmd('eq', 'milk')) }, ['latte']],
    ['size', { tags: cmd('size', 0) }, ['cake']],
    ['nested field', { spec: { size: 'M' } }, ['tea']],
    ['dot path', { 'spec.size': 'M' }, ['tea']],
    ['array contains', { tags: 'cold' }, ['ice']],
    ['RegExp', { name: { $regexp: { regexp: 'tea$', options: 'i' } } }, ['tea']],
  ];
  test.each(cases)('%s', async (_name, query, expected) => {
    expect(ids(await find(cloud, 'goods', query))).toEqual(expected);
  });

  test('count, orderBy, skip, limit and field', async () => {
    const { total } = await value(cloud, {
      coll: 'goods',
      chain: [['where', { price: cmd('gt', 1000) }], ['count']],
    });
    expect(total).toBe(3);
    const page = await find(
      cloud,
      'goods',
      {},
      ['orderBy', 'price', 'desc'],
      ['skip', 1],
      ['limit', 2],
      ['field', { name: true }],
    );
    expect(page).toEqual([
      { _id: 'latte', name: 'Latte' },
      { _id: 'ice', name: 'Iced Americano' },
    ]);
  });

  test('a where() read returns 100 documents by default and at most 1000', async () => {
    const many = Array.from({ length: 1005 }, (_, i) => ({
      _id: `m${String(i).padStart(4, '0')}`,
      i,
    }));
    for (let i = 0; i < many.length; i += 250) {
      await value(cloud, { coll: 'many', chain: [['add', { data: many.slice(i, i + 250) }]] });
    }
    expect(await find(cloud, 'many', {})).toHaveLength(100);
    expect(await find(cloud, 'many', {}, ['limit', 5000])).toHaveLength(1000);
    const { total } = await value(cloud, { coll: 'many', chain: [['count']] });
    expect(total).toBe(1005);
  });
});

describe('update commands', () => {
  async function updateThenGet(start: Record<string, unknown>, data: unknown) {
    await value(cloud, { coll: 'upd', doc: 'u', chain: [['set', { data: start }]] });
    await value(cloud, { coll: 'upd', doc: 'u', chain: [['update', { data }]] });
    const { _id, ...rest } = (await value(cloud, { coll: 'upd', doc: 'u', chain: [['get']] })).data;
    expect(_id).toBe('u');
    return rest;
  }

  const cases: Array<[string, Record<string, unknown>, unknown, Record<string, unknown>]> = [
    ['set', { a: { b: 1, c: 2 } }, { a: cmd('set', { b: 5 }) }, { a: { b: 5 } }],
    ['remove', { a: 1, b: 2 }, { b: cmd('remove') }, { a: 1 }],
    ['inc', { n: 1 }, { n: cmd('inc', 2) }, { n: 3 }],
    ['mul', { n: 3 }, { n: cmd('mul', 4) }, { n: 12 }],
    ['min', { n: 3 }, { n: cmd('min', 1) }, { n: 1 }],
    ['max', { n: 3 }, { n: cmd('max', 8) }, { n: 8 }],
    ['rename', { old: 1 }, { old: cmd('rename', 'fresh') }, { fresh: 1 }],
    ['push', { l: [1] }, { l: cmd('push', [2, 3]) }, { l: [1, 2, 3] }],
    [
      'push each/position/slice/sort',
      { l: [5, 1] },
      { l: cmd('push', { each: [3, 9], position: 0, sort: 1, slice: 3 }) },
      { l: [1, 3, 5] },
    ],
    ['pop', { l: [1, 2, 3] }, { l: cmd('pop') }, { l: [1, 2] }],
    ['shift', { l: [1, 2, 3] }, { l: cmd('shift') }, { l: [2, 3] }],
    ['unshift', { l: [3] }, { l: cmd('unshift', [1, 2]) }, { l: [1, 2, 3] }],
    ['addToSet', { l: [1, 2] }, { l: cmd('addToSet', 2) }, { l: [1, 2] }],
    ['addToSet $each', { l: [1] }, { l: cmd('addToSet', { $each: [1, 4] }) }, { l: [1, 4] }],
    ['pull', { l: [1, 2, 3, 2] }, { l: cmd('pull', 2) }, { l: [1, 3] }],
    ['pull with a condition', { l: [1, 5, 9] }, { l: cmd('pull', cmd('gt', 4)) }, { l: [1] }],
    ['pullAll', { l: [1, 2, 3] }, { l: cmd('pullAll', [1, 3]) }, { l: [2] }],
    ['nested plain object merges by path', { a: { x: 1 } }, { a: { y: 2 } }, { a: { x: 1, y: 2 } }],
  ];
  test.each(cases)('%s', async (_name, start, data, expected) => {
    expect(await updateThenGet(start, data)).toEqual(expected);
  });

  test('where().update is multi and where().remove removes all matches', async () => {
    for (const n of [1, 2, 3]) {
      await value(cloud, { coll: 'multi', chain: [['add', { data: { n, group: 'g' } }]] });
    }
    const updated = await value(cloud, {
      coll: 'multi',
      chain: [
        ['where', { n: cmd('gte', 2) }],
        ['update', { data: { big: true } }],
      ],
    });
    expect(updated.stats.updated).toBe(2);
    expect(await find(cloud, 'multi', { big: true })).toHaveLength(2);
    const removed = await value(cloud, {
      coll: 'multi',
      chain: [['where', { group: 'g' }], ['remove']],
    });
    expect(removed.stats.removed).toBe(3);
  });

  test('updating _id is refused and changes nothing', async () => {
    const bad = await run(cloud, {
      coll: 'goods',
      doc: 'tea',
      chain: [['update', { data: { _id: 'x' } }]],
    });
    expect(bad.ok).toBe(false);
    expect(await find(cloud, 'goods', { _id: 'tea' })).toHaveLength(1);
  });
});

test('a read never changes what is stored (projections and pipelines work on copies)', async () => {
  const stored = { _id: 'p1', profile: { name: '王', phone: '13800000000' }, tags: [] };
  await value(cloud, { coll: 'readonly', chain: [['add', { data: stored }]] });
  // mingo's $project writes into its input when it leaves out a dotted path…
  expect(
    await find(cloud, 'readonly', { _id: 'p1' }, ['field', { 'profile.phone': false }]),
  ).toEqual([{ _id: 'p1', profile: { name: '王' }, tags: [] }]);
  // …and $addFields on a dotted path, or $unwind keeping an empty array, into theirs.
  await value(cloud, {
    aggregate: 'readonly',
    stages: [
      ['match', { _id: 'p1' }],
      ['addFields', { 'profile.name': 'changed' }],
    ],
  });
  await value(cloud, {
    aggregate: 'readonly',
    stages: [['unwind', { path: '$tags', preserveNullAndEmptyArrays: true }]],
  });
  expect(await find(cloud, 'readonly', { _id: 'p1' })).toEqual([stored]);
});

describe('aggregation', () => {
  test('without a $limit stage the answer holds the first 20 results, as in the cloud', async () => {
    await value(cloud, {
      coll: 'many_groups',
      chain: [['add', { data: Array.from({ length: 30 }, (_, i) => ({ _id: `g${i}`, i })) }]],
    });
    const all = await value(cloud, { aggregate: 'many_groups', stages: [['sort', { i: 1 }]] });
    expect(all.list).toHaveLength(20);
    const limited = await value(cloud, {
      aggregate: 'many_groups',
      stages: [
        ['sort', { i: 1 }],
        ['limit', 25],
      ],
    });
    expect(limited.list).toHaveLength(25);
  });

  test('match, group, sort', async () => {
    const { list } = await value(cloud, {
      aggregate: 'goods',
      stages: [
        ['match', { price: cmd('gt', 0) }],
        ['unwind', '$tags'],
        ['group', { _id: '$tags', n: { $aggCmd: 'sum', args: [1] } }],
        ['sort', { n: -1, _id: 1 }],
        ['limit', 2],
      ],
    });
    expect(list).toEqual([
      { _id: 'coffee', n: 2 },
      { _id: 'hot', n: 2 },
    ]);
  });

  test('project, addFields, skip, count', async () => {
    const { list } = await value(cloud, {
      aggregate: 'goods',
      stages: [
        ['sort', { price: 1 }],
        ['skip', 1],
        ['addFields', { yuan: { $aggCmd: 'divide', args: [['$price', 100]] } }],
        ['project', { _id: 0, name: 1, yuan: 1 }],
      ],
    });
    expect(list).toEqual([
      { name: 'Iced Americano', yuan: 15 },
      { name: 'Latte', yuan: 18 },
      { name: 'Cheesecake', yuan: 26 },
    ]);
    const counted = await value(cloud, {
      aggregate: 'goods',
      stages: [
        ['match', { stock: cmd('gt', 0) }],
        ['count', 'n'],
      ],
    });
    expect(counted.list).toEqual([{ n: 2 }]);
  });

  test('lookup joins another collection', async () => {
    await value(cloud, {
      coll: 'lines',
      chain: [
        [
          'add',
          {
            data: [
              { goodsId: 'tea', qty: 2 },
              { goodsId: 'ice', qty: 1 },
            ],
          },
        ],
      ],
    });
    const { list } = await value(cloud, {
      aggregate: 'lines',
      stages: [
        ['lookup', { from: 'goods', localField: 'goodsId', foreignField: '_id', as: 'goods' }],
        ['sort', { qty: -1 }],
        [
          'project',
          { _id: 0, qty: 1, name: { $aggCmd: 'arrayElemAt', args: [['$goods.name', 0]] } },
        ],
      ],
    });
    expect(list).toEqual([
      { qty: 2, name: 'Green Tea' },
      { qty: 1, name: 'Iced Americano' },
    ]);
  });
});

describe('geo', () => {
  const stores = [
    { _id: 'bund', location: { $point: [121.4903, 31.2397] } },
    { _id: 'jingan', location: { $point: [121.4455, 31.2286] } },
    { _id: 'pudong', location: { $point: [121.5447, 31.2215] } },
  ];
  beforeAll(async () => {
    for (const store of stores)
      await value(cloud, { coll: 'stores', chain: [['add', { data: store }]] });
  });

  test('geoNear sorts nearest first and honours maxDistance', async () => {
    const here = { $point: [121.4737, 31.2304] }; // People's Square
    const near = await find(cloud, 'stores', {
      location: cmd('geoNear', { geometry: here, maxDistance: 5000 }),
    });
    expect(near.map((s) => s._id)).toEqual(['bund', 'jingan']);
    expect(near[0].location).toEqual({ longitude: 121.4903, latitude: 31.2397 });
    const all = await find(cloud, 'stores', { location: cmd('geoNear', { geometry: here }) }, [
      'limit',
      1,
    ]);
    expect(all.map((s) => s._id)).toEqual(['bund']);
  });

  test('geoWithin a polygon and a centerSphere', async () => {
    const west = {
      $polygon: [
        [
          [121.4, 31.2],
          [121.47, 31.2],
          [121.47, 31.26],
          [121.4, 31.26],
          [121.4, 31.2],
        ],
      ],
    };
    expect(
      ids(await find(cloud, 'stores', { location: cmd('geoWithin', { geometry: west }) })),
    ).toEqual(['jingan']);
    const circle = { centerSphere: [[121.5447, 31.2215], 1000 / 6378137] };
    expect(ids(await find(cloud, 'stores', { location: cmd('geoWithin', circle) }))).toEqual([
      'pudong',
    ]);
  });

  test('aggregate geoNear adds the distance', async () => {
    const { list } = await value(cloud, {
      aggregate: 'stores',
      stages: [
        [
          'geoNear',
          { near: { $point: [121.4737, 31.2304] }, distanceField: 'metres', spherical: true },
        ],
      ],
    });
    expect(list.map((s: { _id: string }) => s._id)).toEqual(['bund', 'jingan', 'pudong']);
    expect(list[0].metres).toBeGreaterThan(1500);
    expect(list[0].metres).toBeLessThan(2500);
  });
});
