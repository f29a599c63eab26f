// The action table's shape and input schemas, without a cloud: handlers are not run here
// (test/cloud/catalog runs them through the local cloud).

import { ACTION_NAMES } from '../../miniprogram/domain/api';
import { actions } from '../../server/functions/api/actions';

const parse = (action: keyof typeof actions, data: unknown) =>
  actions[action].input.safeParse(data);

describe('api action table', () => {
  it('has exactly the contract’s actions', () => {
    expect(Object.keys(actions).sort()).toEqual([...ACTION_NAMES].sort());
  });

  it('opens the catalog to anyone and orders to customers only', () => {
    // Later actions' roles are checked against docs/API.md by test/cloud/staff/authorization.
    for (const name of ACTION_NAMES.filter((n) => /^(catalog|store|goods|order)\./.test(n))) {
      expect(actions[name].role).toBe(name.startsWith('order.') ? 'customer' : 'anyone');
    }
  });

  it.each([
    {},
    { storeId: 'xujiahui' },
    { storeId: 'xujiahui', version: 'abc123' },
    { location: { lat: 31.2, lng: 121.4 } },
  ])('catalog.home accepts %j', (data) => {
    expect(parse('catalog.home', data).success).toBe(true);
  });

  it.each([
    [{ storeId: '' }, 'storeId'],
    [{ storeId: 'a/b' }, 'storeId'],
    [{ storeId: { $ne: null } }, 'storeId'],
    [{ storeId: 'x'.repeat(65) }, 'storeId'],
    [{ version: 7 }, 'version'],
    [{ location: { lat: 91, lng: 0 } }, 'location.lat'],
    [{ location: { lat: 0, lng: 181 } }, 'location.lng'],
    [{ location: { lat: NaN, lng: 0 } }, 'location.lat'],
    [{ location: { latitude: 31, longitude: 121 } }, 'location'],
    [{ openid: 'someone' }, ''],
  ])('catalog.home refuses %j', (data, path) => {
    const result = parse('catalog.home', data);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('store.list takes an optional location only', () => {
    expect(parse('store.list', {}).success).toBe(true);
    expect(parse('store.list', { location: { lat: 31.2, lng: 121.4 } }).success).toBe(true);
    expect(parse('store.list', { location: 'here' }).success).toBe(false);
  });
});
