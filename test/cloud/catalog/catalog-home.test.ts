// catalog.home through the local cloud and the real wx-server-sdk, over the demo seed.

import type { CatalogHomeFull } from '../../../miniprogram/domain/api';
import type { Store } from '../../../miniprogram/domain/catalog';
import { storeStatusAt } from '../../../miniprogram/domain/hours';
import { DEMO_STORES, demoData } from '../../../tools/seed/demo';
import { type DemoCloud, dataOf, startDemoCloud } from './demo-cloud';

let demo: DemoCloud;

beforeAll(async () => {
  demo = await startDemoCloud();
}, 60_000);
afterAll(() => demo?.cloud.stop());

const NEAR_JINGAN = { lat: 31.2241, lng: 121.4462 };
const NEAR_XUJIAHUI = { lat: 31.1949, lng: 121.4368 };

async function home(data: object = {}): Promise<CatalogHomeFull> {
  const answer = dataOf(await demo.call('catalog.home', data));
  if (answer.unchanged) throw new Error('expected the full catalog');
  return answer;
}

describe('catalog.home', () => {
  it('returns the default store, open, with its menu in one call', async () => {
    const first = await home();
    expect(first.store).toMatchObject({
      _id: 'xujiahui',
      name: '栖木咖啡 · 徐家汇店',
      isDefault: true,
      location: { lat: 31.19553, lng: 121.43752 },
      phone: '021-64281234',
      distanceMeters: null,
      status: { state: 'open', open: true, todayHours: '全天营业', nextOpenAt: null },
    });
    expect(first.store.notice).toBeTruthy();
    expect(first.store.address).toMatch(/^上海市徐汇区/);
    expect(first.version).toMatch(/^[0-9a-f]{16}$/);

    const seeded = demoData.goods.filter((g) => g.storeId === 'xujiahui' && g.onShelf);
    expect(first.goods).toHaveLength(seeded.length);
    expect(first.goods.length).toBeGreaterThanOrEqual(25);
    expect(first.categories.length).toBeGreaterThanOrEqual(5);
    expect(first.categories.every((c) => c.storeId === 'xujiahui')).toBe(true);
  });

  it('lists goods in side-bar order, hides off-shelf goods and shows sold-out ones', async () => {
    const { categories, goods } = await home({ storeId: 'xujiahui' });
    const rank = goods.map((g) => categories.findIndex((c) => c._id === g.categoryId));
    expect(rank.every((r) => r >= 0)).toBe(true);
    expect(rank).toEqual([...rank].sort((a, b) => a - b));
    expect(goods.map((g) => g.name)).not.toContain('冷萃咖啡');
    expect(goods.find((g) => g.name === '提拉米苏')).toMatchObject({
      soldOut: true,
      onShelf: true,
    });
    const latte = goods.find((g) => g._id === 'xujiahui-latte');
    expect(latte).toMatchObject({ priceFen: 2800, image: 'cloud://demo/goods/latte.jpg' });
    expect(latte?.specs.map((s) => s.name)).toEqual(['杯型', '甜度', '温度']);
    expect(latte).not.toHaveProperty('description');
  });

  it('answers "unchanged" and almost nothing when the client has the current version', async () => {
    const { version } = await home();
    const answer = dataOf(await demo.call('catalog.home', { version }));
    expect(answer).toEqual({
      unchanged: true,
      version,
      storeId: 'xujiahui',
      status: expect.objectContaining({ state: 'open', open: true }),
    });
    expect(JSON.stringify(answer).length).toBeLessThan(300);
    expect(dataOf(await demo.call('catalog.home', { version: 'stale' }))).toMatchObject({
      unchanged: false,
    });
  });

  it('computes the open state of a store with ordinary hours in its own time zone', async () => {
    const jingan = DEMO_STORES[1];
    const before = storeStatusAt(jingan, new Date());
    const { store } = await home({ storeId: 'jingan' });
    const after = storeStatusAt(jingan, new Date());
    expect(store._id).toBe('jingan');
    // Unless the call straddled an opening or closing minute, it must match the shared logic.
    if (before.state === after.state) expect(store.status.state).toBe(before.state);
    expect(store.status.todayHours).toMatch(/^(07:30-21:00|10:00-14:00 16:00-22:00)$/);
  });

  it('picks the nearest store from the customer’s location when no store is given', async () => {
    expect((await home({ location: NEAR_JINGAN })).store).toMatchObject({ _id: 'jingan' });
    const near = await home({ location: NEAR_XUJIAHUI });
    expect(near.store._id).toBe('xujiahui');
    expect(near.store.distanceMeters).toBeLessThan(500);
    // An explicit store (e.g. from a table code) wins over the location.
    expect((await home({ storeId: 'xujiahui', location: NEAR_JINGAN })).store._id).toBe('xujiahui');
  });

  it('answers NOT_FOUND for an unknown store and INVALID_INPUT with the field path', async () => {
    expect(await demo.call('catalog.home', { storeId: 'nowhere' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const bad = await demo.call('catalog.home', { location: { lat: 'north', lng: 121 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!bad.ok) expect(bad.error.message).toContain('data.location.lat');
  });

  it('shows a staff override: closed until a time gives that time’s next opening', async () => {
    const until = Date.now() + 3 * 24 * 3600_000;
    await demo.db
      .collection('stores')
      .doc('xujiahui')
      .update({
        data: { statusOverride: { status: 'closed', until } },
      });
    try {
      const { store } = await home({ storeId: 'xujiahui' });
      expect(store.status).toMatchObject({ state: 'closed', open: false });
      // Open all day, so it opens the moment the override ends.
      expect(store.status.nextOpenAt).toBe(until);
      expect(store.status.nextOpenText).toMatch(/营业$/);
    } finally {
      await demo.db
        .collection('stores')
        .doc('xujiahui')
        .update({ data: { statusOverride: null } });
    }
  });

  it('changes the version when a price changes, and serves the new price', async () => {
    const before = await home({ storeId: 'jingan' });
    await demo.db
      .collection('goods')
      .doc('jingan-latte')
      .update({ data: { priceFen: 2900 } });
    try {
      const answer = dataOf(
        await demo.call('catalog.home', { storeId: 'jingan', version: before.version }),
      );
      expect(answer.unchanged).toBe(false);
      expect(answer.version).not.toBe(before.version);
      if (!answer.unchanged) {
        expect(answer.goods.find((g) => g._id === 'jingan-latte')?.priceFen).toBe(2900);
      }
    } finally {
      await demo.db
        .collection('goods')
        .doc('jingan-latte')
        .update({ data: { priceFen: 2800 } });
    }
    expect((await home({ storeId: 'jingan' })).version).toBe(before.version);
  });

  it('stores the location exactly as db.Geo.Point serialises it', async () => {
    const { data } = await demo.db.collection('stores').doc('jingan').get();
    const stored = data as Store;
    expect(JSON.parse(JSON.stringify(stored.location))).toEqual({
      type: 'Point',
      coordinates: [121.44521, 31.22347],
    });
  });
});
