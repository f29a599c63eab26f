// Behaviours where the local cloud once differed from the cloud, found by running CloudBase's own
// database tests (TencentCloudBase/node-sdk test/database) against it. The real wx-server-sdk in
// this process; raw /admin requests where the current SDK cannot send the shape.
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

test('set() with unchanged values reports updated 1; update() with unchanged values reports 0', async () => {
  await db.collection('same').add({ data: { _id: 's', a: 1 } });
  const set = await db
    .collection('same')
    .doc('s')
    .set({ data: { a: 1 } });
  expect(set.stats.updated).toBe(1);
  const update = await db
    .collection('same')
    .doc('s')
    .update({ data: { a: 1 } });
  expect(update.stats.updated).toBe(0);
});

test('$elemMatch with field conditions matches documents in the array, never plain values', async () => {
  const _ = db.command;
  await db.collection('elem').add({
    data: [
      { _id: 'numbers', tags: [1, 2, 3, 4] },
      { _id: 'embedded', tags: [{ value: 7 }, { other: 1 }] },
    ],
  });
  const ids = async (where: unknown) =>
    (await db.collection('elem').where(where).get()).data.map((d: { _id: string }) => d._id);
  expect(await ids({ tags: _.elemMatch({ value: _.gt(0) }) })).toEqual(['embedded']);
  expect(await ids({ tags: _.elemMatch({ value: _.exists(true) }) })).toEqual(['embedded']);
  expect(await ids({ tags: _.elemMatch({ value: _.mod([4, 3]) }) })).toEqual(['embedded']);
  expect(await ids({ tags: _.elemMatch(_.gt(3)) })).toEqual(['numbers']);
});

test('aggregation: $week (Sunday weeks), negative $substr/$substrBytes counts, $indexOfCP', async () => {
  await db.collection('strings').add({
    data: {
      _id: 'x',
      date: new Date('2019-05-14T09:38:51.686Z'),
      text: '1999/12/12',
      cn: '汉字abc',
    },
  });
  const $ = db.command.aggregate;
  const { list } = await db
    .collection('strings')
    .aggregate()
    .project({
      _id: 0,
      week: $.week('$date'),
      day: $.substr(['$text', 8, -1]),
      dayBytes: $.substrBytes(['$text', 8, -1]),
      at: $.indexOfCP(['$cn', 'b']),
    })
    .end();
  expect(list).toEqual([{ week: 19, day: '12', dayBytes: '12', at: 3 }]);
});

test('where() with $jsonSchema', async () => {
  const _ = db.command;
  await db.collection('schema').add({ data: [{ _id: 'a', category: 'x', n: 5 }, { _id: 'b' }] });
  const ids = async (where: unknown) =>
    (await db.collection('schema').where(where).get()).data.map((d: { _id: string }) => d._id);
  expect(await ids(_.jsonSchema({ required: ['category'] }))).toEqual(['a']);
  expect(await ids(_.nor([_.jsonSchema({ required: ['category'] })]))).toEqual(['b']);
  expect(
    await ids(
      _.jsonSchema({ properties: { n: { bsonType: 'int', minimum: 6 } }, required: ['n'] }),
    ),
  ).toEqual([]);
});

test('a field name starting with $ is refused; a number _id is found by doc(number)', async () => {
  await expect(db.collection('keys').add({ data: { $_key: 1 } })).rejects.toThrow(
    /may not start with \$/,
  );
  await db.collection('keys').add({ data: { _id: 1733000000000, n: 1 } });
  expect((await db.collection('keys').doc(1733000000000).get()).data.n).toBe(1);
});

test('$geoNear with a legacy pair near (older SDKs) measures in radians, as MongoDB does', async () => {
  await db.collection('attractions').add({
    data: [
      { _id: 'hz', city: 'Hangzhou', location: db.Geo.Point(113.306789, 23.1564721) },
      { _id: 'bj', city: 'Beijing', location: db.Geo.Point(116.2328567, 40.242373) },
    ],
  });
  const answer = await cloud.http('POST', '/admin', {
    action: 'database.aggregateDocuments',
    collectionName: 'attractions',
    stages: [
      {
        stageKey: '$geoNear',
        stageValue: JSON.stringify({
          distanceField: 'distance',
          spherical: true,
          near: { longitude: 113.3089506, latitude: 23.0968251 },
          query: { city: { $regularExpression: { pattern: 'zhou', options: '' } } },
          key: 'location',
          distanceMultiplier: 6378100,
        }),
      },
    ],
  });
  const list = (answer.json as { data: { list: string[] } }).data.list.map((d) => JSON.parse(d));
  // The distance the cloud answers in CloudBase's own test, to the last digit.
  expect(list).toEqual([expect.objectContaining({ _id: 'hz', distance: 6643.521654040738 })]);
});
