// The database log is folded into the snapshot while the local cloud serves (docs/LOCAL-CLOUD.md
// "Durability"): writes go on meanwhile, nothing acknowledged is lost, and a crash at any point
// of a fold leaves files that replay to the last acknowledged write. A small
// LOCAL_CLOUD_COMPACT_BYTES makes folds happen within a few hundred writes.
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import { FIXTURE_FUNCTIONS, type LocalCloud, startLocalCloud } from '../../helpers/local-cloud';
import { find, value } from './chain';

jest.setTimeout(60_000);

let cloud: LocalCloud;

beforeAll(async () => {
  cloud = await startLocalCloud({
    functionsRoot: FIXTURE_FUNCTIONS,
    env: { LOCAL_CLOUD_COMPACT_BYTES: '20000' },
  });
});
afterAll(() => cloud.stop());

const file = (name: string) => path.join(cloud.dataDir, name);
const line = (changes: unknown[]) => EJSON.stringify(changes, { relaxed: false }) + '\n';

test('8 callers write while the log is folded again and again: every write is kept', async () => {
  const insert = (i: number) =>
    cloud.http('POST', '/admin', {
      action: 'database.insertDocument',
      collectionName: 'folded',
      data: [JSON.stringify({ _id: `d${i}`, i, text: '备注'.repeat(40) })],
    });
  const writes = 480;
  await Promise.all(
    Array.from({ length: 8 }, async (_, caller) => {
      for (let i = caller; i < writes; i += 8) {
        expect((await insert(i)).json).not.toHaveProperty('code');
      }
    }),
  );
  // About 100 kB of log lines: folded several times, so the log holds only the last few.
  expect(fs.statSync(file('db.log')).size).toBeLessThan(40_000);
  const snapshot = EJSON.parse(fs.readFileSync(file('db.snapshot.ejson'), 'utf8')) as {
    folded?: unknown[];
  };
  expect(snapshot.folded?.length).toBeGreaterThan(100);
  expect(await value(cloud, { coll: 'folded', chain: [['count']] })).toMatchObject({
    total: writes,
  });

  await cloud.kill();
  await cloud.restart();
  expect(await value(cloud, { coll: 'folded', chain: [['count']] })).toMatchObject({
    total: writes,
  });
  expect(fs.existsSync(file('db.log.folding'))).toBe(false);
});

test('kill -9 while 8 callers write and the log is being folded: every acknowledged write is kept', async () => {
  const acknowledged = new Set<string>();
  let stop = false;
  const writers = Array.from({ length: 8 }, async (_, caller) => {
    for (let i = 0; !stop; i++) {
      const id = `k${caller}-${i}`;
      const answer = await cloud
        .http('POST', '/admin', {
          action: 'database.insertDocument',
          collectionName: 'killed',
          data: [JSON.stringify({ _id: id, text: '备注'.repeat(40) })],
        })
        .catch(() => null);
      if (!answer) return; // the server is gone
      if (answer.status === 200 && !(answer.json as { code?: string }).code) acknowledged.add(id);
    }
  });
  // Past several folds (about 60 writes each here), then a crash in the middle of the stream.
  while (acknowledged.size < 300) await new Promise((resolve) => setTimeout(resolve, 5));
  await cloud.kill();
  stop = true;
  await Promise.all(writers);
  await cloud.restart();
  const kept = (await find(cloud, 'killed', {}, ['limit', 1000])).map((doc) => doc._id);
  for (const id of acknowledged) expect(kept).toContain(id);
});

test('folds that fail (the snapshot cannot be written) lose nothing, through kill -9', async () => {
  // A directory where the fold writes its snapshot: every fold fails until it is gone.
  const blocker = file('db.snapshot.ejson.folding.tmp');
  fs.mkdirSync(blocker);
  const insert = (i: number) =>
    cloud.http('POST', '/admin', {
      action: 'database.insertDocument',
      collectionName: 'unfolded',
      data: [JSON.stringify({ _id: `u${i}`, text: '备注'.repeat(40) })],
    });
  let written = 0;
  try {
    // Until a fold has started (and failed), then as much again: a second fold, failing too.
    while (!fs.existsSync(file('db.log.folding')) && written < 3000) {
      expect((await insert(written++)).json).not.toHaveProperty('code');
    }
    for (const end = written * 2 + 50; written < end;) {
      expect((await insert(written++)).json).not.toHaveProperty('code');
    }
    expect(fs.existsSync(file('db.log.folding'))).toBe(true); // the failed folds' log is kept
  } finally {
    fs.rmdirSync(blocker);
  }
  await cloud.kill();
  await cloud.restart();
  expect(await value(cloud, { coll: 'unfolded', chain: [['count']] })).toMatchObject({
    total: written,
  });
});

test('a crash mid-fold: snapshot, folded log and log replay to the last write', async () => {
  await cloud.kill();
  // As a crash leaves them after the new snapshot was installed and before the folded log was
  // removed: the folded log repeats older states of what the snapshot holds; the log is newer.
  const snapshot = { crash: [{ _id: 'a', v: 2 }] };
  fs.writeFileSync(file('db.snapshot.ejson'), EJSON.stringify(snapshot, { relaxed: false }));
  fs.writeFileSync(
    file('db.log.folding'),
    line([{ coll: 'crash', id: 'a', doc: { _id: 'a', v: 1 } }]) +
      line([{ coll: 'crash', id: 'gone', doc: { _id: 'gone' } }]) +
      line([{ coll: 'crash', id: 'gone', doc: null }]) +
      line([{ coll: 'crash', id: 'a', doc: { _id: 'a', v: 2 } }]),
  );
  fs.writeFileSync(file('db.log'), line([{ coll: 'crash', id: 'a', doc: { _id: 'a', v: 3 } }]));
  await cloud.restart();
  expect(await find(cloud, 'crash', {})).toEqual([{ _id: 'a', v: 3 }]);
  expect(fs.existsSync(file('db.log.folding'))).toBe(false);

  // Before the new snapshot was installed: the old snapshot, then the folded log, then the log.
  await cloud.kill();
  fs.writeFileSync(
    file('db.snapshot.ejson'),
    EJSON.stringify({ crash: [{ _id: 'a', v: 3 }] }, { relaxed: false }),
  );
  fs.writeFileSync(
    file('db.log.folding'),
    line([{ coll: 'crash', id: 'b', doc: { _id: 'b', v: 1 } }]),
  );
  fs.writeFileSync(file('db.log'), line([{ coll: 'crash', id: 'a', doc: null }]));
  await cloud.restart();
  expect(await find(cloud, 'crash', {})).toEqual([{ _id: 'b', v: 1 }]);
});
