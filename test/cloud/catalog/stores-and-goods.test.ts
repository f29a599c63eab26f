// store.list and the dispatcher's errors through the local cloud.

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
