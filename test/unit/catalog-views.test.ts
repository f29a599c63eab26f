import type { Category, Goods } from '../../miniprogram/domain/catalog';
import { catalogVersion } from '../../server/functions/api/catalog-version';
import {
  arrangeMenu,
  readLocation,
  toGoodsSummary,
  toStoreView,
} from '../../server/functions/api/views';
import { DEMO_STORES, demoData } from '../../tools/seed/demo';

const store = DEMO_STORES[1]; // 静安寺店, ordinary hours
const categories = demoData.categories.filter(
  (c) => c.storeId === store._id,
) as unknown as Category[];
const goods = demoData.goods.filter(
  (g) => g.storeId === store._id && g.onShelf,
) as unknown as Goods[];
const at = new Date('2026-11-24T03:00:00+08:00');

function versionOf(
  change: (menu: ReturnType<typeof arrangeMenu>) => void = () => undefined,
  now = at,
) {
  // Copies, so a test's change cannot leak into the shared seed records.
  const menu = arrangeMenu(
    categories.map((c) => ({ ...c })),
    goods.map((g) => ({ ...g })),
  );
  change(menu);
  return catalogVersion({ store: toStoreView(store, now), catalogCounter: 1, ...menu });
}

describe('readLocation', () => {
  it('reads both the SDK Point object and raw GeoJSON', () => {
    expect(readLocation({ type: 'Point', coordinates: [121.4, 31.2] })).toEqual({
      lat: 31.2,
      lng: 121.4,
    });
    expect(readLocation({ longitude: 121.4, latitude: 31.2 })).toEqual({ lat: 31.2, lng: 121.4 });
  });
});

describe('toStoreView', () => {
  it('computes the status in the store’s zone and the distance from the caller', () => {
    const view = toStoreView(store, at, { lat: 31.19553, lng: 121.43752 });
    expect(view.status).toMatchObject({
      state: 'closed',
      open: false,
      nextOpenText: '今天 07:30 营业',
    });
    expect(view.location).toEqual({ lat: 31.22347, lng: 121.44521 });
    expect(view.distanceMeters).toBeGreaterThan(3000);
    expect(toStoreView(store, at).distanceMeters).toBeNull();
    expect(view).not.toHaveProperty('catalogVersion');
  });
});

describe('arrangeMenu', () => {
  it('orders goods by category then sort and drops empty categories', () => {
    const extra: Category = { _id: 'empty', storeId: store._id, name: '空分类', sort: 0 };
    const menu = arrangeMenu([...categories].reverse().concat(extra), [...goods].reverse());
    expect(menu.categories.map((c) => c._id)).toEqual(categories.map((c) => c._id));
    const categoryOrder = menu.goods.map((g) =>
      menu.categories.findIndex((c) => c._id === g.categoryId),
    );
    expect(categoryOrder).toEqual([...categoryOrder].sort((a, b) => a - b));
    expect(menu.goods).toHaveLength(goods.length);
  });

  it('drops goods whose category does not exist', () => {
    const orphan = { ...goods[0], _id: 'orphan', categoryId: 'gone' };
    expect(arrangeMenu(categories, [...goods, orphan]).goods.map((g) => g._id)).not.toContain(
      'orphan',
    );
  });

  it('sends the first image and no description in the menu payload', () => {
    const summary = toGoodsSummary({ ...goods[0], images: ['a.jpg', 'b.jpg'] });
    expect(summary.image).toBe('a.jpg');
    expect(summary).not.toHaveProperty('description');
    expect(summary).not.toHaveProperty('images');
    expect(toGoodsSummary({ ...goods[0], images: [] }).image).toBe('');
  });
});

describe('catalogVersion', () => {
  it('is stable for the same data and ignores the clock', () => {
    expect(versionOf()).toBe(versionOf());
    expect(versionOf(undefined, new Date('2026-11-24T12:00:00+08:00'))).toBe(versionOf());
    expect(versionOf()).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with a price, a name, a sold-out switch or running out of stock', () => {
    const base = versionOf();
    expect(versionOf((m) => (m.goods[0].priceFen += 100))).not.toBe(base);
    expect(versionOf((m) => (m.categories[0].name = '新品'))).not.toBe(base);
    expect(versionOf((m) => (m.goods[1].soldOut = !m.goods[1].soldOut))).not.toBe(base);
    const stocked = goods.findIndex((g) => g.stock !== null);
    const menuIndex = (m: ReturnType<typeof arrangeMenu>) =>
      m.goods.findIndex((g) => g._id === goods[stocked]._id);
    expect(versionOf((m) => (m.goods[menuIndex(m)].stock = 0))).not.toBe(base);
    // …but not with every sale that leaves some stock.
    expect(versionOf((m) => (m.goods[menuIndex(m)].stock = 1))).toBe(base);
  });

  it('changes with the counter and the store’s own fields', () => {
    const menu = arrangeMenu(categories, goods);
    const view = toStoreView(store, at);
    const base = catalogVersion({ store: view, catalogCounter: 1, ...menu });
    expect(catalogVersion({ store: view, catalogCounter: 2, ...menu })).not.toBe(base);
    expect(
      catalogVersion({ store: { ...view, notice: '今日停电' }, catalogCounter: 1, ...menu }),
    ).not.toBe(base);
  });
});
