// Database security rules bind the mini program's direct database access (cloud functions bypass
// them): no client reads another customer's orders, and no client writes orders, goods or staff.
import { loadDatabaseSpec } from '../../tools/seed/database';

const rules = new Map(loadDatabaseSpec().map((c) => [c.name, c.rules]));

it('orders are readable only by their own customer', () => {
  expect(rules.get('orders')?.read).toBe('doc._openid == auth.openid');
});

it('staff records are readable only by the person they describe; codes by nobody', () => {
  expect(rules.get('staff')?.read).toBe('doc.openid == auth.openid');
  expect(rules.get('setup')?.read).toBe(false);
  expect(rules.get('staffInvites')?.read).toBe(false);
});

it.each(['orders', 'goods', 'stores', 'tables', 'categories', 'staff', 'setup', 'staffInvites'])(
  'no client writes %s',
  (collection) => {
    expect(rules.get(collection)?.write).toBe(false);
  },
);
