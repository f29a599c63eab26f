// import-store: the checks run before any write, the plan is a pure difference by _id, and a
// bad file or a dry run writes nothing (an in-memory target stands in for the database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planImport, type Existing } from '../../tools/deploy/import/plan';
import { runImport } from '../../tools/deploy/import/run';
import { writeExample } from '../../tools/deploy/import/source';
import type { ImportTarget } from '../../tools/deploy/import/target';
import {
  CATALOG_COLLECTIONS,
  type CatalogCollection,
  checkDocuments,
  checkShape,
  type Doc,
  ImportProblems,
} from '../../tools/deploy/import/validate';
import { demoData } from '../../tools/seed/demo';
import { COMPLETE_CONFIG, makeFixture, removeFixture } from './deploy-fixture';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Problems of `input` against an empty target, shape first, as runImport checks them. */
function problemsOf(input: unknown): string[] {
  const shape = checkShape(input);
  return shape.problems.length ? shape.problems : checkDocuments(shape.data);
}

/** A small one-store file: a store, a category, a goods item and a table. */
function smallStore(): Record<string, Array<Record<string, unknown>>> {
  const store = copy(demoData.stores.find((s) => s._id === 'jingan')!);
  return {
    stores: [store],
    categories: [{ _id: 'jingan-coffee', storeId: 'jingan', name: '咖啡', sort: 10 }],
    goods: [copy(demoData.goods.find((g) => g._id === 'jingan-americano')!)].map((g) => ({
      ...g,
      categoryId: 'jingan-coffee',
    })),
    tables: [{ _id: 'jingan-table-1', storeId: 'jingan', tableNo: '1', name: '1 号桌', seats: 2 }],
  };
}

describe('validation', () => {
  test('the demo café passes', () => {
    expect(problemsOf(copy(demoData))).toEqual([]);
  });

  test('names the document and field of each problem', () => {
    const file = smallStore();
    file.goods[0].priceFen = 28.5;
    file.goods.push({ ...file.goods[0], _id: 'ghost-latte', storeId: 'ghost', priceFen: 100 });
    file.stores[0].location = { lat: 31.2, lng: 121.4 };
    file.tables.push({
      _id: 't-long',
      storeId: 'jingan',
      tableNo: 'terrace-corner-table-12',
      name: '露台',
    });
    const problems = problemsOf(file);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^goods "jingan-americano" priceFen: INVALID_AMOUNT/),
        'goods "ghost-latte" storeId: store "ghost" is neither in the file nor in the target',
        expect.stringMatching(/^goods "ghost-latte" categoryId: category "jingan-coffee" belongs/),
        expect.stringMatching(/^stores "jingan" location: must be a GeoJSON point/),
        expect.stringMatching(/^tables "t-long" scene: INVALID_SCENE/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  test('only catalog collections and string _ids', () => {
    const file = { ...smallStore(), orders: [{ _id: 'o1' }] } as Record<string, unknown>;
    (file.goods as Doc[]).push({ name: 'no id' } as unknown as Doc);
    (file.categories as Doc[]).push({ ...(file.categories as Doc[])[0] });
    expect(problemsOf(file)).toEqual([
      'categories[1] "jingan-coffee": _id appears twice',
      'goods[1] _id: must be a non-empty string without spaces around it',
      'unknown collection "orders": only stores, categories, goods, tables can be imported',
    ]);
    expect(problemsOf([])).toEqual([expect.stringMatching(/must hold a JSON object/)]);
  });

  test('hours, spec deltas, add-on prices and delivery fees', () => {
    const file = smallStore();
    file.stores[0].hours = [[{ open: '25:00', close: '26:00' }]];
    file.stores[0].delivery = { radiusMeters: 3000, feeFen: '5', minOrderFen: 0 };
    file.goods[0].specs = [{ id: 'size', options: [{ id: 'l', priceDeltaFen: 1.5 }] }];
    file.goods[0].addOns = [{ id: 'shot', priceFen: -1 }];
    expect(problemsOf(file)).toEqual([
      expect.stringMatching(/^stores "jingan" hours: INVALID_HOURS/),
      expect.stringMatching(/^stores "jingan" delivery: INVALID_AMOUNT: delivery.feeFen/),
      expect.stringMatching(/^goods "jingan-americano" specs: INVALID_AMOUNT: \[0\]\.options\[0\]/),
      expect.stringMatching(/^goods "jingan-americano" addOns: INVALID_AMOUNT: \[0\]\.priceFen/),
    ]);
  });

  test('a goods item may be just name, price and category: on sale, unlimited, no options', () => {
    const file = smallStore();
    file.goods = [
      {
        _id: 'jingan-tea',
        storeId: 'jingan',
        categoryId: 'jingan-coffee',
        name: '茶',
        priceFen: 900,
      },
    ];
    const shape = checkShape(file);
    expect(checkDocuments(shape.data)).toEqual([]);
    const planned = planImport(shape.data, emptyExisting()).docs.find(
      (d) => d._id === 'jingan-tea',
    );
    expect(planned?.data).toMatchObject({
      images: [],
      specs: [],
      addOns: [],
      stock: null,
      onShelf: true,
      soldOut: false,
    });
    file.goods[0] = { ...file.goods[0], onShelf: 'yes', images: 'tea.png' };
    expect(problemsOf(file)).toEqual([
      'goods "jingan-tea" onShelf: must be true or false',
      'goods "jingan-tea" images: must be an array of image URLs or cloud file ids',
    ]);
  });

  test('a table scene is built when left out, and must match when given', () => {
    const file = smallStore();
    const shape = checkShape(file);
    expect(checkDocuments(shape.data)).toEqual([]);
    expect(shape.data.tables[0].scene).toBe('s=jingan&t=1');
    file.tables[0].scene = 's=other&t=1';
    expect(problemsOf(file)).toEqual([
      'tables "jingan-table-1" scene: must be "s=jingan&t=1" (built from storeId and tableNo), or left out',
    ]);
  });

  test('references may point at stores and categories the target already holds', () => {
    const { goods } = smallStore();
    const shape = checkShape({ goods });
    expect(
      checkDocuments(shape.data, {
        stores: new Set(['jingan']),
        categories: new Map([['jingan-coffee', 'jingan']]),
      }),
    ).toEqual([]);
  });
});

function emptyExisting(): Existing {
  return Object.fromEntries(CATALOG_COLLECTIONS.map((c) => [c, new Map()])) as unknown as Existing;
}

function existingFrom(data: Record<string, Doc[]>): Existing {
  const existing = emptyExisting();
  for (const [c, docs] of Object.entries(data)) {
    existing[c as CatalogCollection] = new Map(docs.map((d) => [d._id, copy(d)]));
  }
  return existing;
}

describe('planImport', () => {
  test('everything is added to an empty target; new stores keep their version', () => {
    const { data } = checkShape(smallStore());
    const plan = planImport(data, emptyExisting());
    expect(plan.docs.every((d) => d.change === 'added')).toBe(true);
    expect(plan.bumps).toEqual([]);
    expect(plan.docs[0].data.catalogVersion).toBe(1);
  });

  test('the same data again is unchanged, whatever the key order or the stored version', () => {
    const { data } = checkShape(smallStore());
    const stored = copy(data) as unknown as Record<string, Doc[]>;
    stored.stores[0] = { ...stored.stores[0], catalogVersion: 7 };
    stored.goods[0] = Object.fromEntries(Object.entries(stored.goods[0]).reverse()) as Doc;
    const plan = planImport(data, existingFrom(stored));
    expect(plan.docs.map((d) => d.change)).toEqual(Array(4).fill('unchanged'));
    expect(plan.bumps).toEqual([]);
  });

  test('importing again keeps what the file leaves out: live stock, sold-out, a paused store', () => {
    const { data } = checkShape(smallStore());
    const stored = copy(data) as unknown as Record<string, Doc[]>;
    stored.goods[0] = { ...stored.goods[0], stock: 3, soldOut: true };
    stored.stores[0] = { ...stored.stores[0], statusOverride: { status: 'busy' } };
    delete data.goods[0].stock;
    delete data.goods[0].soldOut;
    delete data.stores[0].statusOverride;
    data.goods[0].priceFen = 2600; // the one edit
    const plan = planImport(data, existingFrom(stored));
    const goods = plan.docs.find((d) => d.collection === 'goods');
    expect(goods).toMatchObject({
      change: 'replaced',
      data: { priceFen: 2600, stock: 3, soldOut: true },
    });
    const store = plan.docs.find((d) => d.collection === 'stores');
    expect(store).toMatchObject({
      change: 'unchanged',
      data: { statusOverride: { status: 'busy' } },
    });
  });

  test('a changed goods item bumps its store past both versions, updating only the version', () => {
    const { data } = checkShape(smallStore());
    const stored = copy(data) as unknown as Record<string, Doc[]>;
    stored.stores[0].catalogVersion = 4;
    data.goods[0].priceFen = 2500;
    const plan = planImport(data, existingFrom(stored));
    expect(plan.docs.find((d) => d.collection === 'goods')?.change).toBe('replaced');
    expect(plan.docs.find((d) => d.collection === 'stores')?.change).toBe('unchanged');
    expect(plan.bumps).toEqual([{ storeId: 'jingan', from: 4, to: 5, updateOnly: true }]);
  });
});

/** An in-memory target that records writes. */
function memoryTarget(initial: Record<string, Doc[]> = {}) {
  const store = existingFrom(initial) as Record<CatalogCollection, Map<string, Doc>>;
  const writes: string[] = [];
  const target: ImportTarget = {
    label: 'memory',
    async read(c, ids) {
      return ids.flatMap((id) => (store[c].has(id) ? [copy(store[c].get(id)!)] : []));
    },
    async set(c, id, data) {
      writes.push(`${c}/${id}`);
      store[c].set(id, { ...copy(data), _id: id });
    },
    async setCatalogVersion(id, version) {
      writes.push(`stores/${id}#${version}`);
      store.stores.set(id, { ...store.stores.get(id)!, catalogVersion: version });
    },
  };
  return { target, writes, store };
}

describe('runImport', () => {
  const run = (input: unknown, target: ImportTarget, dryRun = false, lines: string[] = []) =>
    runImport({
      target: 'local',
      input,
      source: 'test.json',
      dryRun,
      importTarget: target,
      log: (line) => lines.push(line),
    });

  test('a bad file writes nothing and lists every problem', async () => {
    const memory = memoryTarget();
    const file = smallStore();
    file.goods[0].priceFen = '28';
    await expect(run(file, memory.target)).rejects.toThrow(ImportProblems);
    await expect(run(file, memory.target)).rejects.toThrow(/goods "jingan-americano" priceFen/);
    expect(memory.writes).toEqual([]);
  });

  test('--dry-run prints the plan and writes nothing; then the import writes, once', async () => {
    const memory = memoryTarget();
    const lines: string[] = [];
    const dry = await run(smallStore(), memory.target, true, lines);
    expect(dry.written).toBe(0);
    expect(memory.writes).toEqual([]);
    expect(lines.join('\n')).toContain('+ goods jingan-americano');
    expect(lines.join('\n')).toContain('goods      added 1, replaced 0, unchanged 0');
    expect(lines.at(-1)).toBe('dry run: nothing was written');

    expect((await run(smallStore(), memory.target)).written).toBe(4);
    expect((await run(smallStore(), memory.target)).written).toBe(0);
  });

  test('goods for a store the target holds: accepted, and that store is bumped', async () => {
    const memory = memoryTarget(smallStore() as unknown as Record<string, Doc[]>);
    const { goods } = smallStore();
    goods[0] = { ...goods[0], _id: 'jingan-new', name: '新品' };
    const result = await run({ goods }, memory.target);
    expect(result.written).toBe(2); // the goods item and the store's version
    expect(memory.writes).toEqual(['stores/jingan#2', 'goods/jingan-new']);
  });
});

describe('import-store --target cloud without network', () => {
  const root = makeFixture();
  const configFile = path.join(root, 'storefront.config.json');
  afterAll(() => removeFixture(root));

  test('--dry-run without keys plans against an empty environment and says so', async () => {
    const lines: string[] = [];
    const result = await runImport({
      target: 'cloud',
      input: copy(demoData),
      source: 'demo',
      dryRun: true,
      configFile,
      env: {},
      log: (line) => lines.push(line),
    });
    expect(result.written).toBe(0);
    expect(lines.join('\n')).toContain('planned as if the environment were empty');
    expect(lines.join('\n')).toContain(`environment ${COMPLETE_CONFIG.envId}`);
  });

  test('a real import without keys is refused with how to set them', async () => {
    await expect(
      runImport({
        target: 'cloud',
        input: copy(demoData),
        source: 'demo',
        dryRun: false,
        configFile,
        env: {},
        log: () => {},
      }),
    ).rejects.toThrow(/no Tencent Cloud API key.*STOREFRONT_CLOUD_KEYFILE/);
  });
});

test('--write-example writes the demo café as JSON and never overwrites', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-example-'));
  const file = path.join(dir, 'my-store.json');
  writeExample(file);
  const written = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof demoData;
  expect(written.goods).toEqual(copy(demoData.goods));
  // The stores without the live state the console owns (a pause, the catalog version).
  expect(written.stores.map((store) => store.name)).toEqual(demoData.stores.map((s) => s.name));
  expect(written.stores.every((store) => !('statusOverride' in store))).toBe(true);
  expect(() => writeExample(file)).toThrow(/already exists/);
  fs.rmSync(dir, { recursive: true, force: true });
});
