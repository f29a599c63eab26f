// `npm run setup -- --target local`: database/*.json applied to a real local cloud through its
// management API; idempotent; --dry-run changes nothing; the state survives a restart.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadDatabaseSpec } from '../../../tools/seed/database';
import { runSetup, type SetupOptions } from '../../../tools/deploy/setup/run';
import {
  FIXTURE_FUNCTIONS,
  type LocalCloud,
  PROJECT_ROOT,
  startLocalCloud,
  withSdk,
} from '../../helpers/local-cloud';

const spec = loadDatabaseSpec();
let cloud: LocalCloud;
let output: string[];

const setup = (options: Partial<SetupOptions> = {}) => {
  output = [];
  return runSetup({
    target: 'local',
    dryRun: false,
    url: cloud.url,
    log: (line) => output.push(line),
    ...options,
  });
};

async function manage(path: string): Promise<unknown> {
  return (await cloud.http('GET', `/manage/collections${path}`)).json;
}

beforeAll(async () => {
  cloud = await startLocalCloud({ functionsRoot: FIXTURE_FUNCTIONS });
});
afterAll(() => cloud.stop());

test('--dry-run prints the whole plan and changes nothing', async () => {
  const { plan, applied } = await setup({ dryRun: true });
  const indexCount = spec.reduce((sum, c) => sum + c.indexes.length, 0);
  expect(plan.steps).toHaveLength(spec.length * 2 + indexCount);
  expect(applied).toBe(0);
  const text = output.join('\n');
  expect(text).toContain('+ collection orders');
  expect(text).toContain('+ index stores.location_geo (location 2dsphere)');
  expect(text).toContain('+ index tables.storeId_tableNo (storeId 1, tableNo 1, unique)');
  expect(text).toContain('dry run: nothing was changed');
  expect(await manage('')).toEqual([]);
});

test('creates every collection, index and rule from database/', async () => {
  const { applied } = await setup();
  expect(applied).toBeGreaterThan(0);
  expect(await manage('')).toEqual(
    spec.map((c) => ({ name: c.name })).sort((a, b) => a.name.localeCompare(b.name)),
  );
  for (const collection of spec) {
    const indexes = (await manage(`/${collection.name}/indexes`)) as unknown[];
    expect(indexes).toEqual(
      collection.indexes.map((index) => ({ ...index, unique: Boolean(index.unique) })),
    );
    expect(await manage(`/${collection.name}/rules`)).toEqual(collection.rules);
  }
});

test('a second run plans nothing and changes nothing, also after a restart', async () => {
  const before = await cloud.http('GET', '/manage/collections/orders/indexes');
  const { plan, applied } = await setup();
  expect(plan.steps).toEqual([]);
  expect(applied).toBe(0);
  expect(output.join('\n')).toContain('nothing to do');
  await cloud.restart();
  expect((await setup()).plan.steps).toEqual([]);
  expect((await cloud.http('GET', '/manage/collections/orders/indexes')).text).toBe(before.text);
});

test('a drifted rule or index is corrected, an unknown index is left alone', async () => {
  await cloud.http('POST', '/manage/collections/orders/rules', { read: true, write: true });
  await cloud.http('POST', '/manage/collections/goods/indexes', {
    name: 'storeId_onShelf_sort',
    keys: [{ field: 'storeId', direction: 1 }],
  });
  await cloud.http('POST', '/manage/collections/goods/indexes', {
    name: 'by_name',
    keys: [{ field: 'name', direction: 1 }],
  });
  const { plan } = await setup();
  expect(plan.steps.map((s) => `${s.kind} ${s.collection}`)).toEqual([
    'createIndex goods',
    'setRules orders',
  ]);
  const text = output.join('\n');
  expect(text).toContain('~ replace index goods.storeId_onShelf_sort');
  expect(text).toContain('(was read true, write true)');
  expect(text).toContain('left alone: index goods.by_name');
  expect(await manage('/orders/rules')).toEqual({
    read: 'doc._openid == auth.openid',
    write: false,
  });
  expect((await setup()).plan.steps).toEqual([]);
});

test('the management API refuses bad input and changes nothing', async () => {
  const before = (await cloud.http('GET', '/manage/collections')).text;
  const bad = [
    await cloud.http('POST', '/manage/collections', { name: 'no spaces' }),
    await cloud.http('POST', '/manage/collections', '{not json'),
    await cloud.http('POST', '/manage/collections/missing/indexes', {
      name: 'x',
      keys: [{ field: 'a', direction: 1 }],
    }),
    await cloud.http('POST', '/manage/collections/goods/indexes', { name: 'x', keys: [] }),
    await cloud.http('POST', '/manage/collections/goods/indexes', {
      name: 'x',
      keys: [{ field: 'a', direction: 2 }],
    }),
    await cloud.http('POST', '/manage/collections/goods/rules', { read: true }),
  ];
  expect(bad.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400]);
  expect((bad[2].json as { error: string }).error).toBe('collection "missing" does not exist');
  expect((await cloud.http('GET', '/manage/collections')).text).toBe(before);
  expect((await cloud.http('GET', '/manage/collections/goods/indexes')).json).toHaveLength(3);
});

test('a collection that only holds documents (created by a write) counts as existing', async () => {
  await withSdk(cloud)
    .database()
    .collection('scratch')
    .add({ data: { a: 1 } });
  expect(await manage('')).toContainEqual({ name: 'scratch' });
  expect(await manage('/scratch/rules')).toBeNull();
  const index = { name: 'a', keys: [{ field: 'a', direction: 1 }], unique: false };
  expect((await cloud.http('POST', '/manage/collections/scratch/indexes', index)).status).toBe(200);
  expect(await manage('/scratch/indexes')).toEqual([index]);
});

test('the npm script runs the same path and fails clearly when the cloud is not there', async () => {
  const run = promisify(execFile);
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'tools/deploy/setup/index.ts', '--target', 'local', '--url', cloud.url],
    { cwd: PROJECT_ROOT },
  );
  expect(stdout).toContain('nothing to do');
  await expect(
    run(
      process.execPath,
      ['--import', 'tsx', 'tools/deploy/setup/index.ts', '--url', 'http://127.0.0.1:9'],
      { cwd: PROJECT_ROOT },
    ),
  ).rejects.toMatchObject({ stderr: expect.stringContaining('cannot reach the local cloud') });
});
