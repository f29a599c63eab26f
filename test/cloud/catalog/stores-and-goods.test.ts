// store.list, goods.detail and the dispatcher's errors through the local cloud.

import { type DemoCloud, dataOf, startDemoCloud } from './demo-cloud';

let demo: DemoCloud;

beforeAll(async () => {
  demo = await startDemoCloud();
}, 60_000);
afterAll(() => demo?.cloud.stop());

describe('store.list', () => {
  it('sorts by distance from the customer, nearest first', async () => {
    const { stores } = dataOf(
      await demo.call('store.list', { location: { lat: 31.2241, lng: 121.4462 } }),
    );
    expect(stores.map((s) => s._id)).toEqual(['jingan', 'xujiahui']);
    const [near, far] = stores.map((s) => s.distanceMeters ?? NaN);
    expect(near).toBeLessThan(far);
    expect(far).toBeGreaterThan(3000);
    for (const store of stores) expect(store.status.todayHours).toBeTruthy();
  });

  it('lists the chain in its own order without a location', async () => {
    const { stores } = dataOf(await demo.call('store.list'));
    expect(stores.map((s) => s._id)).toEqual(['xujiahui', 'jingan']);
    expect(stores.every((s) => s.distanceMeters === null)).toBe(true);
    expect(stores[0].status.open).toBe(true);
  });
});

describe('goods.detail', () => {
  it('returns the full goods item', async () => {
    const { goods } = dataOf(await demo.call('goods.detail', { goodsId: 'xujiahui-latte' }));
    expect(goods).toMatchObject({
      _id: 'xujiahui-latte',
      name: '拿铁',
      priceFen: 2800,
      images: ['cloud://demo/goods/latte.jpg'],
      stock: null,
    });
    expect(goods.description).toBeTruthy();
    expect(goods.addOns.map((a) => a.id)).toEqual(['shot', 'oat', 'vanilla']);
  });

  it('hides off-shelf and unknown goods as NOT_FOUND, and refuses a malformed id', async () => {
    for (const goodsId of ['xujiahui-cold_brew', 'no-such-goods']) {
      expect(await demo.call('goods.detail', { goodsId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    expect(await demo.call('goods.detail', { goodsId: { $ne: '' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});

describe('api dispatcher', () => {
  it('answers UNKNOWN_ACTION for an unknown or missing action', async () => {
    expect(await demo.raw({ action: 'no.such.action', data: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACTION' },
    });
    expect(await demo.raw({})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  });

  it('refuses identity fields in request data', async () => {
    expect(await demo.call('store.list', { openid: 'someone-else' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('serves anonymous callers the catalog', async () => {
    const answer = await demo.cloud.callFunction('api', { action: 'store.list', data: {} });
    expect(answer).toMatchObject({ ok: true });
  });
});
