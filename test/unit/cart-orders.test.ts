// The cart's memory of the orders made from it: a paid order takes out exactly the quantities it
// ordered (from whichever store's cart), a pending one stays remembered, a dead one is forgotten.
import type { GoodsSummary } from '../../miniprogram/domain/api';
import { type CartLine, CartStore, type OrderSeen } from '../../miniprogram/stores/cart';

const storage = new Map<string, unknown>();
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
(globalThis as unknown as { wx: object }).wx = {
  getStorageSync: (key: string) => (storage.has(key) ? copy(storage.get(key)) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, copy(value)),
  removeStorageSync: (key: string) => void storage.delete(key),
};

function goods(_id: string, priceFen = 1800): GoodsSummary {
  return {
    _id,
    storeId: 's1',
    categoryId: 'coffee',
    name: _id,
    image: '',
    blurb: '',
    priceFen,
    specs: [],
    addOns: [],
    stock: null,
    onShelf: true,
    soldOut: false,
    featured: false,
    sort: 1,
  };
}

const HOUR = 60 * 60 * 1000;
const order = (_id: string, storeId = 's1', expiresAt = Date.now() + HOUR / 4) => ({
  _id,
  storeId,
  expiresAt,
});
const qtys = (lines: CartLine[]) => lines.map((line) => [line.goodsId, line.qty]);

let cart: CartStore;
/** What services/orders hands the app's cart after every order answer. */
const ordersSeen = (orders: OrderSeen[]) => cart.settle(orders);

beforeEach(() => {
  storage.clear();
  cart = new CartStore();
  cart.open('s1');
});

describe('orders made from the cart', () => {
  it('takes out only what a paid order took: later additions stay', () => {
    const latte = cart.add(goods('latte'), {}, 2);
    const made = cart.orderableLines.map(({ key, qty }) => ({ key, qty }));
    cart.rememberOrder(order('o1'), made, 'request-1');
    cart.add(goods('latte')); // one more latte after the order was made
    cart.add(goods('cake'));

    ordersSeen([{ _id: 'o1', status: 'pending_payment' }]);
    expect(qtys(cart.lines)).toEqual([
      ['latte', 3],
      ['cake', 1],
    ]);
    expect(cart.orderFor('request-1')?.orderId).toBe('o1');

    ordersSeen([{ _id: 'o1', status: 'paid' }]);
    expect(qtys(cart.lines)).toEqual([
      ['latte', 1],
      ['cake', 1],
    ]);
    expect(cart.lineOf(latte.key)?.qty).toBe(1);
    expect(cart.orderFor('request-1')).toBeUndefined();
    // Saved like any edit: a relaunch sees the same cart.
    const relaunched = new CartStore();
    relaunched.open('s1');
    expect(qtys(relaunched.lines)).toEqual(qtys(cart.lines));

    ordersSeen([{ _id: 'o1', status: 'accepted' }]); // seen again later: nothing more goes
    expect(qtys(cart.lines)).toEqual([
      ['latte', 1],
      ['cake', 1],
    ]);
  });

  it('settles another store’s stored cart, and leaves a cart whose lines are gone alone', () => {
    cart.add(goods('latte'));
    cart.rememberOrder(order('o1'), [{ key: cart.lines[0].key, qty: 1 }], 'r');
    cart.remove(cart.lines[0].key);
    cart.add(goods('cake'));
    cart.open('s2');
    cart.add(goods('tea'));

    ordersSeen([{ _id: 'o1', status: 'completed' }]);
    expect(qtys(cart.lines)).toEqual([['tea', 1]]); // the open store, s2: untouched
    cart.open('s1');
    expect(qtys(cart.lines)).toEqual([['cake', 1]]); // no latte left to take out
  });

  it('forgets cancelled and refunded orders without touching the cart, and stale ones after a day', () => {
    cart.add(goods('latte'));
    const made = [{ key: cart.lines[0].key, qty: 1 }];
    cart.rememberOrder(order('cancelled'), made, 'r');
    ordersSeen([{ _id: 'cancelled', status: 'cancelled' }]);
    expect(cart.orderFor('r')).toBeUndefined();

    cart.rememberOrder(order('refunded'), made, 'r');
    ordersSeen([{ _id: 'refunded', status: 'refunded' }]);
    expect(cart.orderFor('r')).toBeUndefined();

    cart.rememberOrder(order('old', 's1', Date.now() - 25 * HOUR), made, 'r');
    ordersSeen([{ _id: 'another', status: 'paid' }]);
    expect(cart.orderFor('r')).toBeUndefined();
    expect(qtys(cart.lines)).toEqual([['latte', 1]]);
  });

  it('remembers the latest order per store, for its own request and store only', () => {
    cart.add(goods('latte'));
    const made = [{ key: cart.lines[0].key, qty: 1 }];
    cart.rememberOrder(order('o1'), made, 'dine-in');
    cart.rememberOrder(order('o2'), made, 'pickup');
    cart.rememberOrder(order('o3', 's2'), made, 'pickup');
    expect(cart.orderFor('dine-in')).toBeUndefined();
    expect(cart.orderFor('pickup')?.orderId).toBe('o2');
    cart.open('s2');
    expect(cart.orderFor('pickup')?.orderId).toBe('o3');

    // o1 was replaced: paying it later takes nothing out of the cart.
    cart.open('s1');
    ordersSeen([{ _id: 'o1', status: 'paid' }]);
    expect(qtys(cart.lines)).toEqual([['latte', 1]]);
  });
});
