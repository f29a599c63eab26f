// `npm run import-store -- --target local`: a store file into an empty local cloud through the
// real wx-server-sdk; catalog.home then serves it; repeatable; bad files and dry runs write nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionResponse, Envelope } from '../../../miniprogram/domain/api';
import { runImport, type ImportOptions } from '../../../tools/deploy/import/run';
import { ImportProblems } from '../../../tools/deploy/import/validate';
import { demoData } from '../../../tools/seed/demo';
import { type LocalCloud, startLocalCloud, withSdk } from '../../helpers/local-cloud';
import { runTool } from '../../helpers/run-tool';

let cloud: LocalCloud;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the real wx-server-sdk
let db: any;
let output: string[];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-store-'));

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The 静安寺店 of the demo alone, made the default store, as an owner's file. */
function storeFile() {
  const mine = <T extends Record<string, unknown>>(docs: T[]) =>
    copy(docs.filter((doc) => doc._id === 'jingan' || doc.storeId === 'jingan'));
  const stores = mine(demoData.stores).map((store) => ({ ...store, isDefault: true }));
  return {
    stores,
    categories: mine(demoData.categories),
    goods: mine(demoData.goods),
    tables: mine(demoData.tables),
  };
}

const importStore = (input: unknown, options: Partial<ImportOptions> = {}) => {
  output = [];
  return runImport({
    target: 'local',
    input,
    source: 'store.json',
    dryRun: false,
    url: cloud.url,
    log: (line) => output.push(line),
    ...options,
  });
};

async function count(collection: string): Promise<number> {
  return (await db.collection(collection).count()).total;
}

async function home(): Promise<ActionResponse<'catalog.home'>> {
  const answer = await cloud.callFunction<Envelope<ActionResponse<'catalog.home'>>>(
    'api',
    { action: 'catalog.home', data: {} },
    { openid: 'o-customer-1' },
  );
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return answer.data;
}

beforeAll(async () => {
  cloud = await startLocalCloud();
  db = withSdk(cloud).database();
});
afterAll(async () => {
  await cloud.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an empty local cloud has no store: catalog.home answers NOT_FOUND', async () => {
  expect(await count('stores')).toBe(0);
  const answer = await cloud.callFunction<Envelope<unknown>>(
    'api',
    { action: 'catalog.home', data: {} },
    { openid: 'o-customer-1' },
  );
  expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('--dry-run prints the plan and writes nothing', async () => {
  const { plan, written } = await importStore(storeFile(), { dryRun: true });
  expect(written).toBe(0);
  expect(plan.docs.every((doc) => doc.change === 'added')).toBe(true);
  expect(output.join('\n')).toContain('+ stores jingan');
  expect(output.at(-1)).toBe('dry run: nothing was written');
  for (const c of ['stores', 'categories', 'goods', 'tables']) expect(await count(c)).toBe(0);
});

test('a file into an empty local cloud creates its documents; catalog.home serves the store', async () => {
  const file = storeFile();
  const { written } = await importStore(file);
  const total = Object.values(file).reduce((sum, docs) => sum + docs.length, 0);
  expect(written).toBe(total);
  expect(output.join('\n')).toContain(
    `goods      added ${file.goods.length}, replaced 0, unchanged 0`,
  );
  expect(await count('goods')).toBe(file.goods.length);
  expect(await count('tables')).toBe(file.tables.length);

  const answer = await home();
  if (answer.unchanged) throw new Error('expected the full catalog');
  expect(answer.store).toMatchObject({ _id: 'jingan', name: '栖木咖啡 · 静安寺店' });
  expect(answer.store.location).toEqual({ lat: 31.22347, lng: 121.44521 });
  expect(answer.categories.map((c) => c._id)).toContain('jingan-coffee');
  expect(answer.goods.find((g) => g._id === 'jingan-americano')).toMatchObject({ priceFen: 2200 });
});

test('the same file again changes nothing', async () => {
  const { written, plan } = await importStore(storeFile());
  expect(written).toBe(0);
  expect(plan.bumps).toEqual([]);
  expect(output.join('\n')).toContain('stores     added 0, replaced 0, unchanged 1');
  expect(output.at(-1)).toBe('import-store: nothing changed');
  const { data } = await db.collection('stores').doc('jingan').get();
  expect(data.catalogVersion).toBe(1);
});

test('a changed price replaces the goods item and bumps catalogVersion; the menu shows it', async () => {
  const before = await home();
  const file = storeFile();
  file.goods.find((g) => g._id === 'jingan-americano')!.priceFen = 2400;
  const { written, plan } = await importStore(file);
  expect(written).toBe(2); // the goods item and the store's version
  expect(plan.bumps).toEqual([{ storeId: 'jingan', from: 1, to: 2, updateOnly: true }]);
  expect(output.join('\n')).toContain('~ goods jingan-americano');
  expect(output.join('\n')).toContain('~ stores jingan catalogVersion 1 → 2');
  expect(output.join('\n')).toContain(
    'stores     added 0, replaced 0, unchanged 1, catalogVersion only 1',
  );
  expect(output.join('\n')).toContain('import-store: wrote 2 document(s)');
  expect((await db.collection('stores').doc('jingan').get()).data.catalogVersion).toBe(2);
  expect((await db.collection('goods').doc('jingan-americano').get()).data.priceFen).toBe(2400);

  const after = await home();
  if (after.unchanged) throw new Error('expected the full catalog');
  expect(after.version).not.toBe(before.version);
  expect(after.goods.find((g) => g._id === 'jingan-americano')?.priceFen).toBe(2400);
});

test('bad files write nothing and name the problem', async () => {
  const snapshot = async () => ({
    goods: (await db.collection('goods').limit(100).get()).data,
    stores: (await db.collection('stores').get()).data,
    tables: await count('tables'),
  });
  const before = await snapshot();
  const cases: Array<[string, (file: ReturnType<typeof storeFile>) => unknown, RegExp]> = [
    [
      'non-integer price',
      (file) => {
        file.goods[0].priceFen = 12.5;
        file.goods[1].name = 'changed too';
        return file;
      },
      /goods "jingan-osmanthus_latte" priceFen: INVALID_AMOUNT/,
    ],
    [
      'unknown storeId',
      (file) => {
        file.goods[0].storeId = 'nowhere';
        return file;
      },
      /goods "jingan-osmanthus_latte" storeId: store "nowhere" is neither in the file nor in the target/,
    ],
    [
      'scene too long',
      (file) => {
        file.tables.push({
          ...file.tables[0],
          _id: 'jingan-table-long',
          tableNo: 'a-very-long-table-number-1',
          scene: undefined as unknown as string,
        });
        return file;
      },
      /tables "jingan-table-long" scene: INVALID_SCENE/,
    ],
    [
      'unknown collection',
      (file) => ({ ...file, orders: [{ _id: 'o1' }] }),
      /unknown collection "orders"/,
    ],
  ];
  for (const [, mutate, message] of cases) {
    const error = await importStore(mutate(storeFile())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportProblems);
    expect((error as Error).message).toMatch(message);
  }
  expect(await snapshot()).toEqual(before);
});

describe('the command', () => {
  const cli = (...args: string[]) => runTool('tools/deploy/import/index.ts', args);

  test('a bad file: exit 1, the problem named, nothing written', async () => {
    const file = storeFile();
    file.goods[0].priceFen = '28';
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(file));
    const run = await cli('--file', bad, '--url', cloud.url);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('goods "jingan-osmanthus_latte" priceFen');
    expect(run.stderr).toContain('nothing was written');
    expect((await db.collection('goods').doc('jingan-osmanthus_latte').get()).data.priceFen).toBe(
      3000,
    );
  });

  test('--write-example, then --file imports it (the demo café, both stores)', async () => {
    const example = path.join(dir, 'my-store.json');
    expect((await cli('--write-example', example)).status).toBe(0);
    const run = await cli('--file', example, '--url', cloud.url);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('+ stores xujiahui');
    expect(await count('stores')).toBe(2);
    expect(await count('goods')).toBe(demoData.goods.length);
  });
});
