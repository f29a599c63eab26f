// The demo data must itself be valid catalog data, and the database files must cover it.

import type { Category, Goods, Store, Table } from '../../miniprogram/domain/catalog';
import { parseLaunch } from '../../miniprogram/domain/entry';
import { assertWeeklyHours, isOpenAt } from '../../miniprogram/domain/hours';
import { defaultSelection, isOrderable, unitPriceFen } from '../../miniprogram/domain/catalog';
import { demoData } from '../../tools/seed/demo';
import { loadDatabaseSpec } from '../../tools/seed/database';

const stores = demoData.stores as unknown as Store[];
const categories = demoData.categories as unknown as Category[];
const goods = demoData.goods as unknown as Goods[];
const tables = demoData.tables as unknown as Table[];

describe('demo seed', () => {
  it('is a chain of at least two stores with one default', () => {
    expect(stores.length).toBeGreaterThanOrEqual(2);
    expect(stores.filter((store) => store.isDefault)).toHaveLength(1);
    for (const store of stores) {
      expect(store.location).toEqual({
        type: 'Point',
        coordinates: [expect.any(Number), expect.any(Number)],
      });
      expect(store.address).toMatch(/^上海市/);
      expect(store.phone).toMatch(/^021-\d{8}$/);
      assertWeeklyHours(store.hours);
    }
  });

  it('has one store open at any time and one closed at 03:00 Shanghai time', () => {
    const [xujiahui, jingan] = stores;
    for (let hour = 0; hour < 24 * 7; hour += 1) {
      expect(
        isOpenAt(xujiahui, new Date(Date.parse('2026-11-23T00:00:00Z') + hour * 3600_000)),
      ).toBe(true);
    }
    for (let day = 23; day <= 29; day += 1) {
      expect(isOpenAt(jingan, new Date(`2026-11-${day}T03:00:00+08:00`))).toBe(false);
    }
    expect(isOpenAt(jingan, new Date('2026-11-24T12:00:00+08:00'))).toBe(true);
  });

  it('has 5+ categories and 25+ goods per store, all referring to real records', () => {
    for (const store of stores) {
      const own = categories.filter((c) => c.storeId === store._id);
      expect(own.length).toBeGreaterThanOrEqual(5);
      const menu = goods.filter((g) => g.storeId === store._id);
      expect(menu.length).toBeGreaterThanOrEqual(25);
      for (const item of menu) expect(own.map((c) => c._id)).toContain(item.categoryId);
    }
    expect(new Set(goods.map((g) => g._id)).size).toBe(goods.length);
  });

  it('prices every goods item in integer fen, with its default choices and with every option', () => {
    for (const item of goods) {
      expect(Number.isInteger(item.priceFen)).toBe(true);
      expect(item.name).toMatch(/[\u4e00-\u9fa5]/);
      expect(unitPriceFen(item, defaultSelection(item))).toBeGreaterThanOrEqual(item.priceFen);
      for (const group of item.specs) {
        for (const option of group.options) {
          const selection = defaultSelection(item);
          selection.specs = { ...selection.specs, [group.id]: [option.id] };
          expect(Number.isInteger(unitPriceFen(item, selection))).toBe(true);
        }
      }
      const allAddOns = { ...defaultSelection(item), addOns: item.addOns.map((a) => a.id) };
      expect(unitPriceFen(item, allAddOns)).toBeGreaterThanOrEqual(item.priceFen);
    }
  });

  it('has specs (size, sweetness, temperature), add-ons, a sold-out and an off-shelf item', () => {
    const groups = new Set(goods.flatMap((g) => g.specs.map((s) => s.name)));
    expect([...groups]).toEqual(expect.arrayContaining(['杯型', '甜度', '温度']));
    expect(goods.filter((g) => g.addOns.length > 0).length).toBeGreaterThanOrEqual(3);
    const first = goods.filter((g) => g.storeId === stores[0]._id);
    expect(first.filter((g) => g.onShelf && g.soldOut).map((g) => g.name)).toEqual(['提拉米苏']);
    expect(first.filter((g) => !g.onShelf).map((g) => g.name)).toEqual(['冷萃咖啡']);
    expect(first.filter((g) => g.featured && isOrderable(g)).length).toBeGreaterThanOrEqual(3);
  });

  it('has tables whose codes parse back to their store and table', () => {
    for (const store of stores)
      expect(tables.filter((t) => t.storeId === store._id).length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(table.scene.length).toBeLessThanOrEqual(32);
      expect(
        parseLaunch({ scene: 1047, query: { scene: encodeURIComponent(table.scene) } }),
      ).toEqual({
        storeId: table.storeId,
        tableNo: table.tableNo,
        source: 'table_qr',
        scene: 1047,
      });
    }
  });

  it('keeps images as small storage references, never inline data', () => {
    const images = [...stores.map((s) => s.logo), ...goods.flatMap((g) => g.images)];
    for (const image of images) expect(image).toMatch(/^cloud:\/\/demo\/[\w/.-]+\.(png|jpg)$/);
  });
});

describe('database files', () => {
  const spec = loadDatabaseSpec();

  it('declare every seeded collection, with rules and indexes', () => {
    const names = spec.map((c) => c.name);
    for (const collection of Object.keys(demoData)) expect(names).toContain(collection);
    for (const collection of spec) {
      expect(collection.rules).toEqual({ read: expect.anything(), write: expect.anything() });
      expect(collection.indexes.length).toBeGreaterThan(0);
    }
  });

  it('let customers read the catalog and nobody write it from the client', () => {
    for (const name of ['stores', 'categories', 'goods', 'tables']) {
      expect(spec.find((c) => c.name === name)?.rules).toEqual({ read: true, write: false });
    }
    expect(spec.find((c) => c.name === 'orders')?.rules).toEqual({
      read: 'doc._openid == auth.openid',
      write: false,
    });
  });

  it('index fields that exist in the seeded documents, and geo-index stores.location', () => {
    for (const collection of spec) {
      const docs = demoData[collection.name] ?? [];
      for (const index of collection.indexes) {
        for (const key of index.keys) {
          if (docs.length > 0) expect(docs.every((doc) => key.field in doc)).toBe(true);
        }
      }
    }
    const stores = spec.find((c) => c.name === 'stores');
    expect(stores?.indexes.flatMap((i) => i.keys)).toContainEqual({
      field: 'location',
      direction: '2dsphere',
    });
  });
});
